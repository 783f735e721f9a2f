package io.sark.migrate.migrations;

import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A changeset chosen as a deadlock's victim has been rolled back whole, as one that timed out on a lock has: it is
 * tried again. On TimescaleDB a policy job (compression, retention) takes locks on the hypertable at moments no
 * migration can foresee: {@code validate --migration 005} failed with "deadlock detected" between 006's DROP INDEX and
 * the compression job that had just started.
 */
@ExtendWith(FreshDatabase.class)
class DeadlockRetryTest {

    @Test
    void aDeadlockVictimIsTriedAgainAndTheUpgradeFinishes(TestDatabase db, @TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), """
                databaseChangeLog:
                  - include: {file: db/changelog/001_tables.yaml}
                  - include: {file: db/changelog/002_both.yaml}
                """);
        Files.writeString(root.resolve("db/changelog/001_tables.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 001_tables-1
                      author: t
                      changes:
                        - sql: {sql: "CREATE TABLE a (id int); CREATE TABLE b (id int)"}
                      rollback:
                        - sql: {sql: "DROP TABLE a; DROP TABLE b"}
                  - changeSet: {id: 001_tables-tag, author: t, changes: [{tagDatabase: {tag: 001_tables}}], rollback: []}
                """);
        Files.writeString(root.resolve("db/changelog/002_both.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 002_both-1
                      author: t
                      changes:
                        - sql: {sql: LOCK TABLE b IN ACCESS EXCLUSIVE MODE}
                        - sql: {sql: LOCK TABLE a IN ACCESS EXCLUSIVE MODE}
                        - sql: {sql: ALTER TABLE a ADD COLUMN n int}
                      rollback:
                        - sql: {sql: ALTER TABLE a DROP COLUMN n}
                  - changeSet: {id: 002_both-tag, author: t, changes: [{tagDatabase: {tag: 002_both}}], rollback: []}
                """);
        Changelog changelog = Changelog.inDirectory(root);
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeTo("001_tables");
        }
        List<String> messages = new CopyOnWriteArrayList<>();
        try (Connection job = db.connect(); Statement s = job.createStatement()) {
            s.execute("SET application_name = 'policy job'");
            job.setAutoCommit(false);
            s.execute("LOCK TABLE a IN ACCESS EXCLUSIVE MODE"); // a job holding the hypertable

            CompletableFuture<MigrationResult> upgrade = CompletableFuture.supplyAsync(() -> {
                try (Migrator migrator = Migrator.open(db.connect(), changelog).sessions(() -> connect(db)).listener(messages::add)) {
                    return migrator.upgradeToHead();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitWaitingOn(db, "LOCK TABLE a%");
            s.execute("LOCK TABLE b IN ACCESS EXCLUSIVE MODE"); // the job's next step: the migration holds b, waits for a
            job.rollback();

            MigrationResult result = upgrade.get(60, TimeUnit.SECONDS);
            assertThat(result.toRevision()).isEqualTo("002_both");
        }
        assertThat(messages).anyMatch(m -> m.startsWith("sark-migrate: a deadlock stopped changeset 002_both-1")
                && m.contains("it was rolled back, trying again in 1 s (retry 1 of 3)"));
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_name = 'a' AND column_name = 'n'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    private static Connection connect(TestDatabase db) {
        try {
            return db.connect();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitWaitingOn(TestDatabase db, String query) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '"
                         + query + "'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the migration never waited on " + query);
    }
}
