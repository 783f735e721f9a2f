package io.sark.migrate.migrations;

import io.sark.migrate.engine.lock.DatabaseLockedException;
import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An upgrade with nothing to do (every changeset up to the target applied, unedited) says so without taking the
 * migration lock: a deploy script's routine upgrade does not wait behind another process's migration that cannot
 * concern it, and does not set up Liquibase. An upgrade with work to do still waits for the lock.
 */
@ExtendWith(FreshDatabase.class)
class UpToDateUpgradeTest {

    @Test
    void nothingToDoIsSaidWithoutTheLockAndWorkToDoStillWaitsForIt(TestDatabase db) throws Exception {
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.bundled())) {
            migrator.upgradeTo("003_policies");
        }
        try (Connection other = db.connect(); Statement s = other.createStatement()) {
            s.execute("SET application_name = 'other deploy'");
            s.execute("SELECT pg_advisory_lock(" + 0x5341524B + ", " + ("public".hashCode() & 0x7fffffff) + ")");

            try (Migrator migrator = Migrator.open(db.connect(), Changelog.bundled()).lockWait(Duration.ZERO)) {
                MigrationResult result = migrator.upgradeTo("003_policies");
                assertThat(result.changeSetsRun()).isZero();
                assertThat(result.toRevision()).isEqualTo("003_policies");
            }
            try (Migrator migrator = Migrator.open(db.connect(), Changelog.bundled()).lockWait(Duration.ZERO)) {
                assertThatThrownBy(migrator::upgradeToHead).isInstanceOf(DatabaseLockedException.class)
                        .hasMessageContaining("'other deploy'");
            }
        }
    }
}
