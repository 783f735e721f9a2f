package io.sark.migrate.cli;

import io.sark.migrate.postgres.LocalDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line run in-process, against its own embedded database in a temporary folder. */
class SarkMigrateTest {

    record Run(int exitCode, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SarkMigrate.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void upgradeWithNothingConfiguredMigratesTheEmbeddedDatabaseToHead(@TempDir Path dir) {
        String embedded = dir.resolve("embedded").toString();

        Run first = run("upgrade", "--embedded-dir", embedded);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("Using the embedded PostgreSQL in " + embedded)
                .contains("notice: TimescaleDB is not installed; audit_events stays a plain table");
        assertThat(first.out()).contains("Applied 20 changeset(s): base -> 004_audit_events.");
        assertThat(first.lastLine()).isEqualTo("Database is at revision 004_audit_events");

        Run again = run("upgrade", "--embedded-dir", embedded);
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("Nothing to apply.");
        assertThat(again.lastLine()).isEqualTo("Database is at revision 004_audit_events");
    }

    @Test
    void upgradeToARevisionStopsThereAndCurrentSaysWhatIsPending(@TempDir Path dir) {
        String embedded = dir.resolve("embedded").toString();

        Run upgrade = run("upgrade", "003_policies", "--embedded-dir", embedded);
        Run current = run("current", "--embedded-dir", embedded);

        assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();
        assertThat(upgrade.lastLine()).isEqualTo("Database is at revision 003_policies");
        assertThat(current.exitCode()).isZero();
        assertThat(current.out().strip()).isEqualTo("003_policies (1 pending)");

        Run wrong = run("upgrade", "002_add_api_keys", "--embedded-dir", embedded);
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrong.err()).contains("sark-migrate: unknown revision '002_add_api_keys'")
                .contains("did you mean 002_api_keys?")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(wrong.out()).isEmpty();
    }

    @Test
    void aFailedMigrationExitsWithItsCodeAndSaysWhereItStopped(@TempDir Path dir) throws SQLException {
        String embedded = dir.resolve("embedded").toString();
        assertThat(run("upgrade", "001_initial", "--embedded-dir", embedded).exitCode()).isZero();
        try (LocalDatabase db = LocalDatabase.open(Path.of(embedded)); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE api_keys (squatter int)");
        }

        Run failed = run("upgrade", "--embedded-dir", embedded);

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.MIGRATION_FAILED);
        assertThat(failed.err()).contains("sark-migrate: error: upgrade to head failed at changeset 002_api_keys-1")
                .contains("The database is at revision 001_initial.")
                .doesNotContain("\tat ");
        assertThat(failed.out()).isEmpty();
    }

    @Test
    void anUnusableDatabaseFolderExitsWithItsCodeInOneLine(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("not-a-folder"));

        Run failed = run("current", "--embedded-dir", file.resolve("sub").toString());

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.DATABASE_UNAVAILABLE);
        assertThat(failed.err().strip().lines().filter(l -> l.startsWith("sark-migrate: error:")))
                .singleElement().asString().contains("choose a writable folder");
    }

    @Test
    void bareCommandIsAUsageErrorThatShowsTheCommands() {
        Run bare = run();

        assertThat(bare.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bare.err()).contains("Missing a command").contains("upgrade").contains("current");
    }

    @Test
    void helpListsEveryExitCode() throws IllegalAccessException {
        Run help = run("--help");

        assertThat(help.exitCode()).isZero();
        for (Field field : ExitCodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class) {
                assertThat(help.out()).as("exit code %s in --help", field.getName()).containsPattern("(?m)^\\s+" + field.getInt(null) + "\\s+\\S");
            }
        }
    }
}
