package io.sark.migrate.cli;

import io.sark.migrate.engine.ChangeSetSteps;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import liquibase.changelog.ChangeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code upgrade} killed with SIGKILL at random moments, as a deploy host that dies would kill it. After each kill the
 * database must be at a changeset boundary that its history describes, and the next {@code upgrade} must finish.
 *
 * <p>The number of trials is {@code -Dsark.killTrials} (default 12); the seed is printed and can be given back with
 * {@code -Dsark.killSeed} to replay a run.
 */
class CrashSafetyIT {

    private static final int TRIALS = Integer.getInteger("sark.killTrials", 12);

    private static Changelog changelog;
    private static List<ChangeSet> changeSets;
    /** The catalog after the first k changesets, for k = 0..n. */
    private static final List<CatalogSnapshot> AFTER = new ArrayList<>();

    @BeforeAll
    static void catalogAfterEachChangeSet() throws Exception {
        changelog = Changelog.inDirectory(Launcher.PROJECT_CHANGELOG);
        changeSets = changelog.changeSets();
        try (TestDatabase reference = TestPostgres.freshDatabase(); Connection c = reference.connect()) {
            AFTER.add(CatalogSnapshot.read(c));
            for (int k = 1; k <= changeSets.size(); k++) {
                ChangeSetSteps.applyNext(c, changelog, 1);
                AFTER.add(CatalogSnapshot.read(c));
            }
        }
    }

