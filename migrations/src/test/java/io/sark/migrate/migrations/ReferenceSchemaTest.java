package io.sark.migrate.migrations;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The changelog reproduces SARK's databases object for object: after each revision, the catalog equals the one of a
 * database loaded from the matching {@code pg_dump} of SARK's Alembic revision; rolling a revision back restores the
 * previous one exactly.
 */
@ExtendWith(FreshDatabase.class)
class ReferenceSchemaTest {

    static final List<String> SARK_REVISIONS = List.of("001_initial", "002_api_keys", "003_policies", "004_audit_events");

    /** The catalog of each reference dump, by revision id. */
    private static final Map<String, CatalogSnapshot> REFERENCE = new LinkedHashMap<>();

    @BeforeAll
    static void loadReferenceDumps() throws Exception {
        for (String revision : SARK_REVISIONS) {
            try (TestDatabase reference = TestPostgres.freshDatabase()) {
                reference.execute(Fixtures.resource("/reference-schema/" + revision + ".sql"));
                try (Connection c = reference.connect()) {
                    REFERENCE.put(revision, CatalogSnapshot.read(c));
                }
            }
        }
        // Guard against comparing nothing with nothing: the dumps describe SARK's nine tables and seven enum types.
        assertThat(REFERENCE.get("004_audit_events").tables()).containsExactlyInAnyOrder("users", "teams", "user_teams",
                "mcp_servers", "mcp_tools", "api_keys", "policies", "policy_versions", "audit_events");
        assertThat(REFERENCE.get("004_audit_events").types()).containsExactlyInAnyOrder("transporttype",
                "sensitivitylevel", "serverstatus", "policytype", "policystatus", "auditeventtype", "severitylevel");
    }

    private TestDatabase db;

    @BeforeEach
    void useFreshDatabase(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theChangelogStartsWithSarksFourRevisionsInOrder() throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            assertThat(migrator.revisions().ids()).startsWith(SARK_REVISIONS.toArray(String[]::new));
        }
    }

    @Test
    void eachRevisionReproducesItsReferenceDump() throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            for (String revision : SARK_REVISIONS) {
                migrator.upgradeTo(revision);

                assertThat(migrator.currentRevision()).contains(revision);
                assertThat(catalog().differencesFrom(REFERENCE.get(revision)))
                        .as("catalog after upgrade to %s, compared with SARK's dump of %s", revision, revision)
                        .isEmpty();
            }
        }
    }

    @Test
    void rollingBackEachRevisionRestoresThePreviousOneAndBaseIsEmpty() throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("004_audit_events");
            assertThat(migrator.currentRevision()).contains("004_audit_events");

            for (int i = SARK_REVISIONS.size() - 2; i >= 0; i--) {
                String previous = SARK_REVISIONS.get(i);
                migrator.downgradeTo(previous);

                assertThat(migrator.currentRevision()).contains(previous);
                assertThat(catalog().differencesFrom(REFERENCE.get(previous)))
                        .as("catalog after rolling back to %s, compared with SARK's dump of %s", previous, previous)
                        .isEmpty();
            }

            migrator.downgradeToBase();
            CatalogSnapshot base = catalog();
            assertThat(migrator.currentRevision()).isEmpty();
            assertThat(base.tables()).as("tables left at base").isEmpty();
            assertThat(base.types()).as("types left at base").isEmpty();
            assertThat(base.objects()).as("objects left at base").isEmpty();

            migrator.upgradeTo("004_audit_events");
            assertThat(catalog().differencesFrom(REFERENCE.get("004_audit_events")))
                    .as("catalog after upgrading again from base").isEmpty();
        }
    }

    @Test
    void revision005AppliesOn004AndRollsBackToItExactly() throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("004_audit_events");
            migrator.upgradeTo("005_audit_events_hypertable");
            assertThat(catalog().objects()).containsEntry("constraint audit_events.audit_events_pkey", "PRIMARY KEY (id, \"timestamp\")");

            migrator.downgradeTo("004_audit_events");

            assertThat(catalog().differencesFrom(REFERENCE.get("004_audit_events")))
                    .as("catalog after rolling 005 back, compared with SARK's dump of 004").isEmpty();
        }
    }

    @Test
    void upgradingTwiceChangesNothing() throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
            CatalogSnapshot once = catalog();
            migrator.upgradeToHead();
            assertThat(catalog().differencesFrom(once)).isEmpty();
        }
    }

    private CatalogSnapshot catalog() throws SQLException {
        try (Connection c = db.connect()) {
            return CatalogSnapshot.read(c);
        }
    }
}
