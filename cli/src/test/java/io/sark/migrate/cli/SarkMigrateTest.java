package io.sark.migrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default, and what any command line shows: help, exit codes, a bare command. */
class SarkMigrateTest {

    @Test
    void withNothingConfiguredCommandsUseTheEmbeddedDatabaseAndSaySo(@TempDir Path dir) {
        Cli cli = new Cli(dir);

        Cli.Run first = cli.run("upgrade", "--changelog-root", Baseline.root());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("Using the embedded PostgreSQL in .sark-migrate/ (no database configured).")
                .contains("notice: TimescaleDB is not installed; audit_events stays a plain table");
        assertThat(first.out()).contains("Applied 20 changeset(s): base -> 004_audit_events.");
        assertThat(first.lastLine()).isEqualTo("Database is at revision 004_audit_events");
        assertThat(dir.resolve(".sark-migrate/pgdata/PG_VERSION")).exists();

        Cli.Run down = cli.run("downgrade", "-1", "--changelog-root", Baseline.root());
        Cli.Run current = cli.run("current", "--changelog-root", Baseline.root());

        assertThat(down.lastLine()).isEqualTo("Database is at revision 003_policies");
        assertThat(current.out().strip()).isEqualTo("003_policies (1 pending)");
    }

    @Test
    void bareCommandIsAUsageErrorThatShowsTheCommands(@TempDir Path dir) {
        Cli.Run bare = new Cli(dir).run();

        assertThat(bare.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bare.err()).contains("Missing a command").contains("upgrade").contains("downgrade").contains("validate");
    }

    @Test
    void helpListsEveryExitCode(@TempDir Path dir) throws IllegalAccessException {
        Cli.Run help = new Cli(dir).run("--help");

        assertThat(help.exitCode()).isZero();
        for (Field field : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                assertThat(help.out()).as("exit code %s in --help", field.getName())
                        .containsPattern("(?m)^\\s+" + field.getInt(null) + "\\s+\\S");
            }
        }
    }

    @Test
    void everyCommandHasHelpWithExamples(@TempDir Path dir) {
        Cli cli = new Cli(dir);
        for (String command : new String[] {"upgrade", "downgrade", "current", "history", "stamp", "revision", "check",
                "validate", "unlock", "adopt", "accept-edit", "lint", "completion"}) {
            Cli.Run help = cli.run(command, "--help");

            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: sark-migrate " + command).contains("Examples:")
                    .containsPattern("(?m)^\\s+\\./sark-migrate " + command);
            assertThat(help.out().lines()).as("%s: no line wider than a terminal", command).allMatch(line -> line.length() <= 80);
        }
    }

    @Test
    void versionSaysWhichBuildAndWhatItBundles(@TempDir Path dir) {
        Cli.Run version = new Cli(dir).run("--version");

        String head = io.sark.migrate.engine.changelog.Changelog.bundled().revisions().head();
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("sark-migrate ")
                .containsPattern("(?m)^  commit: +[0-9a-f]{7,}")
                .containsPattern("(?m)^  changelog head: +" + head + "$")
                .containsPattern("(?m)^  Liquibase: +4\\.33\\.")
                .containsPattern("(?m)^  Hibernate ORM: +6\\.6\\.")
                .containsPattern("(?m)^  PostgreSQL JDBC: +42\\.")
                .containsPattern("(?m)^  Java: +\\d+");
    }

    @Test
    void versionAsJsonHasEveryItem(@TempDir Path dir) throws Exception {
        Cli.Run version = new Cli(dir).run("--version", "--json");

        assertThat(version.exitCode()).as(version.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(version.out());
        assertThat(json.get("changelogHead").asText()).isEqualTo(io.sark.migrate.engine.changelog.Changelog.bundled().revisions().head());
        assertThat(json.get("commit").asText()).matches("[0-9a-f]{7,}");
        assertThat(json.get("liquibase").asText()).startsWith("4.33.");
        assertThat(json.get("hibernate").asText()).startsWith("6.6.");
        assertThat(json.get("postgresqlJdbc").asText()).startsWith("42.");
        assertThat(json.get("version").asText()).isNotBlank();
    }

    @Test
    void completionPrintsABashScriptThatKnowsTheCommandsAndTheirOptions(@TempDir Path dir) {
        Cli.Run run = new Cli(dir).run("completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F _complete_sark-migrate", "upgrade", "downgrade", "adopt", "--allow-data-loss", "--lock-wait");
    }
}
