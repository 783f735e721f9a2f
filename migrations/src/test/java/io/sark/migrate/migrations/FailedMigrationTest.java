package io.sark.migrate.migrations;

import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A changeset that fails is undone whole, and the message says which one failed, why, and where the database is. */
@ExtendWith(FreshDatabase.class)
class FailedMigrationTest {

    @Test
    void aFailingChangeSetLeavesTheDatabaseAtItsLastRevision(TestDatabase db) throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("001_initial");
        }
        db.execute("CREATE TABLE api_keys (squatter int)");
        CatalogSnapshot before = Fixtures.catalog(db);

        try (Migrator migrator = Migrator.open(db.connect())) {
            assertThatThrownBy(migrator::upgradeToHead)
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("upgrade to head failed at changeset 002_api_keys-1 (db/changelog/002_api_keys.yaml):"
                            + " ERROR: relation \"api_keys\" already exists. The database is at revision 001_initial.");
            assertThat(migrator.currentRevision()).contains("001_initial");
        }
        assertThat(Fixtures.catalog(db).differencesFrom(before)).isEmpty();
    }

    /**
     * Liquibase on its own commits a changeset, then writes its history row: a process that dies in between leaves
     * the change made but unrecorded (liquibase/liquibase#7442). Here writing the row fails instead of the process.
     */
    @Test
    void aChangeSetWhoseHistoryRowCannotBeWrittenIsUndoneWithIt(TestDatabase db) throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("001_initial");
            migrator.downgradeTo("001_initial"); // nothing to do; the history table exists now
        }
        db.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history is full'; END $$;"
                + " CREATE TRIGGER refuse BEFORE INSERT ON databasechangelog FOR EACH ROW WHEN (NEW.id = '002_api_keys-1')"
                + " EXECUTE FUNCTION refuse()");
        CatalogSnapshot before = Fixtures.catalog(db);

        try (Migrator migrator = Migrator.open(db.connect())) {
            assertThatThrownBy(migrator::upgradeToHead).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("at changeset 002_api_keys-1 (db/changelog/002_api_keys.yaml): ERROR: history is full").hasMessageEndingWith("The database is at revision 001_initial.");
        }
        assertThat(Fixtures.catalog(db).differencesFrom(before)).as("api_keys was not left behind").isEmpty();
    }

    @Test
    void aRolledBackChangeSetWhoseHistoryRowCannotBeRemovedIsRestoredWithIt(TestDatabase db) throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("002_api_keys");
        }
        db.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'history is read-only'; END $$;"
                + " CREATE TRIGGER refuse BEFORE DELETE ON databasechangelog FOR EACH ROW WHEN (OLD.id = '002_api_keys-1')"
                + " EXECUTE FUNCTION refuse()");
        CatalogSnapshot before = Fixtures.catalog(db);

        try (Migrator migrator = Migrator.open(db.connect())) {
            assertThatThrownBy(migrator::downgradeToBase).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("at changeset 002_api_keys-1").hasMessageContaining("history is read-only");
            assertThat(migrator.history().get(1).changeSets()).extracting(cs -> cs.appliedAt() != null)
                    .as("002's table change is still recorded; only its tag was rolled back").containsExactly(true, false);
        }
        assertThat(Fixtures.catalog(db).differencesFrom(before)).as("api_keys is still there").isEmpty();
    }

    /**
     * A downgrade that failed after rolling back a revision's tag leaves the rest of that revision applied. The tag no
     * longer says where the database is: the history does. Running the same {@code downgrade -1} again must finish that
     * revision, and roll back nothing of the one below it.
     */
    @Test
    void aDowngradeThatStoppedInsideARevisionIsResumedThereNotOneRevisionLower(TestDatabase db) throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("003_policies");
        }
        db.execute("INSERT INTO users (id, email, full_name, hashed_password) VALUES (gen_random_uuid(), 'a@example.com', 'A', 'x')");
        db.execute("CREATE VIEW policy_names AS SELECT name FROM policies");

        try (Migrator migrator = Migrator.open(db.connect())) {
            assertThatThrownBy(() -> migrator.downgrade("-1", true)).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("cannot drop table policies because other objects depend on it")
                    .hasMessageEndingWith("The database is part-way through 003_policies (2 of 5 changesets applied;"
                            + " the last complete revision is 002_api_keys).");
            assertThat(migrator.position().describe()).isEqualTo(
                    "part-way through 003_policies (2 of 5 changesets applied; the last complete revision is 002_api_keys)");
        }
        db.execute("DROP VIEW policy_names");
        try (Migrator migrator = Migrator.open(db.connect())) {
            var result = migrator.downgrade("-1", true);
            assertThat(result.toRevision()).isEqualTo("002_api_keys");
            assertThat(migrator.position().partway()).isEmpty();
            assertThat(migrator.history().get(1).changeSets()).as("002_api_keys is untouched")
                    .allMatch(cs -> cs.appliedAt() != null);
        }
        assertThat(count(db, "SELECT count(*) FROM users")).as("001's rows are still there").isEqualTo(1);
        assertThat(count(db, "SELECT count(*) FROM pg_class WHERE relname IN ('api_keys', 'policies')")).as("002's table is there, 003's gone")
                .isEqualTo(1);
    }

    private static int count(TestDatabase db, String sql) throws SQLException {
        try (var c = db.connect(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * An upgrade with nothing to do reads the revisions and checksums from the changelog's index and does not parse the
     * changelog (0.35 s of every deploy that has nothing to apply); an applied changeset edited since is still refused.
     */
    @Test
    void anUpgradeWithNothingToDoParsesNothingAndStillRefusesAnEditedChangeSet(TestDatabase db) throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }
        io.sark.migrate.engine.changelog.Changelog changelog = io.sark.migrate.engine.changelog.Changelog.bundled();
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            assertThat(migrator.upgradeToHead().changeSetsRun()).isZero();
        }
        assertThat(changelog.parsed()).as("the index answered").isFalse();

        db.execute("UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000' WHERE id = '001_initial-1'");
        try (Migrator migrator = Migrator.open(db.connect(), io.sark.migrate.engine.changelog.Changelog.bundled())) {
            assertThatThrownBy(migrator::upgradeToHead).isInstanceOf(MigrationException.class)
                    .hasMessageStartingWith("upgrade to head refused: 1 applied changeset(s) were edited after they ran (001_initial-1 in");
        }
    }

    @Test
    void anAppliedChangeSetEditedSinceItRanIsRefusedByNameAndNothingRuns(TestDatabase db) throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("001_initial");
        }
        // What an edit of the file looks like to the database: the checksum recorded when it ran no longer matches.
        db.execute("UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000' WHERE id = '001_initial-1'");
        CatalogSnapshot before = Fixtures.catalog(db);

        try (Migrator migrator = Migrator.open(db.connect())) {
            assertThatThrownBy(migrator::upgradeToHead)
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("upgrade to head refused: 1 applied changeset(s) were edited after they ran (001_initial-1 in"
                            + " db/changelog/001_initial.yaml). Restore them as they were applied and put the change in a new revision,"
                            + " or, if the edit is intended and changes nothing already applied, accept it:"
                            + " 'sark-migrate accept-edit 001_initial-1'. Nothing ran; the database is at revision 001_initial.");
        }
        assertThat(Fixtures.catalog(db).differencesFrom(before)).isEmpty();
    }

    @Test
    void anAcceptedEditRecordsThatOneChangeSetsChecksumAndUpgradeGoesOn(TestDatabase db) throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeTo("001_initial");
        }
        db.execute("UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000' WHERE id IN ('001_initial-1', '001_initial-2')");

        try (Migrator migrator = Migrator.open(db.connect())) {
            assertThat(migrator.acceptEdit("001_initial-1").checksumBefore()).isEqualTo("9:00000000000000000000000000000000");
            // Only that one: the other edit is still refused.
            assertThatThrownBy(migrator::upgradeToHead).hasMessageContaining("1 applied changeset(s) were edited after they ran (001_initial-2 in");
            migrator.acceptEdit("001_initial-2");
            assertThat(migrator.upgradeToHead().toRevision()).isEqualTo(migrator.revisions().head());
            assertThatThrownBy(() -> migrator.acceptEdit("001_initial-99")).hasMessageStartingWith("no changeset 001_initial-99 in");
        }
    }
}
