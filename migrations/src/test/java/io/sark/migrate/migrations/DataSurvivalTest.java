package io.sark.migrate.migrations;

import io.sark.migrate.engine.guard.DataLossException;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows in every table survive a downgrade and upgrade of each revision that can be reversed without loss; a
 * downgrade that would drop data refuses, changes nothing, and goes ahead only when allowed.
 */
@ExtendWith(FreshDatabase.class)
class DataSurvivalTest {

    /**
     * 005-1's rollback re-adds PRIMARY KEY (id) to audit_events, whose key since 005 is (id, "timestamp"): two events
     * with one id and two timestamps break it, and the downgrade would have failed there, after 005's later rollbacks
     * had run. It is refused before anything runs, naming the key and how to find the rows.
     */
    @Test
    void aDowngradeWhoseRollbackAddsAKeyTheRowsBreakIsRefusedBeforeAnythingRuns(TestDatabase db) throws Exception {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }
        db.execute("INSERT INTO audit_events (id, \"timestamp\", event_type) SELECT '00000000-0000-0000-0000-000000000001', now() - i * interval '1 hour',"
                + " (SELECT min(e.enumlabel)::auditeventtype FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'auditeventtype')"
                + " FROM generate_series(1, 2) AS i");
        io.sark.migrate.postgres.catalog.CatalogSnapshot before = Fixtures.catalog(db);

        try (Migrator migrator = Migrator.open(db.connect())) {
            assertThatThrownBy(() -> migrator.downgrade("004_audit_events")).isInstanceOf(DataLossException.class)
                    .hasMessage("downgrade to 004_audit_events would fail at changeset 005_audit_events_hypertable-1: its rollback adds"
                            + " primary key audit_events_pkey (id) to audit_events, and 1 value of it is held by more than one row now"
                            + " (SELECT id FROM audit_events GROUP BY id HAVING count(*) > 1). Nothing ran. Make them unique (or keep a"
                            + " copy and delete the extra rows), then run the downgrade again.");
            assertThat(migrator.currentRevision()).contains(migrator.revisions().head());
        }
        assertThat(Fixtures.catalog(db).differencesFrom(before)).isEmpty();

        db.execute("UPDATE audit_events SET id = gen_random_uuid() WHERE \"timestamp\" < now() - interval '90 minutes'");
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.downgrade("004_audit_events");
            assertThat(migrator.currentRevision()).contains("004_audit_events");
        }
    }

    @Test
    void dataSurvivesEveryReversibleRevisionAndALossyDowngradeRefusesUnlessAllowed(TestDatabase db) throws Exception {
        List<String> reversible = new ArrayList<>();
        List<String> lossy = new ArrayList<>();
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
            db.execute(Fixtures.resource("/data-fixture.sql"));
            Map<String, List<String>> fixture = rows(db);
            assertThat(fixture).hasSize(9).allSatisfy((table, rows) -> assertThat(rows).as(table).isNotEmpty());

            List<String> ids = migrator.revisions().ids();
            for (int i = ids.size() - 1; i >= 0; i--) {
                String revision = ids.get(i);
                String previous = i == 0 ? Migrator.BASE : ids.get(i - 1);
                Map<String, List<String>> before = rows(db);
                try {
                    migrator.downgrade(previous);
                } catch (DataLossException refused) {
                    assertThat(refused.getMessage()).startsWith("downgrade to " + previous + " would destroy data: ")
                            .contains("Nothing ran", "--allow-data-loss");
                    assertThat(rows(db)).as("%s: a refused downgrade changes nothing", revision).isEqualTo(before);
                    assertThat(migrator.currentRevision()).contains(revision);
                    migrator.downgrade(previous, true);
                    Map<String, List<String>> after = rows(db);
                    assertThat(before).as("%s: the tables that remain keep their rows", revision).containsAllEntriesOf(after);
                    assertThat(after.size()).as("%s: it did drop something", revision).isLessThan(before.size());
                    lossy.add(revision);
                    continue;
                }
                assertThat(rows(db)).as("%s: downgraded", revision).isEqualTo(before);
                migrator.upgradeTo(revision);
                assertThat(rows(db)).as("%s: downgraded and upgraded again", revision).isEqualTo(before);
                migrator.downgrade(previous);
                reversible.add(revision);
            }
        }
        assertThat(reversible).containsExactly("006_performance_indexes", "005_audit_events_hypertable");
        assertThat(lossy).containsExactly("004_audit_events", "003_policies", "002_api_keys", "001_initial");
    }

    @Test
    void theRefusalNamesEachTableAndItsRows(TestDatabase db) throws Exception {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
            db.execute(Fixtures.resource("/data-fixture.sql"));
            assertThatThrownBy(() -> migrator.downgrade("002_api_keys")).isInstanceOf(DataLossException.class)
                    .hasMessage("downgrade to 002_api_keys would destroy data: 004_audit_events-2 drops table audit_events (3 rows);"
                            + " 003_policies-3 drops table policy_versions (2 rows); 003_policies-2 drops table policies (1 row)."
                            + " Nothing ran. Keep a copy of what you need (pg_dump), then run again with --allow-data-loss;"
                            + " or downgrade to a later revision.");
            db.execute("DELETE FROM audit_events; UPDATE policies SET current_version_id = NULL; DELETE FROM policy_versions; DELETE FROM policies");
            assertThat(migrator.downgrade("002_api_keys").toRevision()).as("empty tables are nothing to lose").isEqualTo("002_api_keys");
        }
    }

    /** Every row of every table, as PostgreSQL prints it, by table. */
    private static Map<String, List<String>> rows(TestDatabase db) throws SQLException {
        Map<String, List<String>> rows = new TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    + " AND tablename NOT LIKE 'databasechangelog%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM \"" + table + "\" t ORDER BY 1")) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
                rows.put(table, lines);
            }
        }
        return rows;
    }
}
