package io.sark.migrate.migrations;

import io.sark.migrate.engine.Changelog;
import io.sark.migrate.engine.HypertableDeclarations;
import io.sark.migrate.engine.Migrator;
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
            org.assertj.core.api.Assertions.assertThatThrownBy(migrator::upgradeToHead).isInstanceOf(io.sark.migrate.engine.DataLossException.class)
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
            assertThat(io.sark.migrate.postgres.CatalogSchemaReader.read(c)
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
     * A downgrade past the conversion, with rows in compressed chunks, is refused before anything runs: the policies,
     * the compression and every compressed chunk stay as they were (on the real extension a failed attempt had
     * decompressed 16 chunks, removed both policies and left the table without a key).
     */
    @Test
    void aDowngradePastTheConversionIsRefusedBeforeAnythingRunsAndNothingIsDecompressed(TestDatabase db) throws Exception {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }
        db.execute("INSERT INTO audit_events (id, \"timestamp\", event_type) SELECT gen_random_uuid(), now() - (i % 60) * interval '1 day',"
                + " (SELECT min(e.enumlabel)::auditeventtype FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
                + " WHERE t.typname = 'auditeventtype') FROM generate_series(1, 2000) AS i");
        // What the compression policy compresses (it may be at it meanwhile: a background job, run at moments of its own).
        db.execute("SELECT compress_chunk(c, if_not_compressed => TRUE) FROM show_chunks('audit_events', older_than => INTERVAL '7 days') AS c");
        List<String> compressed = rows(db, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'audit_events' AND is_compressed");
        assertThat(compressed).doesNotContain("0");

        try (Migrator migrator = Migrator.open(db.connect())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> migrator.downgrade("004_audit_events"))
                    .hasMessageStartingWith("downgrade to 004_audit_events would fail at changeset 005_audit_events_hypertable-1:")
                    .hasMessageContaining("Nothing ran.");
            assertThat(migrator.currentRevision()).contains("006_performance_indexes");
        }
        assertThat(rows(db, "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'audit_events' AND is_compressed"))
                .isEqualTo(compressed);
        assertThat(rows(db, "SELECT proc_name FROM timescaledb_information.jobs WHERE hypertable_name = 'audit_events' ORDER BY proc_name"))
                .containsExactly("policy_compression", "policy_retention");
        assertThat(rows(db, "SELECT count(*) FROM audit_events")).containsExactly("2000");
        assertThat(differences(db)).isEmpty();
    }

    private static List<String> differences(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            Changelog changelog = Changelog.bundled();
            var database = io.sark.migrate.postgres.CatalogSchemaReader.read(c).withHypertables(HypertableDeclarations.onDatabase(changelog, c));
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
