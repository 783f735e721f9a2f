package io.sark.migrate.generate;

import io.sark.migrate.engine.Changelog;
import io.sark.migrate.engine.ChangelogException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    static Stream<Arguments> masters() {
        String include = "db/changelog/001_x.yaml";
        return Stream.of(
                Arguments.of("an empty flow list", "databaseChangeLog: []\n", "databaseChangeLog:\n  - include:\n      file: " + include + "\n"),
                Arguments.of("nothing under the key", "databaseChangeLog:\n", "databaseChangeLog:\n  - include:\n      file: " + include + "\n"),
                Arguments.of("indented entries", "databaseChangeLog:\n  - include:\n      file: a.yaml\n",
                        "databaseChangeLog:\n  - include:\n      file: a.yaml\n  - include:\n      file: " + include + "\n"),
                Arguments.of("entries at column 0, no last newline", "databaseChangeLog:\n- include:\n    file: a.yaml",
                        "databaseChangeLog:\n- include:\n    file: a.yaml\n- include:\n    file: " + include + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("masters")
    void theNewRevisionIsTheMastersLastEntryWhateverItsLayout(String what, String master, String expected) {
        assertThat(RevisionFiles.withInclude(master, "db/changelog/001_x.yaml", Path.of("m.yaml"))).isEqualTo(expected);
    }

    @Test
    void aMasterInFlowStyleIsRefusedAndNothingIsWritten(@TempDir Path root) throws Exception {
        Path master = Files.createDirectories(root.resolve("db/changelog")).resolve("db.changelog-master.yaml");
        String flow = "databaseChangeLog: [{include: {file: db/changelog/a.yaml}}]\n";
        Files.writeString(master, flow);

        assertThatThrownBy(() -> RevisionFiles.withInclude(flow, "db/changelog/001_x.yaml", master))
                .isInstanceOf(ChangelogException.class).hasMessageContaining("Nothing was written");
        assertThat(Files.readString(master)).isEqualTo(flow);
    }

    @Test
    void aRevisionInAnEmptyMasterLeavesAChangelogThatReads(@TempDir Path root) throws Exception {
        Path master = Files.createDirectories(root.resolve("db/changelog")).resolve("db.changelog-master.yaml");
        Files.writeString(master, "databaseChangeLog: []\n");

        RevisionFiles.create(Changelog.inDirectory(root), Changelog.inDirectory(root).revisions(), "first", "ada", List.of());

        assertThat(Changelog.inDirectory(root).revisions().ids()).containsExactly("001_first");
    }
}
