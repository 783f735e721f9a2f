package io.sark.migrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** check with the shadow: the second run in a row comes from the shadow cache, and says so; --timings says where the time went. */
class ShadowCacheCommandTest {

    @TempDir
    Path work;

    @TempDir
    Path cache;

    @Test
    void theSecondCheckInARowReplaysNothing() {
        Cli cli = new Cli(work, Map.of("SARK_MIGRATE_SHADOW_CACHE", cache.toString()));

        Cli.Run first = cli.run("check", "--timings");
        Cli.Run second = cli.run("check", "--timings");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("the changelog replayed into the embedded shadow PostgreSQL (0 revision(s) from the cache, ")
                .contains("timing:     replay the changelog into the shadow");
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.err()).containsPattern("embedded shadow PostgreSQL \\(all \\d+ revision\\(s\\) from the cache\\)")
                .doesNotContain("replay the changelog into the shadow")
                .contains("timing: JVM uptime, start to end", "timing:     copy the cached template");
        assertThat(second.out()).isEqualTo(first.out()).doesNotContain("timing");
    }

    @Test
    void withoutTheCacheTheWholeChangelogIsReplayedIntoAThrowawayServer() {
        Cli cli = new Cli(work, Map.of("SARK_MIGRATE_SHADOW_CACHE", cache.toString()));

        Cli.Run run = cli.run("check", "--no-shadow-cache");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("the changelog replayed into a throwaway embedded PostgreSQL.");
        assertThat(cache).isEmptyDirectory();
    }

    @Test
    void theCacheCanBeSwitchedOffForAMachine() {
        Cli cli = new Cli(work, Map.of("SARK_MIGRATE_SHADOW_CACHE", "off"));

        Cli.Run run = cli.run("check");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("the changelog replayed into a throwaway embedded PostgreSQL.");
    }
}
