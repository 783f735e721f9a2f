package io.sark.migrate.migrations;

import io.sark.migrate.engine.AlembicAdoption;
import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.RevisionState;
import io.sark.migrate.engine.SchemaDriftException;
import io.sark.migrate.engine.changelog.ChangelogException;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SARK databases that Alembic built (the reference dumps of each revision, plus Alembic's {@code alembic_version}
 * row) are adopted: checked against the changelog at their revision, recorded, and upgraded from there.
 */
@ExtendWith(FreshDatabase.class)
class AlembicAdoptionTest {

    private static final Map<String, CatalogSnapshot> CHANGELOG_AT = new ConcurrentHashMap<>();
    private static CatalogSnapshot head;

    /** The changelog replayed into a test database: what the CLI gets from a throwaway server, without starting one. */
    static final AlembicAdoption.Reference REFERENCE = revision -> CHANGELOG_AT.computeIfAbsent(revision, r -> {
        try (TestDatabase replay = TestPostgres.freshDatabase()) {
            try (Migrator migrator = Migrator.open(replay.connect())) {
                migrator.upgradeTo(r);
            }
            try (Connection c = replay.connect()) {
                return CatalogSnapshot.read(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    });

    @BeforeAll
    static void changelogAtHead() throws SQLException {
        try (TestDatabase replay = TestPostgres.freshDatabase()) {
            try (Migrator migrator = Migrator.open(replay.connect())) {
                migrator.upgradeToHead();
            }
            try (Connection c = replay.connect()) {
                head = CatalogSnapshot.read(c);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"001_initial", "002_api_keys", "003_policies", "004_audit_events"})
    void anAlembicDatabaseAtEachRevisionIsAdoptedAndUpgraded(String revision, TestDatabase db) throws Exception {
        builtByAlembic(db, revision);
        List<String> notices = new ArrayList<>();

        MigrationResult result;
        try (Migrator migrator = Migrator.open(db.connect()).adoptionReference(REFERENCE).listener(notices::add)) {
            assertThat(migrator.alembicRevision()).contains(revision);
            result = migrator.upgradeToHead();
            assertThat(migrator.alembicRevision()).as("adopted: Alembic's revision no longer governs").isEmpty();
            assertThat(migrator.history().stream().filter(r -> r.state() == RevisionState.APPLIED)).hasSize(migrator.revisions().all().size());
        }

        assertThat(result.fromRevision()).isEqualTo(revision);
        assertThat(notices).anyMatch(n -> n.startsWith("sark-migrate: adopted the Alembic database at " + revision + ":"));
        try (Connection c = db.connect()) {
            assertThat(CatalogSnapshot.read(c).withoutColumnPositions().differencesFrom(head.withoutColumnPositions())).isEmpty();
            assertThat(count(c, "SELECT count(*) FROM alembic_version")).as("Alembic's row is left as it was").isEqualTo(1);
        }
    }

    @Test
    void aDriftedColumnIsReportedAndNothingIsRecorded(TestDatabase db) throws Exception {
        builtByAlembic(db, "002_api_keys");
        db.execute("ALTER TABLE users ALTER COLUMN full_name TYPE varchar(100)");
        CatalogSnapshot before = Fixtures.catalog(db);

        try (Migrator migrator = Migrator.open(db.connect()).adoptionReference(REFERENCE)) {
            assertThatThrownBy(migrator::upgradeToHead).isInstanceOfSatisfying(SchemaDriftException.class, drift -> {
                assertThat(drift.differences()).singleElement().asString()
                        .startsWith("differs column users.full_name: expected").contains("character varying(255)", "character varying(100)");
                assertThat(drift.getMessage()).startsWith("This database is managed by Alembic at 002_api_keys, but its schema"
                        + " differs from the changelog at 002_api_keys in 1 place(s): differs column users.full_name").contains("Nothing was changed.");
            });
            assertThat(migrator.alembicRevision()).contains("002_api_keys");
        }
        try (Connection c = db.connect()) {
            assertThat(CatalogSnapshot.read(c).differencesFrom(before)).isEmpty();
            assertThat(count(c, "SELECT (to_regclass('databasechangelog') IS NOT NULL)::int")).as("no history was started").isZero();
        }
    }

    /**
     * An extension installed into {@code public} (TimescaleDB installs 99 functions there, and cannot be moved) is not a
     * drift from the changelog: its objects are the extension's. Before, adoption refused every such database.
     */
    @Test
    void anExtensionsObjectsInPublicDoNotStopAdoption(TestDatabase db) throws Exception {
        builtByAlembic(db, "004_audit_events");
        db.execute("CREATE EXTENSION pgcrypto; CREATE EXTENSION citext; CREATE EXTENSION pg_stat_statements");

        try (Migrator migrator = Migrator.open(db.connect()).adoptionReference(REFERENCE)) {
            migrator.upgradeToHead();
            assertThat(migrator.currentRevision()).contains(migrator.revisions().head());
        }
    }

    @Test
    void anAlembicRevisionTheChangelogLacksIsRefused(TestDatabase db) throws Exception {
        builtByAlembic(db, "004_audit_events");
        db.execute("UPDATE alembic_version SET version_num = '007_something_else'");

        try (Migrator migrator = Migrator.open(db.connect()).adoptionReference(REFERENCE)) {
            assertThatThrownBy(migrator::upgradeToHead).isInstanceOf(ChangelogException.class)
                    .hasMessageStartingWith("This database is managed by Alembic at 007_something_else, a revision");
            assertThatThrownBy(() -> migrator.downgrade("base")).hasMessageContaining("not adopted yet: run 'sark-migrate adopt'");
        }
    }

    /** A database as SARK's Alembic revisions left it: the reference dump of {@code revision} and Alembic's table. */
    static void builtByAlembic(TestDatabase db, String revision) throws Exception {
        db.execute(Fixtures.resource("/reference-schema/" + revision + ".sql"));
        db.execute("CREATE TABLE public.alembic_version (version_num varchar(32) NOT NULL CONSTRAINT alembic_version_pkc PRIMARY KEY);"
                + " INSERT INTO public.alembic_version VALUES ('" + revision + "')");
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
