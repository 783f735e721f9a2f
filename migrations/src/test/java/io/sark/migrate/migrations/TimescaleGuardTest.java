package io.sark.migrate.migrations;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Revision 004 converts audit_events to a hypertable only where TimescaleDB is installed and the table's keys allow
 * it, and says why whenever it does not.
 */
@ExtendWith(FreshDatabase.class)
class TimescaleGuardTest {

    private TestDatabase db;

    @BeforeEach
    void useFreshDatabase(TestDatabase db) {
        this.db = db;
    }

    @Test
    void onPlainPostgresEveryTimescaleStepIsSkippedWithANotice() throws SQLException {
        List<String> messages = new ArrayList<>();
        try (Migrator migrator = Migrator.open(db.connect()).listener(messages::add)) {
            migrator.upgradeToHead();
        }
        assertThat(messages).contains(
                "sark-migrate: TimescaleDB is not installed; audit_events stays a plain table",
                "sark-migrate: TimescaleDB is not installed; no retention policy for audit_events",
                "sark-migrate: TimescaleDB is not installed; no compression for audit_events");
    }

    @Test
    void withTimescaleTheConversionIsSkippedWhileThePrimaryKeyLeavesOutTimestamp() throws Exception {
        installFakeTimescale();
        db.execute("CREATE EXTENSION timescaledb");
        List<String> messages = new ArrayList<>();
        try (Migrator migrator = Migrator.open(db.connect()).listener(messages::add)) {
            migrator.upgradeTo("004_audit_events");
        }

        assertThat(messages).contains("sark-migrate: audit_events stays a plain table: TimescaleDB needs \"timestamp\""
                + " in every primary key and unique index, and audit_events_pkey leave(s) it out");
        assertThat(calls()).isEmpty();
    }

    @Test
    void withTimescaleRevision005FixesTheKeyAndConvertsTheTable() throws Exception {
        installFakeTimescale();
        db.execute("CREATE EXTENSION timescaledb");
        upToTheConversion();

        assertThat(calls()).containsExactly("create_hypertable(audit_events, timestamp)");
        assertThat(hypertables()).containsExactly("audit_events partitioned by timestamp");
    }

    /**
     * TimescaleDB runs a retention policy as soon as it is added: upgrading an adopted database with 200 days of
     * events to 005 deleted 105,292 of 200,000 rows without a word. The rows it would delete are counted first.
     */
    @Test
    void anUpgradeWhoseRetentionPolicyWouldDeleteRowsIsRefusedWithTheCount() throws Exception {
        installFakeTimescale();
        db.execute("CREATE EXTENSION timescaledb");
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("004_audit_events");
        }
        db.execute("INSERT INTO audit_events (id, \"timestamp\", event_type) SELECT gen_random_uuid(), now() - d * interval '1 day',"
                + " (SELECT min(e.enumlabel)::auditeventtype FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                + " WHERE t.typname = 'auditeventtype') FROM generate_series(1, 200, 10) AS d");
        io.sark.migrate.postgres.catalog.CatalogSnapshot before = Fixtures.catalog(db);

