package io.sark.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * upgrade, current and downgrade over the databases of a targets file: a canary first, the rest after, each target's
 * result, the exit code of the first failure, and a re-run that only moves what is left.
 */
class TargetsTest {

    /**
     * Nothing listens on port 1, yet a run waits for it as long as --connect-timeout (5 s here): 2 s failed a good
     * target's login once on a loaded 2-core machine, 20 s cost half a minute a run.
     */
    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/nowhere?user=sark";

    @TempDir
    Path workDir;

    @Test
    void fiveDatabasesOneUnreachableOneAtHeadTheCanaryFirstTheOthersFinishUnderKeepGoing() throws Exception {
        String head = Changelog.bundled().revisions().head();
        try (TestDatabase a = TestPostgres.freshDatabase(); TestDatabase b = TestPostgres.freshDatabase();
             TestDatabase d = TestPostgres.freshDatabase(); TestDatabase e = TestPostgres.freshDatabase()) {
            assertThat(cli().run("upgrade", "--url", b.jdbcUrl()).exitCode()).isZero(); // b is at head already
            String password = io.sark.migrate.postgres.JdbcUrl.parse(d.jdbcUrl()).password();
            String userInfo = d.jdbcUrl().replaceFirst("^jdbc:postgresql://", "jdbc:postgresql://postgres:" + password + "@").replaceFirst("\\?.*", "");
            Path file = targets("canary=" + a.jdbcUrl(), "at-head=" + b.jdbcUrl(), "gone=" + UNREACHABLE,
                    "# a comment, and a password (as user-info) the output must not show", "d=" + userInfo, e.jdbcUrl());

            Cli.Run first = cli().run("upgrade", "--targets", file.toString(), "--keep-going", "--parallel", "3", "--connect-timeout", "5", "--json");

            assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.UNAVAILABLE);
            JsonNode results = new ObjectMapper().readTree(first.out()).get("targets");
            assertThat(results).hasSize(5);
            assertThat(results.get(0).get("name").asText()).isEqualTo("canary");
            assertThat(results.get(0).get("status").asText()).isEqualTo("applied");
            assertThat(results.get(0).get("toRevision").asText()).isEqualTo(head);
            assertThat(results.get(1).get("status").asText()).isEqualTo("up to date");
            assertThat(results.get(1).get("changeSetsRun").asInt()).isZero();
            assertThat(results.get(2).get("exitCode").asInt()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(results.get(2).get("error").asText()).contains("Cannot reach PostgreSQL");
            assertThat(results.get(3).get("status").asText()).as(first.out() + first.err()).isEqualTo("applied");
            assertThat(results.get(4).get("status").asText()).as(first.out() + first.err()).isEqualTo("applied");
            assertThat(first.out() + first.err()).doesNotContain(password);

            Cli.Run again = cli().run("upgrade", "--targets", file.toString(), "--keep-going", "--parallel", "3", "--connect-timeout", "5");

            assertThat(again.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(again.out()).containsPattern("(?m)^canary +" + head + " +" + head + " +0 +\\d+\\.\\d s +up to date$")
                    .containsPattern("(?m)^gone +- +- +- +\\d+\\.\\d s +failed \\(exit 3\\): Cannot reach PostgreSQL")
                    .contains("5 target(s) in").contains("1 failed, 0 not run.");
            assertThat(again.out().lines().filter(l -> l.endsWith("up to date"))).hasSize(4);

            Cli.Run current = cli().run("current", "--targets", file.toString(), "--keep-going", "--connect-timeout", "5");
            assertThat(current.out()).containsPattern("(?m)^d +" + head + " +at head");

            Cli.Run down = cli().run("downgrade", "base", "--targets", file.toString(), "--keep-going", "--parallel", "2", "--connect-timeout", "5");
            assertThat(down.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(down.out().lines().filter(l -> l.contains(" rolled back"))).hasSize(4);
        }
    }

    @Test
    void aFailedCanaryStopsEverythingAndWithoutKeepGoingTheFirstFailureStopsTheRest() throws Exception {
        try (TestDatabase a = TestPostgres.freshDatabase(); TestDatabase d = TestPostgres.freshDatabase()) {
            Cli.Run canary = cli().run("current", "--targets", targets("gone=" + UNREACHABLE, "a=" + a.jdbcUrl()).toString(),
                    "--keep-going", "--connect-timeout", "5");
            assertThat(canary.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(canary.out()).contains("not run: the canary (gone) failed");

            Cli.Run stopped = cli().run("current", "--targets", targets("a=" + a.jdbcUrl(), "gone=" + UNREACHABLE, "d=" + d.jdbcUrl()).toString(),
                    "--connect-timeout", "5");
            assertThat(stopped.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(stopped.out()).containsPattern("(?m)^a +base +\\d+ pending").contains("not run: stopped at the first failure");
        }
    }

    @Test
    void aTargetsFileIsReadStrictlyAndItsMistakesAreUsageErrors() throws Exception {
        Files.writeString(workDir.resolve("us.secret"), "from-file\n");
        List<Targets.Target> read = Targets.read(targets("jdbc:postgresql://db1:5432/sark?user=x&password=p%40ss", "eu=jdbc:postgresql://db2/sark",
                "  # only a comment", "us=jdbc:postgresql://db3/sark password-file=us.secret"), null,
                Map.of("SARK_MIGRATE_PASSWORD_EU", "from-env", "SARK_MIGRATE_PASSWORD", "shared"));

        assertThat(read).extracting(Targets.Target::name).containsExactly("db1:5432/sark", "eu", "us");
        assertThat(read.get(0).url()).isEqualTo("jdbc:postgresql://db1:5432/sark?user=x");
        assertThat(read.get(0).password()).isEqualTo("p@ss");
        assertThat(read.get(1).password()).isEqualTo("from-env");
        assertThat(read.get(2).password()).isEqualTo("from-file");

        assertThatThrownBy(() -> Targets.read(targets("eu=mysql://db/sark"), null, Map.of())).isInstanceOf(UsageException.class)
                .hasMessageContaining("line 1: expected a PostgreSQL URL");
        assertThatThrownBy(() -> Targets.read(targets("eu=jdbc:postgresql://a/x", "eu=jdbc:postgresql://b/x"), null, Map.of()))
                .hasMessageContaining("line 2: the target eu is listed twice");
        assertThatThrownBy(() -> Targets.read(targets("# nothing"), null, Map.of())).hasMessageContaining("lists no database");
        Cli.Run both = cli().run("upgrade", "--targets", targets("jdbc:postgresql://a/x").toString(), "--url", "jdbc:postgresql://b/x");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("--targets and --url");
    }

    /**
     * A target whose run failed part-way is shown where its database stands, read after the run: before, its row said
     * "-" (its run's report names no revision), which after Ctrl-C hid a database that had reached head (issue 37).
     */
    @Test
    void aTargetWhoseRunFailedIsShownWhereItsDatabaseStands() throws Exception {
        // A changelog of two revisions, the second failing.
        Path root = workDir.resolve("project");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n");
        String at = "--changelog-root=" + root;
        assertThat(cli().run("revision", "-m", "a", at).exitCode()).isZero();
        assertThat(cli().run("revision", "-m", "Table a.", "--add-sql", Files.writeString(workDir.resolve("a.sql"), "CREATE TABLE a (id int)").toString(),
                "--rollback-sql", Files.writeString(workDir.resolve("undo-a.sql"), "DROP TABLE a").toString(), at).exitCode()).isZero();
        assertThat(cli().run("revision", "-m", "b", at).exitCode()).isZero();
        assertThat(cli().run("revision", "-m", "Fails.", "--add-sql", Files.writeString(workDir.resolve("b.sql"), "SELECT 1/0").toString(),
                "--rollback-sql", Files.writeString(workDir.resolve("undo-b.sql"), "SELECT 1").toString(), at).exitCode()).isZero();
        try (TestDatabase a = TestPostgres.freshDatabase()) {
            Cli.Run run = cli().run("upgrade", "--targets", targets("a=" + a.jdbcUrl()).toString(), "--changelog-root", root.toString(),
                    "--allow-lint-errors", "--json");

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
            JsonNode row = new ObjectMapper().readTree(run.out()).get("targets").get(0);
            assertThat(row.get("status").asText()).startsWith("failed");
            assertThat(row.get("toRevision").asText()).isEqualTo("001_a");
            assertThat(TargetRun.forCurrent("upgrade", List.of("+1", "--lock-wait", "60", "--changelog-root", "r", "--contexts=prod",
                    "--allow-data-loss"), new Context(Map.of(), workDir))).containsExactly("--lock-wait", "60", "--changelog-root", "r", "--contexts=prod");
        }
    }

    @Test
    void eachTargetsRunGetsTheCommandLineButNotTheTargetsOwnOptions() {
        assertThat(TargetRun.passedOn("upgrade", new String[] {"--verbose", "upgrade", "+1", "--targets", "t.txt", "--parallel=3", "--keep-going",
                "--json", "--lock-wait", "60", "--password-file", "pw", "--contexts=prod"}))
                .containsExactly("--verbose", "+1", "--lock-wait", "60", "--contexts=prod");
    }

    private Cli cli() {
        return new Cli(workDir);
    }

    private Path targets(String... lines) throws Exception {
        Path file = Files.createTempFile(workDir, "targets", ".txt");
        Files.write(file, new ArrayList<>(List.of(lines)));
        return file;
    }
}
