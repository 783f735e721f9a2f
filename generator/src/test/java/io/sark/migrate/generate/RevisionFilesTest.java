package io.sark.migrate.generate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RevisionFilesTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "add user preferences            | add_user_preferences",
            "  Add User-Preferences (v2)!    | add_user_preferences_v2",
            "a very long message that goes on and on well past the fifty character limit | a_very_long_message_that_goes_on_and_on_well_past",
    })
    void revisionFileNamesComeFromTheMessage(String message, String slug) {
        assertThat(RevisionFiles.slug(message)).isEqualTo(slug);
    }
}