    @Test
    void killedAtRandomMomentsTheDatabaseIsAtAChangeSetBoundaryAndTheNextRunFinishes(@TempDir Path workDir) throws Exception {
        long seed = Long.getLong("sark.killSeed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, Integer> outcomes = new TreeMap<>();
        int window = migratingMillis(workDir); // kill moments spread over the time the process migrates
        for (int trial = 1; trial <= TRIALS; trial++) {
            try (TestDatabase db = TestPostgres.freshDatabase()) {
                int delay = random.nextInt(window);
                Launcher.Started upgrade = Launcher.start(workDir, "upgrade", "head", "--url", db.jdbcUrl(),
                        "--changelog-root", Launcher.PROJECT_CHANGELOG.toString());
                ServerSessions.awaitMatching(db, upgrade.process(), MIGRATING, Duration.ofSeconds(60));
                boolean finished = upgrade.process().waitFor(delay, TimeUnit.MILLISECONDS);
                if (!finished) {
                    upgrade.kill();
                }
                ServerSessions.awaitGone(db, upgrade.process().pid(), Duration.ofSeconds(30));

                String context = "trial " + trial + " (seed " + seed + ", killed after " + delay + " ms)";
                String outcome = finished ? "finished before the kill" : checkBoundary(db, context);
                outcomes.merge(outcome, 1, Integer::sum);

                try (Migrator again = Migrator.open(db.connect(), changelog)) {
                    again.upgradeToHead();
                    assertThat(again.currentRevision()).as(context).contains(changelog.revisions().head());
                }
                try (Connection c = db.connect()) {
                    assertThat(CatalogSnapshot.read(c).differencesFrom(AFTER.get(changeSets.size())))
                            .as("%s: after the re-run, the schema is the changelog's head", context).isEmpty();
                    assertThat(applied(c)).as(context).hasSize(changeSets.size());
                }
            }
        }
        System.out.printf("CrashSafetyIT: %d kill trials within %d ms of the first changeset (seed %d): %s%n", TRIALS, window,
                seed, outcomes);
    }

    /**
     * A session that holds the migration lock, once the history records a changeset: from then on, the process is
     * applying changesets (before, it reads and checks the changelog).
     */
    private static final String MIGRATING = "pid IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted)"
            + " AND EXISTS (SELECT 1 FROM public.databasechangelog)";

    /** How long an upgrade of an empty database takes, from its first changeset to the process's exit. */
    private static int migratingMillis(Path workDir) throws Exception {
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            Launcher.Started run = Launcher.start(workDir, "upgrade", "head", "--url", db.jdbcUrl(),
                    "--changelog-root", Launcher.PROJECT_CHANGELOG.toString());
            ServerSessions.awaitMatching(db, run.process(), MIGRATING, Duration.ofSeconds(60));
            long start = System.nanoTime();
            Launcher.Result result = run.await();
            assertThat(result.exitCode()).as(result.err()).isZero();
            return (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + 100;
        }
    }

    @Test
    void aConcurrentIndexBuildKilledMidwayLeavesAnInvalidIndexThatTheNextRunRepairs(@TempDir Path workDir) throws Exception {
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
                migrator.upgradeTo("005_audit_events_hypertable");
            }
            Launcher.Started upgrade;
            try (Connection writer = db.connect()) {
                // A writer's open transaction: CREATE INDEX CONCURRENTLY on api_keys waits for it to end.
                writer.setAutoCommit(false);
                writer.createStatement().execute("LOCK TABLE api_keys IN ROW EXCLUSIVE MODE");
                upgrade = Launcher.start(workDir, "upgrade", "head", "--url", db.jdbcUrl(),
                        "--changelog-root", Launcher.PROJECT_CHANGELOG.toString());
                assertThat(ServerSessions.awaitMatching(db, upgrade.process(),
                        "query LIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'", Duration.ofSeconds(60)))
                        .as("the upgrade waits in CREATE INDEX CONCURRENTLY").isTrue();
                upgrade.kill();
                ServerSessions.awaitGone(db, upgrade.process().pid(), Duration.ofSeconds(30));
                writer.rollback();
            }
            try (Connection c = db.connect()) {
                assertThat(invalidIndexes(c)).containsExactly("ix_api_keys_active_user");
                assertThat(applied(c)).doesNotContain("006_performance_indexes-1");
            }

            try (Migrator again = Migrator.open(db.connect(), changelog)) {
                again.upgradeToHead();
            }
            try (Connection c = db.connect()) {
                assertThat(invalidIndexes(c)).isEmpty();
                assertThat(CatalogSnapshot.read(c).differencesFrom(AFTER.get(changeSets.size()))).isEmpty();
            }
        }
    }

    private static List<String> invalidIndexes(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE NOT x.indisvalid ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * The history holds the first k changesets, in order, and the schema is what those k produce; or, when changeset
     * k+1 runs outside a transaction, its work may be done but unrecorded (it is written to be run again), or a
     * concurrent index build it started may be left INVALID (the next run drops and rebuilds it).
     */
    private String checkBoundary(TestDatabase db, String context) throws SQLException {
        try (Connection c = db.connect()) {
            List<String> applied = applied(c);
            int k = applied.size();
            assertThat(applied).as("%s: the history is a prefix of the changelog", context)
                    .containsExactlyElementsOf(changeSets.subList(0, k).stream().map(ChangeSet::getId).toList());
            CatalogSnapshot actual = CatalogSnapshot.read(c);
            if (actual.equals(AFTER.get(k))) {
                return k == 0 ? "killed before the first changeset" : "at a boundary, after a transactional changeset";
            }
            ChangeSet next = changeSets.get(k);
            assertThat(next.isRunInTransaction())
                    .as("%s: the schema differs from its history after %d changesets, but %s runs in a transaction: %s", context, k,
                            next.getId(), actual.differencesFrom(AFTER.get(k)))
                    .isFalse();
            if (actual.equals(AFTER.get(k + 1))) {
                return "non-transactional changeset done, not yet recorded";
            }
            List<String> differences = actual.differencesFrom(AFTER.get(k));
            assertThat(differences).as("%s: only an INVALID index from %s may be left", context, next.getId())
                    .allMatch(d -> d.contains("INVALID"));
            return "INVALID index left by an interrupted concurrent build";
        }
    }

    /** The ids in the history, in the order applied; none when there is no history table yet. */
    static List<String> applied(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM databasechangelog ORDER BY orderexecuted")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) {
                throw e;
            }
        }
        return ids;
    }

}
