package io.sark.migrate.cli;

import io.sark.migrate.errors.SarkMigrateException.Kind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The exit statuses the CLI documents are the ones the failures' kinds carry. */
class ExitCodesTest {

    @Test
    void eachKindOfFailureExitsWithTheDocumentedStatus() {
        Map<Kind, Integer> documented = Map.of(Kind.FAILED, ExitCodes.FAILED, Kind.USAGE, ExitCodes.USAGE, Kind.UNAVAILABLE,
                ExitCodes.UNAVAILABLE, Kind.INTERRUPTED, ExitCodes.INTERRUPTED);

        assertThat(documented).containsOnlyKeys(Kind.values());
        documented.forEach((kind, code) -> assertThat(kind.exitCode()).as(kind.name()).isEqualTo(code));
    }

    @Test
    void aFailureThatIsNoneOfOursIsABug() {
        assertThat(Failures.exitCodeOf(new IllegalStateException("boom"))).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(Failures.exitCodeOf(new UsageException("no"))).isEqualTo(ExitCodes.USAGE);
    }
}
