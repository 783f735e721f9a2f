package io.sark.migrate.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark runs, at its tiny size, and fills every table with figures. Times are not checked (they belong to
 * BENCHMARKS.md, not to tests); what is checked is that each section ran and that sark-migrate, on models it
 * generated itself, proposes no change.
 */
class BenchSmokeIT {

    @Test
    void theBenchmarkRunsAtItsTinySize(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench.md");

        Bench.main(new String[] {"--quick", "--out", out.toString()});

        String report = Files.readString(out);
        assertThat(report).contains("## Generate on SARK's model", "## Scale: synthetic models", "## Upgrade head, then downgrade base",
                "## Writers blocked by each change");
        assertThat(report).containsPattern("\\| sark-migrate `revision --autogenerate`, against the database \\| \\d+\\.\\d\\d s \\| \\d+ MB \\| 0 \\|");
        assertThat(report).containsPattern("\\| default JVM \\| \\d+\\.\\d\\d s \\| \\d+\\.\\d\\d s \\|");
        // Side by side with Alembic (its columns are empty where Debian's python3-alembic is not installed).
        assertThat(report).contains("## Side by side").containsPattern("\\| `current`, database at head \\| \\d+\\.\\d\\d s \\|")
                .containsPattern("\\| `check` with the shadow, a run after another \\| \\d+\\.\\d\\d s \\|");
        assertThat(report).containsPattern("\\| 3 \\| 200 \\| \\d+\\.\\d\\d s, \\d+ MB, 0 \\|");
        assertThat(report).containsPattern("\\| AppCDS archive \\| \\d+\\.\\d\\d s \\| \\d+\\.\\d\\d s \\|");
        assertThat(report).containsPattern("\\| add index \\| safe: [^|]+\\| \\d+\\.\\d\\d s \\| \\d+\\.\\d{3} s \\| \\d+ \\|");
        // The data change filled every row once in each form (it throws otherwise), and was timed.
        assertThat(report).contains("## A data change over users")
                .containsPattern("\\| `revision --data`, batches of 1,000 rows \\(committed one by one\\), run by `upgrade` \\| \\d+\\.\\d\\d s \\| \\d+\\.\\d{3} s \\|")
                .containsPattern("\\| one UPDATE \\(one transaction\\) \\| \\d+\\.\\d\\d s \\|");
    }
}
