package io.sark.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command against a configured database (--url), with text and JSON output. */
@ExtendWith(FreshDatabase.class)
class CommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workDir;

    private TestDatabase db;
    private Cli cli;

    @BeforeEach
    void setUp(TestDatabase db) {
        this.db = db;
        this.cli = new Cli(workDir);
    }

    /** Runs a command on the test database, with SARK's baseline changelog. */
    private Cli.Run run(String... args) {
        String[] withUrl = new String[args.length + 4];
        System.arraycopy(args, 0, withUrl, 0, args.length);
        withUrl[args.length] = "--url";
        withUrl[args.length + 1] = db.jdbcUrl();
        withUrl[args.length + 2] = "--changelog-root";
        withUrl[args.length + 3] = Baseline.root();
        return cli.run(withUrl);
    }

    private static JsonNode json(Cli.Run run) throws IOException {
        return JSON.readTree(run.out());
    }

    /**
     * Outside SARK's checkout with no changelog given, upgrade would run the one built into sark-migrate: onto a
     * database that holds another application's tables and no history it is refused, saying what to pass. An empty
     * database, or SARK's own, is upgraded as before.
     */
    @Test
    void theBuiltInChangelogIsNotRunAmongAnotherApplicationsTables() throws Exception {
        db.execute("CREATE TABLE invoices (id int PRIMARY KEY)");

        Cli.Run refused = cli.run("upgrade", "--url", db.jdbcUrl());

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.errorLines()).isOne();
        assertThat(refused.err()).contains("The database holds 1 table(s) (invoices) and no migration history, and no changelog was given",
                "Nothing ran. Pass your project's changelog with --changelog FILE or --changelog-root DIR");
        try (var c = db.connect()) {
            assertThat(io.sark.migrate.postgres.catalog.CatalogSnapshot.read(c).tables()).containsExactly("invoices");
        }
        db.execute("DROP TABLE invoices");
        Cli.Run empty = cli.run("upgrade", "--url", db.jdbcUrl());
        assertThat(empty.exitCode()).as(empty.err()).isZero();
        assertThat(cli.run("upgrade", "--url", db.jdbcUrl()).exitCode()).isZero();
    }

    @Test
    void upgradeStepByStepAndToARevision() {
        Cli.Run one = run("upgrade", "+1");
        Cli.Run two = run("upgrade", "003_policies");

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.lastLine()).isEqualTo("Database is at revision 001_initial");
        assertThat(two.out()).contains("Applied 7 changeset(s): 001_initial -> 003_policies.");
        assertThat(one.err()).as("a configured database is not announced").doesNotContain("embedded");
    }

    @Test
    void aRevisionGivenByItsFileNameResolvesToItsId() {
        Cli.Run byAlembicName = run("upgrade", "002_add_api_keys.py");
        Cli.Run byFile = run("downgrade", "001_initial.yaml");

        assertThat(byAlembicName.exitCode()).as(byAlembicName.err()).isZero();
        assertThat(byAlembicName.lastLine()).isEqualTo("Database is at revision 002_api_keys");
        assertThat(byFile.lastLine()).isEqualTo("Database is at revision 001_initial");
    }

    @Test
    void upgradeAndDowngradeReportAsJson() throws IOException {
        JsonNode up = json(run("upgrade", "--json"));
        JsonNode down = json(run("downgrade", "base", "--json"));

        assertThat(up.get("fromRevision").asText()).isEqualTo("base");
        assertThat(up.get("toRevision").asText()).isEqualTo("004_audit_events");
        assertThat(up.get("changeSetsRun").asInt()).isEqualTo(20);
        assertThat(up.get("notices").toString()).contains("TimescaleDB is not installed");
        assertThat(down.get("toRevision").asText()).isEqualTo("base");
        assertThat(down.get("changeSetsRun").asInt()).isEqualTo(20);
    }

    @Test
    void upgradeSqlPrintsTheStatementsInOrderAndChangesNothing() throws SQLException {
        Cli.Run sql = run("upgrade", "002_api_keys", "--sql");

        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("CREATE TYPE transporttype AS ENUM").contains("CREATE TABLE public.users")
                .contains("CREATE TABLE public.api_keys").doesNotContain("CREATE TABLE public.policies");
        assertThat(sql.out().indexOf("CREATE TABLE public.users")).isLessThan(sql.out().indexOf("CREATE TABLE public.api_keys"));
        assertThat(tableCount()).as("tables after --sql").isZero();
        assertThat(run("current").out().strip()).isEqualTo("base (4 pending)");
    }

    @Test
    void downgradeSqlPrintsTheRollbackAndChangesNothing() {
        run("upgrade");

        Cli.Run sql = run("downgrade", "-1", "--sql");

        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("DROP TABLE public.audit_events").contains("DROP TYPE severitylevel")
                .doesNotContain("DROP TABLE public.policies");
        assertThat(run("current").out().strip()).isEqualTo("004_audit_events (head)");
    }

    @Test
    void currentAndHistoryShowWhatIsAppliedAndWhatIsPending() throws IOException {
        run("upgrade", "002_api_keys");

        JsonNode current = json(run("current", "--json"));
        Cli.Run history = run("history");
        Cli.Run verbose = run("history", "--verbose");
        JsonNode historyJson = json(run("history", "--json"));

        assertThat(current.get("revision").asText()).isEqualTo("002_api_keys");
        assertThat(current.get("pending").asInt()).isEqualTo(2);
        assertThat(history.out()).containsPattern("001_initial\\s+applied\\s+\\d{4}-\\d\\d-\\d\\dT")
                .containsPattern("002_api_keys\\s+applied\\s+\\S+\\s+\\(current\\)")
                .containsPattern("003_policies\\s+pending\\s+-");
        assertThat(verbose.out()).contains("001_initial-2").contains("Table users, unique by email");
        assertThat(historyJson.get("revisions")).hasSize(4);
        assertThat(historyJson.get("revisions").get(2).get("state").asText()).isEqualTo("pending");
    }

    @Test
    void stampRecordsARevisionWithoutRunningAnything() throws SQLException {
        Cli.Run stamp = run("stamp", "003_policies");

        assertThat(stamp.exitCode()).as(stamp.err()).isZero();
        assertThat(stamp.out()).contains("Stamped 003_policies (was base): 14 changeset(s) recorded as applied");
        assertThat(tableCount()).as("no schema change").isZero();
        assertThat(run("current").out().strip()).isEqualTo("003_policies (1 pending)");

        Cli.Run back = run("stamp", "001_initial");
        assertThat(back.out()).contains("Stamped 001_initial (was 003_policies): 0 changeset(s) recorded as applied, 7 unrecorded");
        assertThat(run("current").out().strip()).isEqualTo("001_initial (3 pending)");
    }

    @Test
    void anEditedAppliedChangeSetIsRefusedWithExitCode1UntilItsEditIsAccepted() throws SQLException {
        run("upgrade", "001_initial");
        db.execute("UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000' WHERE id = '001_initial-3'");

        Cli.Run refused = run("upgrade");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err().strip()).doesNotContain("\n", "Exception").contains("(001_initial-3 in db/changelog/001_initial.yaml)",
                "./sark-migrate accept-edit 001_initial-3");

        Cli.Run accepted = run("accept-edit", "001_initial-3", "--json");
        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).contains("\"checksumBefore\" : \"9:00000000000000000000000000000000\"");
        assertThat(run("upgrade").exitCode()).isZero();
        assertThat(run("accept-edit", "001_initial-3").out()).startsWith("001_initial-3 was not edited");
        assertThat(run("accept-edit", "no-such-1").exitCode()).isEqualTo(2);
    }

    @Test
    void unlockReleasesALiquibaseLockRowLeftBehindButNotOneInUse() throws SQLException {
        run("upgrade", "001_initial");
        // What stock Liquibase, killed mid-update, leaves behind (liquibase/liquibase#1453).
        db.execute("CREATE TABLE databasechangeloglock (id int PRIMARY KEY, locked boolean NOT NULL, lockgranted timestamp,"
                + " lockedby varchar(255));"
                + " INSERT INTO databasechangeloglock VALUES (1, true, now(), 'ci-runner-7 (10.0.0.7)')");
        Cli.Run blocked = run("upgrade");
        assertThat(blocked.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(blocked.err().strip()).doesNotContain("\n").contains("ci-runner-7 (10.0.0.7)", "release it with ./sark-migrate unlock --url ");

        try (Connection holder = java.sql.DriverManager.getConnection(db.jdbcUrl() + "&ApplicationName=sark-migrate pid 4242")) {
            Cli.Run refused = run("unlock");
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(refused.err()).contains("may still be in use").contains("sark-migrate pid 4242");
            assertThat(holder.isValid(1)).isTrue();
        }

        Cli.Run released = run("unlock");
        Cli.Run again = run("unlock");

        assertThat(released.exitCode()).as(released.err()).isZero();
        assertThat(released.out()).contains("Released the migration lock taken by ci-runner-7 (10.0.0.7)");
        assertThat(again.out()).contains("No migration lock is held.");
        assertThat(run("upgrade").exitCode()).as("migrations run again").isZero();
    }

    @Test
    void aMigrationWaitsForTheLockThenGivesUpNamingTheHolder() throws SQLException {
        run("upgrade", "001_initial");
        try (Connection holder = java.sql.DriverManager.getConnection(db.jdbcUrl() + "&ApplicationName=deploy-job 17")) {
            new io.sark.migrate.engine.lock.AdvisoryLock(holder, "public").acquire(java.time.Duration.ZERO, h -> { });

            long start = System.nanoTime();
            Cli.Run waited = run("upgrade", "--lock-wait", "1");
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            Cli.Run unlock = run("unlock");

            assertThat(waited.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(waited.errorLines()).isOne();
            assertThat(waited.err()).doesNotContain("Exception").contains("notice: waiting for the migration lock held by 'deploy-job 17'")
                    .contains("sark-migrate: error: Another migration holds the migration lock: 'deploy-job 17'", "Waited 1 s", "--lock-wait");
            assertThat(waitedMillis).as("it waited before giving up").isGreaterThanOrEqualTo(1000);
            assertThat(unlock.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(unlock.err()).contains("'deploy-job 17'", "pg_terminate_backend(");
            assertThat(run("current").out().strip()).startsWith("001_initial");
        }
        // The holder's session ended, and with it the lock: nothing to release by hand.
        Cli.Run upgrade = run("upgrade", "--lock-wait", "0");
        assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();
    }

    @Test
    void anAlembicDatabaseIsCheckedAgainstAThrowawayReplayThenAdopted() throws Exception {
        db.execute(java.nio.file.Files.readString(Path.of("..", "migrations", "src", "test", "resources", "reference-schema", "003_policies.sql")));
        db.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY); INSERT INTO alembic_version VALUES ('003_policies')");
        db.execute("ALTER TABLE policies ADD COLUMN hand_made text");

        assertThat(run("current").out().strip()).startsWith("base (4 pending); Alembic records 003_policies: ./sark-migrate adopt --url ")
                .contains(" (or upgrade) checks the schema and takes it over");
        Cli.Run drifted = run("adopt", "--json");
        assertThat(drifted.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(drifted.errorLines()).isOne();
        assertThat(json(drifted).at("/error/differences/0").asText()).startsWith("extra   column policies.hand_made");

        db.execute("ALTER TABLE policies DROP COLUMN hand_made");
        Cli.Run adopted = run("adopt");
        Cli.Run again = run("adopt");
        Cli.Run upgraded = run("upgrade");

        assertThat(adopted.exitCode()).as(adopted.err()).isZero();
        assertThat(adopted.out()).startsWith("Adopted the Alembic database at 003_policies: ");
        assertThat(again.out()).startsWith("Nothing to adopt");
        assertThat(upgraded.out()).contains("003_policies -> 004_audit_events");
    }

    @Test
    void aShadowGivenByUrlIsUsedAndEmptiedAgain() throws SQLException {
        Cli.Run check = cli.run("check", "--shadow-url", db.jdbcUrl());

        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.err()).contains("Comparing with a shadow database: the changelog replayed into jdbc:postgresql://");
        try (Connection c = db.connect()) {
            assertThat(io.sark.migrate.postgres.catalog.CatalogSnapshot.read(c, "public", java.util.Set.of()).objects()).isEmpty();
        }
    }

    /**
     * With the project's own changelog (--changelog-root), the shadow given by URL is replayed and emptied again with
     * that changelog. Before, it was emptied with the built-in one, which refused the history it did not know: exit 1
     * after "agree", and the shadow kept its tables (the next run was refused).
     */
    @Test
    void aShadowGivenByUrlIsEmptiedWithTheProjectsOwnChangelog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(root.resolve("db/changelog"));
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("../migrations/src/main/resources/db/changelog"))) {
            for (java.nio.file.Path file : files.toList()) {
                java.nio.file.Files.copy(file, folder.resolve(file.getFileName()));
            }
        }
        java.nio.file.Files.writeString(folder.resolve("007_housekeeping.yaml"), """
                databaseChangeLog:
                  - changeSet: {id: 007_housekeeping-1, author: t, comment: Nothing to the schema., changes: [{sql: {sql: SELECT 1}}], rollback: [{sql: {sql: SELECT 1}}]}
                  - changeSet: {id: 007_housekeeping-tag, author: t, comment: End., changes: [{tagDatabase: {tag: 007_housekeeping}}], rollback: []}
                """);
        java.nio.file.Path master = folder.resolve("db.changelog-master.yaml");
        java.nio.file.Files.writeString(master, java.nio.file.Files.readString(master) + "  - include: {file: db/changelog/007_housekeeping.yaml}\n");

        Cli.Run check = cli.run("check", "--shadow-url", db.jdbcUrl(), "--changelog-root", root.toString());

        assertThat(check.exitCode()).as(check.err()).isZero();
        try (Connection c = db.connect()) {
            assertThat(io.sark.migrate.postgres.catalog.CatalogSnapshot.read(c, "public", java.util.Set.of()).objects()).isEmpty();
        }
        assertThat(cli.run("check", "--shadow-url", db.jdbcUrl(), "--changelog-root", root.toString()).exitCode()).as("again").isZero();
    }

    @Test
    void aDowngradeThatWouldDropDataIsRefusedUnlessAllowed() throws SQLException {
        run("upgrade");
        db.execute("INSERT INTO users (id, email, full_name, hashed_password) VALUES (gen_random_uuid(), 'a@example.com', 'A', 'h')");

        Cli.Run refused = run("downgrade", "base");
        int tablesAfterRefusal = tableCount();
        Cli.Run allowed = run("downgrade", "base", "--allow-data-loss");

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.errorLines()).isOne();
        assertThat(refused.err()).contains("downgrade to base would destroy data: ", "drops table users (1 row)", "--allow-data-loss")
                .doesNotContain("Exception");
        assertThat(tablesAfterRefusal).isEqualTo(9);
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(tableCount()).isZero();
    }

    @Test
    void backupToRunsPgDumpFirstAndWithoutItNothingIsMigrated() throws Exception {
        java.nio.file.Path bin = java.nio.file.Files.createDirectories(workDir.resolve("bin"));
        java.nio.file.Path fake = bin.resolve("pg_dump");
        // A stand-in that records how it was called and whether it got the password by its environment.
        java.nio.file.Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'pg_dump (PostgreSQL) 99.0'; exit 0; fi\n"
                + "for a in \"$@\"; do case \"$a\" in --file=*) out=\"${a#--file=}\";; esac; done\n"
                + "echo \"$@\" > \"$out\"; echo \"password-given=${PGPASSWORD:+yes}\" >> \"$out\"\n");
        fake.toFile().setExecutable(true);
        String url = db.jdbcUrl();
        String secret = io.sark.migrate.postgres.JdbcUrl.parse(url).password();

        Cli.Run missing = new Cli(workDir, java.util.Map.of("PATH", "/nonexistent")).run("upgrade", "--backup-to", "pre.dump",
                "--url", url, "--changelog-root", Baseline.root());
        int tablesAfterMissing = tableCount();
        Cli.Run backedUp = new Cli(workDir, java.util.Map.of("PATH", bin.toString())).run("upgrade", "--backup-to", "pre.dump",
                "--url", url, "--changelog-root", Baseline.root());

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.errorLines()).isOne();
        assertThat(missing.err()).contains("--backup-to needs pg_dump, which is not on the PATH", "Nothing was migrated");
        assertThat(tablesAfterMissing).isZero();
        assertThat(backedUp.exitCode()).as(backedUp.err()).isZero();
        assertThat(backedUp.err()).contains("Backed up the database to " + workDir.resolve("pre.dump"), "pg_dump (PostgreSQL) 99.0");
        String call = java.nio.file.Files.readString(workDir.resolve("pre.dump"));
        assertThat(call).contains("--format=custom", "--dbname=" + db.name(), "password-given=yes").doesNotContain(secret);
        assertThat(backedUp.out() + backedUp.err()).doesNotContain(secret);
        assertThat(java.nio.file.Files.getPosixFilePermissions(workDir.resolve("pre.dump")))
                .as("a dump holds every row").isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(tableCount()).isEqualTo(9);
    }

    @Test
    void aFailedBackupLeavesNoFileBehind() throws Exception {
        java.nio.file.Path bin = java.nio.file.Files.createDirectories(workDir.resolve("bin"));
        java.nio.file.Path fake = bin.resolve("pg_dump");
        // Half a dump written, then a failure (a disk that filled, a lost connection).
        java.nio.file.Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --file=*) out=\"${a#--file=}\";; esac; done\n"
                + "echo half-a-dump > \"$out\"; echo 'pg_dump: error: could not write' >&2; exit 1\n");
        fake.toFile().setExecutable(true);

        Cli.Run failed = new Cli(workDir, java.util.Map.of("PATH", bin.toString())).run("upgrade", "--backup-to", "pre.dump",
                "--url", db.jdbcUrl(), "--changelog-root", Baseline.root());

        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.err()).contains("pg_dump failed (exit 1): pg_dump: error: could not write", "Nothing was migrated");
        try (var files = java.nio.file.Files.list(workDir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.contains("pre.dump"));
        }
        assertThat(tableCount()).isZero();
    }

    @Test
    void progressGoesToStderrWhenWantedAndNeverUnderJson() {
        Cli forced = new Cli(workDir, java.util.Map.of("SARK_MIGRATE_PROGRESS", "always"));
        String[] url = {"--url", db.jdbcUrl(), "--changelog-root", Baseline.root()};

        Cli.Run shown = forced.run(concat(new String[] {"upgrade", "002_api_keys"}, url));
        Cli.Run underJson = forced.run(concat(new String[] {"downgrade", "base", "--json"}, url));
        Cli.Run byDefault = run("upgrade", "001_initial");

        assertThat(shown.err()).contains("progress: applying 001_initial-1 (1 of 9)", "progress: applying 002_api_keys-tag (9 of 9)");
        assertThat(shown.out()).doesNotContain("progress");
        assertThat(underJson.exitCode()).isZero();
        assertThat(underJson.err()).doesNotContain("progress");
        assertThat(byDefault.err()).as("not a terminal").doesNotContain("progress");
    }

    private static String[] concat(String[] a, String[] b) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(b)).toArray(String[]::new);
    }

    private int tableCount() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                     + " AND tablename NOT LIKE 'databasechangelog%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