        try (Migrator migrator = Migrator.open(db.connect())) {
            assertThatThrownBy(migrator::upgradeToHead).isInstanceOf(io.sark.migrate.engine.guard.DataLossException.class)
                    .hasMessage("upgrade to 006_performance_indexes would delete data: 005_audit_events_hypertable-5 adds a retention"
                            + " policy to audit_events that deletes rows older than 90 days, and TimescaleDB runs it at once: 11 rows"
                            + " with \"timestamp\" older than that now. Nothing ran. Keep a copy of what you need (pg_dump), then run"
                            + " again with --allow-data-loss.");
            assertThat(migrator.currentRevision()).contains("004_audit_events");
        }
        assertThat(Fixtures.catalog(db).differencesFrom(before)).isEmpty();
        assertThat(calls()).isEmpty();
    }

    /** The same on a changelog the stand-in can run whole: refused, then with --allow-data-loss the old rows go. */
    @Test
    void withAllowDataLossTheRetentionPolicyIsAddedAndTheOldRowsGo(@org.junit.jupiter.api.io.TempDir Path root) throws Exception {
        installFakeTimescale();
        db.execute("CREATE EXTENSION timescaledb");
        io.sark.migrate.engine.changelog.Changelog changelog = eventsThen(root, "002_retention", """
                        - sql: {sql: "SELECT create_hypertable('events', 'at', migrate_data => TRUE)"}
                        - sql: {sql: "SELECT add_retention_policy('events', INTERVAL '30 days')"}
                      rollback:
                        - sql: {sql: "SELECT remove_retention_policy('events')"}
                """);
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeTo("001_events");
        }
        db.execute("INSERT INTO events VALUES (1, now() - interval '40 days'), (2, now() - interval '31 days'), (3, now())");

        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            assertThatThrownBy(migrator::upgradeToHead).hasMessageContaining("TimescaleDB runs it at once: 2 rows with \"at\" older than that now");
            migrator.upgrade("head", true);
            assertThat(migrator.currentRevision()).contains("002_retention");
        }
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the stand-in's policy ran at once, as TimescaleDB's does").isEqualTo(1);
        }
    }

    /** A table that has its retention policy already: the call is a no-op, so nothing is counted and nothing refused. */
    @Test
    void aRetentionPolicyAlreadyInPlaceIsNoDeletion(@org.junit.jupiter.api.io.TempDir Path root) throws Exception {
        installFakeTimescale();
        db.execute("CREATE EXTENSION timescaledb");
        io.sark.migrate.engine.changelog.Changelog changelog = eventsThen(root, "002_retention", """
                        - sql: {sql: "SELECT create_hypertable('events', 'at', if_not_exists => TRUE)"}
                        - sql: {sql: "SELECT add_retention_policy('events', INTERVAL '30 days', if_not_exists => TRUE)"}
                      rollback: []
                """);
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeTo("001_events");
        }
        db.execute("SELECT create_hypertable('events', 'at')");
        db.execute("SELECT add_retention_policy('events', INTERVAL '30 days')");
        db.execute("INSERT INTO events VALUES (1, now() - interval '40 days'), (2, now())");

        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeToHead();
            assertThat(migrator.currentRevision()).contains("002_retention");
        }
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the policy was there already: nothing ran again").isEqualTo(2);
        }
    }

    /**
     * Converting a table with rows holds ACCESS EXCLUSIVE for the whole copy (13 s for 200,000 rows on TimescaleDB
     * 2.28.3): before the upgrade runs it, the operator is told how many rows, how big, and about how long.
     */
    @Test
    void anUpgradeThatConvertsATableWithRowsSaysHowLongItWillBlock(@org.junit.jupiter.api.io.TempDir Path root) throws Exception {
        installFakeTimescale();
        db.execute("CREATE EXTENSION timescaledb");
        io.sark.migrate.engine.changelog.Changelog changelog = eventsThen(root, "002_hypertable", """
                        - sql: {sql: "SELECT create_hypertable('events', 'at', migrate_data => TRUE)"}
                      rollback: []
                """);
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeTo("001_events");
        }
        db.execute("INSERT INTO events SELECT i, now() FROM generate_series(1, 40000) AS i");
        List<String> messages = new ArrayList<>();

        try (Migrator migrator = Migrator.open(db.connect(), changelog).listener(messages::add)) {
            migrator.upgradeToHead();
        }
        assertThat(messages).anyMatch(m -> m.matches("sark-migrate: 002_hypertable-1 makes a hypertable of events, copying its 40,000 rows"
                + " \\(\\d+ [kM]B\\) into chunks; reads and writes of events wait for the whole copy, about 3 s at the rate measured on"
                + " TimescaleDB 2.28.3 \\(200,000 rows in 13 s\\)"));

        db.execute("ANALYZE events");
        try (Migrator migrator = Migrator.open(db.connect(), changelog).listener(messages::add)) {
            messages.clear();
            migrator.upgradeToHead();
        }
        assertThat(messages).as("already a hypertable: nothing to copy").noneMatch(m -> m.contains("copying"));
    }

    /**
     * A database migrated on plain PostgreSQL, then given TimescaleDB: audit_events is a plain table, whatever the
     * changelog meant. Against it, the comparison must see that (before, it took the changelog's declarations: check
     * agreed, upgrade had nothing to do, and the table stayed plain for good).
     */
    @Test
    void aDatabaseGivenTimescaleDbAfterItsMigrationIsNotTakenForAHypertable() throws Exception {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }
        installFakeTimescale();
        db.execute("CREATE EXTENSION timescaledb");
        io.sark.migrate.engine.changelog.Changelog changelog = io.sark.migrate.engine.changelog.Changelog.bundled();

        try (Connection c = db.connect()) {
            var database = io.sark.migrate.postgres.catalog.CatalogSchemaReader.read(c)
                    .withHypertables(io.sark.migrate.engine.changelog.HypertableDeclarations.onDatabase(changelog, c));
            var entities = io.sark.migrate.hibernate.EntitySchemaReader.read(io.sark.migrate.model.SarkEntities.ALL, c);

            assertThat(io.sark.migrate.engine.changelog.HypertableDeclarations.in(changelog)).as("what the changelog meant").containsKey("audit_events");
            assertThat(database.hypertables()).as("what the database is").isEmpty();
            assertThat(io.sark.migrate.diff.SchemaDiff.between(database, entities).stream().map(io.sark.migrate.diff.SchemaChange::describe))
                    .anyMatch(change -> change.startsWith("Make audit_events a TimescaleDB hypertable partitioned by timestamp"));
        }
    }

    /**
     * A converted table is the hypertable TimescaleDB's views describe: right after 005's conversion it has neither
     * compression nor policies, whatever the changelog goes on to declare; once 005's later steps have run (put in
     * place here as the real extension records them) it is the declared one, a window written otherwise included.
     */
    @Test
    void aHypertableIsWhatTimescaleDbsViewsSay() throws Exception {
        installFakeTimescale();
        db.execute("CREATE EXTENSION timescaledb");
        upToTheConversion();
        io.sark.migrate.engine.changelog.Changelog changelog = io.sark.migrate.engine.changelog.Changelog.bundled();

        try (Connection c = db.connect()) {
            assertThat(io.sark.migrate.engine.changelog.HypertableDeclarations.onDatabase(changelog, c))
                    .containsExactly(java.util.Map.entry("audit_events", new io.sark.migrate.schema.Hypertable("timestamp", "", "", "", "")));
            assertThat(differences(changelog, c)).containsExactly(
                    "Compress hypertable audit_events chunks older than 7 days, segmented by event_type.",
                    "Drop audit_events chunks older than 90 days (TimescaleDB runs the policy as soon as it is added: rows older than that go at once).");
        }
        db.execute("SELECT _timescaledb_catalog.enable_compression('audit_events', '{event_type}')");
        db.execute("SELECT add_compression_policy('audit_events', INTERVAL '7 days')");
        db.execute("SELECT add_retention_policy('audit_events', INTERVAL '2160 hours')");

        try (Connection c = db.connect()) {
            assertThat(io.sark.migrate.engine.changelog.HypertableDeclarations.onDatabase(changelog, c))
                    .isEqualTo(io.sark.migrate.engine.changelog.HypertableDeclarations.in(changelog));
            assertThat(differences(changelog, c)).isEmpty();
        }
    }

    /** Policies and chunk intervals changed by hand are differences, each named with what puts it back. */
    @Test
    void hypertableSettingsChangedByHandAreDifferences() throws Exception {
        installFakeTimescale();
        db.execute("CREATE EXTENSION timescaledb");
        upToTheConversion();
        db.execute("SELECT _timescaledb_catalog.enable_compression('audit_events', '{severity}')");
        db.execute("SELECT add_compression_policy('audit_events', INTERVAL '7 days')");
        db.execute("SELECT set_chunk_time_interval('audit_events', INTERVAL '1 day')");
        io.sark.migrate.engine.changelog.Changelog changelog = io.sark.migrate.engine.changelog.Changelog.bundled();

        try (Connection c = db.connect()) {
            assertThat(io.sark.migrate.engine.changelog.HypertableDeclarations.onDatabase(changelog, c))
                    .containsExactly(java.util.Map.entry("audit_events", new io.sark.migrate.schema.Hypertable("timestamp", "1 day", "severity", "7 days", "")));
            assertThat(differences(changelog, c)).containsExactly(
                    "Set the chunk interval of hypertable audit_events to the default.",
                    "Compress hypertable audit_events chunks older than 7 days, segmented by event_type.",
                    "Drop audit_events chunks older than 90 days (TimescaleDB runs the policy as soon as it is added: rows older than that go at once).");
        }
    }

    private static List<String> differences(io.sark.migrate.engine.changelog.Changelog changelog, Connection c) throws SQLException {
        var database = io.sark.migrate.postgres.catalog.CatalogSchemaReader.read(c)
                .withHypertables(io.sark.migrate.engine.changelog.HypertableDeclarations.onDatabase(changelog, c));
        var entities = io.sark.migrate.hibernate.EntitySchemaReader.read(io.sark.migrate.model.SarkEntities.ALL, c);
        return io.sark.migrate.diff.SchemaDiff.between(database, entities).stream().map(io.sark.migrate.diff.SchemaChange::describe)
                .filter(change -> change.contains("hypertable") || change.contains("chunks")).toList();
    }

    /**
     * A changelog in {@code root}: 001_events makes a plain table {@code events (id int, at timestamptz NOT NULL)}, then
     * {@code revision}'s one changeset has {@code changesAndRollback} (its changes and rollback, as YAML) and its tag.
     */
    private static io.sark.migrate.engine.changelog.Changelog eventsThen(Path root, String revision, String changesAndRollback) throws IOException {
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), """
                databaseChangeLog:
                  - include: {file: db/changelog/001_events.yaml}
                  - include: {file: db/changelog/%s.yaml}
                """.formatted(revision));
        Files.writeString(root.resolve("db/changelog/001_events.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 001_events-1
                      author: t
                      changes:
                        - sql: {sql: "CREATE TABLE events (id int, at timestamptz NOT NULL)"}
                      rollback:
                        - sql: {sql: DROP TABLE events}
                  - changeSet: {id: 001_events-tag, author: t, changes: [{tagDatabase: {tag: 001_events}}], rollback: []}
                """);
        Files.writeString(root.resolve("db/changelog/" + revision + ".yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: %1$s-1
                      author: t
                      changes:
                %2$s  - changeSet: {id: %1$s-tag, author: t, changes: [{tagDatabase: {tag: %1$s}}], rollback: []}
                """.formatted(revision, changesAndRollback));
        return io.sark.migrate.engine.changelog.Changelog.inDirectory(root);
    }

    /** Revisions 001 to 004, then 005's changesets up to its conversion (005-3): the stand-in cannot enable compression. */
    private void upToTheConversion() throws Exception {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("004_audit_events");
        }
        try (Connection c = db.connect()) {
            io.sark.migrate.engine.ChangeSetSteps.applyNext(c, io.sark.migrate.engine.changelog.Changelog.bundled(), 3);
        }
    }

    private List<String> hypertables() throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT hypertable_name || ' partitioned by ' || column_name FROM timescaledb_information.dimensions")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    @Test
    void theOldGuardStillConvertsATableWhoseKeyIncludesTimestamp() throws Exception {
        installFakeTimescale();
        db.execute("CREATE EXTENSION timescaledb");
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("004_audit_events");
        }
        db.execute("ALTER TABLE audit_events DROP CONSTRAINT audit_events_pkey,"
                + " ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id, \"timestamp\")");

        List<String> notices = executeWithNotices(changeSetSql("004_audit_events-3"));

        assertThat(calls()).containsExactly("create_hypertable(audit_events, timestamp)");
        assertThat(notices).contains("sark-migrate: audit_events is now a TimescaleDB hypertable");
    }

    /** Installs the test double into this test run's own copy of the embedded PostgreSQL. */
    static void installFakeTimescale() throws IOException {
        assumeTrue(System.getenv("SARK_TEST_ADMIN_URL") == null, "runs on the embedded server only");
        Path installation = TestPostgres.server().installation();
        assumeTrue(installation.startsWith(Path.of(System.getProperty("sark.migrate.pg-binaries-dir", "/nonexistent")).toAbsolutePath()),
                "the test double goes only into the test run's private copy of PostgreSQL");
        Path extensions = installation.resolve("share/postgresql/extension");
        for (String file : List.of("timescaledb.control", "timescaledb--0.0.0.sql")) {
            try (InputStream in = TimescaleGuardTest.class.getResourceAsStream("/fake-timescaledb/" + file)) {
                Files.copy(in, extensions.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private List<String> calls() throws SQLException {
        List<String> calls = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT call FROM fake_timescaledb_calls")) {
            while (rs.next()) {
                calls.add(rs.getString(1));
            }
        }
        return calls;
    }

    private List<String> executeWithNotices(String sql) throws SQLException {
        List<String> notices = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                notices.add(w.getMessage());
            }
        }
        return notices;
    }

    private static String changeSetSql(String id) throws Exception {
        ResourceAccessor resources = new ClassLoaderResourceAccessor(TimescaleGuardTest.class.getClassLoader());
        for (ChangeSet cs : ChangeLogParserFactory.getInstance().getParser(Migrator.MASTER_CHANGELOG, resources)
                .parse(Migrator.MASTER_CHANGELOG, new ChangeLogParameters(), resources).getChangeSets()) {
            if (cs.getId().equals(id)) {
                return ((RawSQLChange) cs.getChanges().get(0)).getSql();
            }
        }
        throw new IllegalArgumentException("no changeset " + id);
    }
}
