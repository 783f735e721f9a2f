package io.sark.migrate.migrations;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.Validation;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.HypertableDeclarations;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TimescaleDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SARK's changelog on a real TimescaleDB (2.28.3 on PostgreSQL 15, {@link io.sark.migrate.testing.RealTimescale}):
 * what the stand-in extension cannot do (compression, policies as background jobs, chunks).
 */
@ExtendWith(TimescaleDatabase.class)
class RealTimescaleTest {

    @Test
    void atHeadAuditEventsIsAHypertableWithCompressionAndBothPoliciesAndCheckFindsNothing(TestDatabase db) throws Exception {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }

        assertThat(rows(db, "SELECT hypertable_name || ' ' || compression_enabled FROM timescaledb_information.hypertables"))
                .containsExactly("audit_events true");
        assertThat(rows(db, "SELECT attname || ' ' || coalesce(segmentby_column_index::text, '-') FROM timescaledb_information.compression_settings"
                + " WHERE hypertable_name = 'audit_events' AND segmentby_column_index IS NOT NULL")).containsExactly("event_type 1");
        assertThat(rows(db, "SELECT proc_name FROM timescaledb_information.jobs WHERE hypertable_name = 'audit_events' ORDER BY proc_name"))
                .containsExactly("policy_compression", "policy_retention");
        try (Connection c = db.connect()) {
            assertThat(HypertableDeclarations.onDatabase(Changelog.bundled(), c)).isEqualTo(HypertableDeclarations.in(Changelog.bundled()));
        }
        assertThat(differences(db)).isEmpty();
    }

    /**
     * TimescaleDB runs a retention policy as soon as it is added (upgrading an adopted database with 200 days of events
     * deleted 105,292 of 200,000 rows): the rows it would delete are counted, and the upgrade refused before anything runs.
     */
    @Test
    void anUpgradeWhoseRetentionPolicyWouldDeleteRowsIsRefusedWithTheCount(TestDatabase db) throws Exception {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("004_audit_events");
        }
        db.execute("INSERT INTO audit_events (id, \"timestamp\", event_type) SELECT gen_random_uuid(), now() - d * interval '1 day',"
                + " (SELECT min(e.enumlabel)::auditeventtype FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                + " WHERE t.typname = 'auditeventtype') FROM generate_series(1, 200, 10) AS d");

        try (Migrator migrator = Migrator.open(db.connect())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(migrator::upgradeToHead).isInstanceOf(io.sark.migrate.engine.guard.DataLossException.class)
                    .hasMessageContaining("adds a retention policy to audit_events that deletes rows older than 90 days, and TimescaleDB runs it"
                            + " at once: 11 rows with \"timestamp\" older than that now. Nothing ran.");
            assertThat(migrator.currentRevision()).contains("004_audit_events");
        }
        assertThat(rows(db, "SELECT count(*) FROM audit_events")).containsExactly("20");
        assertThat(rows(db, "SELECT count(*) FROM timescaledb_information.hypertables")).containsExactly("0");
    }

    /**
     * A database migrated without the extension and given it afterwards: the comparison reads what the database is
     * (a plain audit_events) from TimescaleDB's own views, not what the changelog meant.
     */
    @Test
    void aDatabaseGivenTimescaleDbAfterItsMigrationIsSeenAsPlain(TestDatabase db) throws Exception {
        db.execute("DROP EXTENSION timescaledb");
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }
        db.execute("CREATE EXTENSION timescaledb");

        try (Connection c = db.connect()) {
            assertThat(io.sark.migrate.postgres.catalog.CatalogSchemaReader.read(c)
                    .withHypertables(HypertableDeclarations.onDatabase(Changelog.bundled(), c)).hypertables()).isEmpty();
        }
        assertThat(differences(db)).as("what the database is: a plain table")
                .anyMatch(change -> change.startsWith("Make audit_events a TimescaleDB hypertable partitioned by timestamp"));
    }

    /** Compression, its segment-by column and the chunk interval changed by hand are differences, read from TimescaleDB's views. */
    @Test
    void hypertableSettingsChangedByHandAreDifferences(TestDatabase db) throws Exception {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }
        db.execute("SELECT remove_compression_policy('audit_events')");
        db.execute("ALTER TABLE audit_events SET (timescaledb.compress, timescaledb.compress_segmentby = 'severity')");
        db.execute("SELECT add_compression_policy('audit_events', INTERVAL '7 days')");
        db.execute("SELECT set_chunk_time_interval('audit_events', INTERVAL '1 day')");

        assertThat(differences(db)).containsExactly(
                "Set the chunk interval of hypertable audit_events to the default.",
                "Compress hypertable audit_events chunks older than 7 days, segmented by event_type.");
    }

    /**
     * A downgrade past the conversion keeps every row: the compressed chunks are decompressed, the rows copied back into
     * a plain table with the key it had before (no --allow-data-loss: nothing is lost), and the catalog is 004's
     * exactly; up again, it is a hypertable with all of them, and validate's downgrade-and-back round 005 passes there.
     * (Before, the downgrade was refused: its rollback left audit_events a hypertable, which cannot take PRIMARY KEY (id).)
     */
    @Test
    void aDowngradePastTheConversionKeepsEveryRowInAPlainTableAndUpgradingMakesItAHypertableAgain(TestDatabase db) throws Exception {
        CatalogSnapshot at004;
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("004_audit_events");
            at004 = Fixtures.catalog(db);
            migrator.upgradeToHead();
        }
        db.execute("INSERT INTO audit_events (id, \"timestamp\", event_type, details) SELECT gen_random_uuid(), now() - (i % 60) * interval '1 day'"
                + " - i * interval '1 second', (SELECT min(e.enumlabel)::auditeventtype FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                + " WHERE t.typname = 'auditeventtype'), jsonb_build_object('n', i) FROM generate_series(1, 20000) AS i");
        // What the compression policy compresses (it may be at it meanwhile: a background job, run at moments of its own).
        db.execute("SELECT compress_chunk(c, if_not_compressed => TRUE) FROM show_chunks('audit_events', older_than => INTERVAL '7 days') AS c");
        assertThat(rows(db, "SELECT count(*) > 0 FROM timescaledb_information.chunks WHERE hypertable_name = 'audit_events' AND is_compressed"))
                .containsExactly("t");
        List<String> before = rows(db, ROWS_DIGEST);

        List<String> said = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Migrator migrator = Migrator.open(db.connect()).listener(said::add)) {
            migrator.downgrade("004_audit_events");
            assertThat(migrator.currentRevision()).contains("004_audit_events");
        }
        // The cost, said before anything ran.
        assertThat(said).anyMatch(line -> line.matches("sark-migrate: 005_audit_events_hypertable-4's rollback decompresses \\d+ chunks of audit_events .*"))
                .anyMatch(line -> line.startsWith("sark-migrate: 005_audit_events_hypertable-3's rollback copies its 20,000 rows of audit_events"));
        System.out.println(String.join("\n", said));

        assertThat(rows(db, "SELECT count(*) FROM timescaledb_information.hypertables")).containsExactly("0");
        assertThat(rows(db, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_events'::regclass")).containsExactly("0");
        assertThat(rows(db, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'audit_events'::regclass AND contype = 'p'"))
                .containsExactly("PRIMARY KEY (id)");
        assertThat(rows(db, ROWS_DIGEST)).isEqualTo(before).first().asString().startsWith("20000 ");
        assertThat(Fixtures.catalog(db)).isEqualTo(at004);
        assertThat(rows(db, "SELECT count(*) FROM pg_proc WHERE proname LIKE 'sark\\_plain\\_%'")).containsExactly("0");

        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }
        assertThat(rows(db, "SELECT hypertable_name FROM timescaledb_information.hypertables")).containsExactly("audit_events");
        assertThat(rows(db, ROWS_DIGEST)).isEqualTo(before);
        assertThat(differences(db)).isEmpty();

        io.sark.migrate.postgres.TargetDatabase target = new io.sark.migrate.postgres.TargetDatabase() {
            public Connection connect() {
                try {
                    return db.connect();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }

            public String describe() {
                return "the test's database";
            }

            public boolean embedded() {
                return false;
            }

            public void close() {
            }
        };
        Validation.Report report = new Validation(target, Changelog.bundled(), io.sark.migrate.diagnostics.MigrationListener.NONE)
                .run(new Validation.Options(false, "005_audit_events_hypertable", false));
        assertThat(report.steps()).allSatisfy(step -> assertThat(step.passed()).as(step.name() + ": " + step.details()).isTrue());
        assertThat(rows(db, ROWS_DIGEST)).isEqualTo(before);
    }

    /**
     * The application writes while the downgrade copies its rows back (slowed here to small batches): every row it
     * inserted is in the plain table, none it deleted, and none of its statements failed.
     */
    @Test
    void whatTheApplicationWritesDuringTheCopyBackIsKept(TestDatabase db) throws Exception {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }
        db.execute("INSERT INTO audit_events (id, \"timestamp\", event_type) SELECT gen_random_uuid(), now() - (i % 30) * interval '1 day'"
                + " - i * interval '1 second', (SELECT min(e.enumlabel)::auditeventtype FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                + " WHERE t.typname = 'auditeventtype') FROM generate_series(1, 20000) AS i");
        List<String> existing = rows(db, "SELECT id FROM audit_events ORDER BY \"timestamp\"");

        java.util.Set<String> inserted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<String> deleted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            try (Connection c = db.connect()) {
                for (int i = 0; !stop.get(); i++) {
                    String id = java.util.UUID.randomUUID().toString();
                    try (var insert = c.prepareStatement("INSERT INTO audit_events (id, event_type) VALUES (?::uuid,"
                            + " (SELECT min(e.enumlabel)::auditeventtype FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'auditeventtype'))")) {
                        insert.setString(1, id);
                        insert.executeUpdate();
                        inserted.add(id);
                        if (i % 3 == 0 && i / 3 < existing.size()) {
                            String gone = existing.get(i / 3);
                            try (var delete = c.prepareStatement("DELETE FROM audit_events WHERE id = ?::uuid")) {
                                delete.setString(1, gone);
                                delete.executeUpdate();
                                deleted.add(gone);
                            }
                        }
                    } catch (SQLException e) {
                        failures.add(e.getMessage());
                    }
                }
            } catch (SQLException e) {
                failures.add(e.getMessage());
            }
        });
        writer.start();
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.fillBatches(4, 20);
            migrator.downgrade("004_audit_events");
        } finally {
            stop.set(true);
            writer.join();
        }

        assertThat(failures).isEmpty();
        assertThat(inserted).hasSizeGreaterThan(50);
        assertThat(deleted).isNotEmpty();
        List<String> now = rows(db, "SELECT id FROM audit_events");
        assertThat(now).containsAll(inserted).doesNotContainAnyElementsOf(deleted).hasSize(20000 + inserted.size() - deleted.size());
        assertThat(rows(db, "SELECT count(*) FROM timescaledb_information.hypertables")).containsExactly("0");
    }

    /**
     * A changelog written before sark-migrate could copy a hypertable back (its conversion's rollback only says so) and
     * whose earlier rollback re-adds a key without the time column: TimescaleDB refuses that key on the hypertable, and
     * the rollbacks before it would have run. The downgrade is refused before anything runs, naming the way out.
     */
    @Test
    void aDowngradeWhoseRollbackLeavesAHypertableThatCannotTakeItsKeyIsRefusedBeforeAnythingRuns(TestDatabase db,
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path root) throws Exception {
        java.nio.file.Files.createDirectories(root.resolve("db/changelog"));
        java.nio.file.Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), """
                databaseChangeLog:
                  - changeSet: {id: 001_events-1, author: t, changes: [{sql: {sql: "CREATE TABLE events (id int PRIMARY KEY, at timestamptz NOT NULL)"}}], rollback: [{sql: {sql: DROP TABLE events}}]}
                  - changeSet: {id: 001_events-tag, author: t, changes: [{tagDatabase: {tag: 001_events}}], rollback: []}
                  - changeSet:
                      id: 002_hypertable-1
                      author: t
                      changes:
                        - sql: {sql: "ALTER TABLE events DROP CONSTRAINT events_pkey, ADD PRIMARY KEY (id, at)"}
                        - sql: {sql: "SELECT create_hypertable('events', 'at', migrate_data => TRUE)"}
                      rollback:
                        - sql: {sql: "ALTER TABLE events DROP CONSTRAINT events_pkey, ADD PRIMARY KEY (id)"}
                  - changeSet: {id: 002_hypertable-tag, author: t, changes: [{tagDatabase: {tag: 002_hypertable}}], rollback: []}
                """);
        Changelog changelog = Changelog.inDirectory(root);
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeToHead();
        }
        db.execute("INSERT INTO events SELECT i, now() - i * interval '1 hour' FROM generate_series(1, 100) AS i");

        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> migrator.downgrade("001_events"))
                    .isInstanceOf(io.sark.migrate.engine.changelog.ChangelogException.class)
                    .hasMessageStartingWith("downgrade to 001_events would fail at changeset 002_hypertable-1: its rollback adds primary key"
                            + " (id) to events, a TimescaleDB hypertable partitioned by \"at\"")
                    .hasMessageContaining("Nothing ran.");
            assertThat(migrator.currentRevision()).contains("002_hypertable");
        }
        assertThat(rows(db, "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'events'::regclass AND contype = 'p'"))
                .containsExactly("PRIMARY KEY (id, at)");
        assertThat(rows(db, "SELECT count(*) FROM events")).containsExactly("100");
    }

    /**
     * A database SARK's Alembic revisions built to 004 on a server with TimescaleDB (its 004 left audit_events plain:
     * the key leaves out "timestamp"), with events: adopted and upgraded, audit_events is a hypertable with every row,
     * and nothing differs from the entities. The extension's functions in public do not stop the adoption.
     */
    @Test
    void anAlembicDatabaseWithTheExtensionIsAdoptedAndUpgradedWithEveryRow(TestDatabase db) throws Exception {
        AlembicAdoptionTest.builtByAlembic(db, "004_audit_events");
        db.execute("INSERT INTO audit_events (id, \"timestamp\", event_type) SELECT gen_random_uuid(), now() - (i % 60) * interval '1 day',"
                + " (SELECT min(e.enumlabel)::auditeventtype FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                + " WHERE t.typname = 'auditeventtype') FROM generate_series(1, 500) AS i");
        List<String> before = rows(db, ROWS_DIGEST);

        try (Migrator migrator = Migrator.open(db.connect()).adoptionReference(AlembicAdoptionTest.REFERENCE)) {
            migrator.upgradeToHead();
            assertThat(migrator.currentRevision()).contains(migrator.revisions().head());
        }

        assertThat(rows(db, "SELECT hypertable_name FROM timescaledb_information.hypertables")).containsExactly("audit_events");
        assertThat(rows(db, ROWS_DIGEST)).isEqualTo(before);
        assertThat(differences(db)).isEmpty();
    }

    /** Every row of audit_events, as one digest (with the count first): equal only if every row is there as it was. */
    private static final String ROWS_DIGEST = "SELECT count(*) || ' ' || md5(string_agg(a::text, '|' ORDER BY a.id)) FROM audit_events a";

    private static List<String> differences(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            Changelog changelog = Changelog.bundled();
            var database = io.sark.migrate.postgres.catalog.CatalogSchemaReader.read(c).withHypertables(HypertableDeclarations.onDatabase(changelog, c));
            var entities = io.sark.migrate.hibernate.EntitySchemaReader.read(io.sark.migrate.model.SarkEntities.ALL, c);
            return io.sark.migrate.diff.SchemaDiff.between(database, entities).stream().map(io.sark.migrate.diff.SchemaChange::describe).toList();
        }
    }

    static List<String> rows(TestDatabase db, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
