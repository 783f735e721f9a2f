package io.sark.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input ends in one line that says what is wrong and what to do, a documented exit code, and no stack trace. */
@ExtendWith(FreshDatabase.class)
class BadInputTest {

    /** A port on which nothing listens (port 1 is reserved and never served on these machines). */
    private static final String UNREACHABLE = "jdbc:postgresql://127.0.0.1:1/sark";

    @TempDir
    Path workDir;

    private TestDatabase db;

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
    }

    private static void assertOneLineFailure(Cli.Run run, int exitCode, String... fragments) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(exitCode);
        assertThat(run.errorLines()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(fragments).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void unknownRevisionNamesTheClosestIds() {
        Cli.Run run = new Cli(workDir).run("upgrade", "003_policy", "--url", db.jdbcUrl());

        assertOneLineFailure(run, ExitCodes.USAGE, "unknown revision '003_policy'", "Did you mean 003_policies");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void unknownTargetsAreRefused() {
        Cli cli = new Cli(workDir);
        cli.run("upgrade", "001_initial", "--url", db.jdbcUrl());

        assertOneLineFailure(cli.run("upgrade", "+9", "--url", db.jdbcUrl(), "--changelog-root", Baseline.root()), ExitCodes.USAGE,
                "cannot upgrade +9", "only 3 revision(s) are pending");
        assertOneLineFailure(cli.run("downgrade", "004_audit_events", "--url", db.jdbcUrl()), ExitCodes.USAGE,
                "use 'upgrade 004_audit_events'");
        assertOneLineFailure(cli.run("downgrade", "sideways", "--url", db.jdbcUrl(), "--changelog-root", Baseline.root()), ExitCodes.USAGE,
                "unknown revision 'sideways'", "Known revisions: 001_initial, 002_api_keys, 003_policies, 004_audit_events.");
    }

    @Test
    void downgradeBelowBaseIsRefused() {
        Cli cli = new Cli(workDir);
        cli.run("upgrade", "001_initial", "--url", db.jdbcUrl());

        Cli.Run run = cli.run("downgrade", "-2", "--url", db.jdbcUrl());

        assertOneLineFailure(run, ExitCodes.USAGE, "cannot downgrade -2", "would go below base");
    }

    @Test
    void anUnreachableHostIsAnErrorNeverAFallBackToTheEmbeddedDatabase() {
        Cli.Run byUrl = new Cli(workDir).run("current", "--url", UNREACHABLE, "--connect-timeout", "2");
        Cli.Run byEnv = new Cli(workDir, Map.of("POSTGRES_HOST", "127.0.0.1", "POSTGRES_PORT", "1")).run("upgrade");

        assertOneLineFailure(byUrl, ExitCodes.UNAVAILABLE, "Cannot reach PostgreSQL at " + UNREACHABLE, "Check --url or POSTGRES_HOST");
        assertOneLineFailure(byEnv, ExitCodes.UNAVAILABLE, "Cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/sark");
        assertThat(byEnv.err()).doesNotContain("embedded");
        assertThat(workDir.resolve(".sark-migrate")).doesNotExist();
    }

    @Test
    void aWrongPasswordIsRefusedWithoutPrintingIt() throws Exception {
        String user = PasswordLogin.require("pw_user", "right-password");
        String url = db.jdbcUrl().replaceFirst("\\?.*", "") + "?user=" + user;

        Cli.Run wrongInUrl = new Cli(workDir).run("current", "--url", url + "&password=hunter2");
        Path passwordFile = Files.writeString(workDir.resolve("password"), "right-password\n");
        Cli.Run rightInFile = new Cli(workDir).run("current", "--url", url, "--password-file", passwordFile.toString(),
                "--changelog-root", Baseline.root());
        Cli.Run wrongInEnv = new Cli(workDir, Map.of("POSTGRES_HOST", "127.0.0.1",
                "POSTGRES_PORT", String.valueOf(TestPostgres.server().port()), "POSTGRES_DB", db.name(),
                "POSTGRES_USER", user, "POSTGRES_PASSWORD", "hunter2")).run("current");

        assertOneLineFailure(wrongInUrl, ExitCodes.UNAVAILABLE, "?user=pw_user refused the login of user 'pw_user'");
        assertThat(wrongInUrl.err()).doesNotContain("hunter2");
        assertOneLineFailure(wrongInEnv, ExitCodes.UNAVAILABLE, "refused the login of user 'pw_user'");
        assertThat(wrongInEnv.err() + wrongInEnv.out()).doesNotContain("hunter2");
        assertThat(rightInFile.exitCode()).as(rightInFile.err()).isZero();
        assertThat(rightInFile.out().strip()).isEqualTo("base (4 pending)");

        db.execute("GRANT ALL ON SCHEMA public TO " + user);
        Cli.Run sql = new Cli(workDir).run("upgrade", "--sql", "--url", url + "&password=right-password&connectTimeout=5");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("-- Against: pw_user@jdbc:postgresql://").doesNotContain("right-password");
    }

    /** Impossible limits and batch sizes are usage errors, said before any database is opened (the URL is unreachable). */
    @Test
    void impossibleUpgradeLimitsAreUsageErrorsBeforeAnyConnection() {
        Cli cli = new Cli(workDir);

        assertOneLineFailure(cli.run("upgrade", "--max-lock-seconds", "-1", "--url", UNREACHABLE), ExitCodes.USAGE,
                "--max-lock-seconds -1: give 0 or more seconds.");
        assertOneLineFailure(cli.run("upgrade", "--fill-batch-pages", "0", "--url", UNREACHABLE), ExitCodes.USAGE,
                "--fill-batch-pages takes 1 or more pages");
        assertOneLineFailure(cli.run("upgrade", "--fill-pause-ms", "-5", "--url", UNREACHABLE), ExitCodes.USAGE, "--fill-pause-ms 0 or more");
    }

    @Test
    void aMalformedChangelogIsReportedBeforeAnythingRuns() throws IOException {
        Path root = workDir.resolve("changelog");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n  - include: {file: missing.yaml\n");

        Cli.Run run = new Cli(workDir).run("upgrade", "--changelog-root", root.toString(), "--url", UNREACHABLE);

        assertOneLineFailure(run, ExitCodes.FAILED, "The changelog (" + root.resolve("db/changelog/db.changelog-master.yaml"), "cannot be read");
    }

    @Test
    void aBrokenRevisionFileIsTheFileNamedWithItsOwnLines() throws IOException {
        // It was named as the master, with the revision file's line numbers and snakeyaml's 'reader'.
        Path root = workDir.resolve("changelog");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n  - include: {file: db/changelog/001_a.yaml}\n");
        Files.writeString(root.resolve("db/changelog/001_a.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: a-1
                      author: t
                      changes:
                <<<<<<< HEAD
                        - sql: {sql: CREATE TABLE a (id int)}
                =======
                        - sql: {sql: CREATE TABLE b (id int)}
                >>>>>>> theirs
                """);

        Cli.Run run = new Cli(workDir).run("upgrade", "--changelog-root", root.toString(), "--url", UNREACHABLE);

        assertOneLineFailure(run, ExitCodes.FAILED, "The changelog (" + root.resolve("db/changelog/001_a.yaml") + ") cannot be read", "line 6");
        assertThat(run.err()).doesNotContain("'reader'").doesNotContain("db.changelog-master.yaml");
    }

    @Test
    void aDuplicateChangeSetIdIsReportedBeforeAnythingRuns() throws IOException {
        Path root = workDir.resolve("changelog");
        Files.createDirectories(root.resolve("db/changelog"));
        String changeSet = "  - changeSet:\n      id: 001_a-1\n      author: t\n      changes:\n        - sql: {sql: SELECT 1}\n      rollback: []\n";
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n" + changeSet + changeSet
                + "  - changeSet:\n      id: 001_a-tag\n      author: t\n      changes:\n        - tagDatabase: {tag: 001_a}\n      rollback: []\n");

        Cli.Run run = new Cli(workDir).run("upgrade", "--changelog-root", root.toString(), "--url", db.jdbcUrl());

        assertOneLineFailure(run, ExitCodes.FAILED, "Changeset id 001_a-1 is used twice (in db/changelog/db.changelog-master.yaml, twice)");
        assertThat(new Cli(workDir).run("current", "--url", db.jdbcUrl()).out()).contains("base");
    }

    @Test
    void aMissingChangelogFolderSaysWhatItMustHold() {
        Cli.Run run = new Cli(workDir).run("current", "--changelog-root", "nowhere", "--url", db.jdbcUrl());

        assertOneLineFailure(run, ExitCodes.FAILED, "No changelog at", "must contain db/changelog/db.changelog-master.yaml");
    }

    @Test
    void badConnectionSettingsAreUsageErrors() {
        assertOneLineFailure(new Cli(workDir).run("current", "--url", "mysql://db/sark"), ExitCodes.USAGE,
                "--url must be a PostgreSQL URL");
        assertOneLineFailure(new Cli(workDir).run("current", "--url", db.jdbcUrl(), "--password-file", "no/such/file"),
                ExitCodes.USAGE, "Cannot read the password file " + workDir.resolve("no/such/file")); // the working directory's, in full
        assertOneLineFailure(new Cli(workDir, Map.of("POSTGRES_PORT", "fifty")).run("current"), ExitCodes.USAGE,
                "POSTGRES_PORT must be a port number");
    }

    @Test
    void unknownOptionsAndMisusedOptionsAreUsageErrors() {
        Cli.Run option = new Cli(workDir).run("upgrade", "--bogus");
        Cli.Run sqlWithoutGenerate = new Cli(workDir).run("revision", "-m", "x", "--sql");
        Cli.Run badShadow = new Cli(workDir).run("check", "--shadow", "cloud");

        assertThat(option.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.err()).contains("Unknown option: '--bogus'");
        assertOneLineFailure(sqlWithoutGenerate, ExitCodes.USAGE, "--sql previews a generated revision: add --autogenerate.");
        assertThat(badShadow.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badShadow.err()).contains("Invalid value for option '--shadow'", "embedded, docker");
        Cli.Run badTarget = new Cli(workDir).run("downgrade", "-1x");
        Cli.Run dashMessage = new Cli(workDir).run("revision", "-m", "-5th", "--bogus");
        assertOneLineFailure(badTarget, ExitCodes.USAGE, "'-1x' is not a number of revisions");
        assertOneLineFailure(dashMessage, ExitCodes.USAGE, "Unknown option: '--bogus'");
        assertThat(dashMessage.err()).as("a message is no target").doesNotContain("number of revisions");
    }

    @Test
    void underJsonAFailureIsAJsonDocumentOnStdout() throws IOException {
        Cli.Run run = new Cli(workDir).run("upgrade", "nope", "--json", "--url", db.jdbcUrl());

        JsonNode error = new ObjectMapper().readTree(run.out()).get("error");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCodes.USAGE);
        assertThat(error.get("kind").asText()).isEqualTo("usage");
        assertThat(error.get("message").asText()).startsWith("unknown revision 'nope'");
    }

    @Test
    void aMissingDatabaseSaysSo() {
        String url = db.jdbcUrl().replaceFirst("/" + db.name() + "\\?", "/no_such_database?");

        assertOneLineFailure(new Cli(workDir).run("upgrade", "--url", url), ExitCodes.UNAVAILABLE,
                "has no such database", "Create it, or fix POSTGRES_DB or the URL");
    }

    @Test
    void aMissingIncludeNamesTheFile() throws Exception {
        Path root = baselineCopy();
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "  - include:\n      file: db/changelog/005_lost.yaml\n",
                java.nio.file.StandardOpenOption.APPEND);
        State before = state();

        Cli.Run run = new Cli(workDir).run("upgrade", "--changelog-root", root.toString(), "--url", db.jdbcUrl());

        assertOneLineFailure(run, ExitCodes.FAILED, "cannot be read", "005_lost.yaml", "is not under " + root, "--changelog-root");
        assertThat(run.err()).as("Liquibase's parameter, which sark-migrate does not have").doesNotContain("searchPath");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void anIncludeAllOfTheMastersOwnFolderSaysSoInSarkMigratesWords() throws Exception {
        Path root = workDir.resolve("changelog");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n  - includeAll: {path: db/changelog/}\n");

        Cli.Run run = new Cli(workDir).run("upgrade", "--changelog-root", root.toString(), "--url", UNREACHABLE);

        assertOneLineFailure(run, ExitCodes.FAILED, "cannot be read", "the includeAll of db/changelog/ takes in the master itself");
        assertThat(run.err()).as("a Liquibase setting sark-migrate does not have").doesNotContain("errorOnCircularIncludeAll");
    }

    @Test
    void aBrokenChainOfRevisionTagsIsRefusedBeforeAnythingRuns() throws Exception {
        Path misnamed = baselineCopy();
        Path file = misnamed.resolve("db/changelog/003_policies.yaml");
        Files.writeString(file, Files.readString(file).replace("tagDatabase: {tag: 003_policies}", "tagDatabase: {tag: 004_audit_events}"));
        Path twice = baselineCopy();
        Files.createDirectories(twice.resolve("db/changelog/branch"));
        Files.writeString(twice.resolve("db/changelog/branch/004_audit_events.yaml"), "databaseChangeLog:\n  - changeSet:\n"
                + "      id: branch-004-tag\n      author: t\n      changes:\n        - tagDatabase: {tag: 004_audit_events}\n      rollback: []\n");
        Files.writeString(twice.resolve("db/changelog/db.changelog-master.yaml"), "  - include:\n      file: db/changelog/branch/004_audit_events.yaml\n",
                java.nio.file.StandardOpenOption.APPEND);
        State before = state();

        Cli.Run renamed = new Cli(workDir).run("upgrade", "--changelog-root", misnamed.toString(), "--url", db.jdbcUrl());
        Cli.Run repeated = new Cli(workDir).run("upgrade", "--changelog-root", twice.toString(), "--url", db.jdbcUrl());

        assertOneLineFailure(renamed, ExitCodes.FAILED, "Revision file db/changelog/003_policies.yaml ends with the tag 004_audit_events");
        assertOneLineFailure(repeated, ExitCodes.FAILED, "Revision 004_audit_events is tagged twice (in db/changelog/004_audit_events.yaml and"
                + " db/changelog/branch/004_audit_events.yaml)");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aHistoryWithChangeSetsTheChangelogLacksIsRefused() throws Exception {
        Cli cli = new Cli(workDir);
        cli.run("upgrade", "002_api_keys", "--url", db.jdbcUrl(), "--changelog-root", Baseline.root());
        // What a database migrated by a newer checkout looks like to an older one.
        db.execute("INSERT INTO databasechangelog (id, author, filename, dateexecuted, orderexecuted, exectype, md5sum)"
                + " VALUES ('005_future-1', 'sark', 'db/changelog/005_future.yaml', now(), 99, 'EXECUTED', '9:0')");
        State before = state();

        for (String[] command : new String[][] {{"upgrade"}, {"downgrade", "-1"}, {"upgrade", "--sql"}}) {
            String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command),
                    java.util.stream.Stream.of("--url", db.jdbcUrl(), "--changelog-root", Baseline.root())).toArray(String[]::new);
            assertOneLineFailure(cli.run(args), ExitCodes.FAILED, "The database's history holds 1 changeset(s) that",
                    "(005_future-1 from db/changelog/005_future.yaml)", "Use that changelog; nothing ran");
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aShadowDatabaseThatIsNotEmptyIsRefusedAndLeftAlone() throws Exception {
        db.execute("CREATE TABLE precious (id int); INSERT INTO precious VALUES (1)");
        State before = state();

        Cli.Run run = new Cli(workDir).run("check", "--shadow-url", db.jdbcUrl());

        assertOneLineFailure(run, ExitCodes.FAILED, "The shadow database is not empty (precious)");
        assertThat(state()).isEqualTo(before);
    }

    /** The database's catalog and migration history, to show that a refused command changed neither. */
    private record State(io.sark.migrate.postgres.catalog.CatalogSnapshot catalog, java.util.List<String> history) {
    }

    private State state() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            java.util.List<String> history = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery("SELECT to_regclass('databasechangelog') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    try (java.sql.ResultSet h = s.executeQuery("SELECT id, md5sum, orderexecuted FROM databasechangelog ORDER BY orderexecuted")) {
                        while (h.next()) {
                            history.add(h.getString(1) + " " + h.getString(2) + " " + h.getInt(3));
                        }
                    }
                }
            }
            return new State(io.sark.migrate.postgres.catalog.CatalogSnapshot.read(c), history);
        }
    }

    private Path baselineCopy() throws IOException {
        Path copy = Files.createTempDirectory(workDir, "changelog-");
        io.sark.migrate.files.Folders.copy(Path.of(Baseline.root()), copy);
        return copy;
    }
}
