package io.sark.migrate.bench;

import io.sark.migrate.postgres.server.EmbeddedPostgresServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Application-like writers (sessions of single-row INSERT and UPDATE by key, autocommit) running while a migration
 * runs: the longest any of their statements took, how many they wrote and how many PostgreSQL refused, and which
 * session the longest lock wait was behind.
 */
final class WriterLoad {

    /** What one application version writes: a row inserted, a row updated by its key, and the query that samples keys. */
    record Writes(String insert, String update, String sampleIds) {
    }

    /** What one migration did while the writers ran. */
    record Measured(long millis, long longestWaitMillis, long writes, long failedWrites, String firstFailure, String waitedBehind) {
    }

    private final EmbeddedPostgresServer server;
    private final String database;
    private final int writers;

    WriterLoad(EmbeddedPostgresServer server, String database, int writers) {
        this.server = server;
        this.database = database;
        this.writers = writers;
    }

    interface Migration {
        void run() throws Exception;
    }

    /** Runs {@code migration} while the writers write {@code writes}, and what they met meanwhile. */
    Measured run(Writes writes, Migration migration) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong longest = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        List<String> ids = new ArrayList<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(writes.sampleIds())) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int seed = w;
            Thread writer = new Thread(() -> write(writes, ids, seed, running, measuring, longest, written, failed, firstFailure),
                    "bench-writer-" + w);
            writer.start();
            threads.add(writer);
        }
        AtomicReference<Behind> behind = new AtomicReference<>();
        Thread watch = new Thread(() -> watchWaits(running, behind), "bench-wait-watch");
        watch.start();
        Thread.sleep(300);
        measuring.set(true);
        long start = System.nanoTime();
        long millis;
        try {
            migration.run();
        } finally {
            millis = (System.nanoTime() - start) / 1_000_000;
            Thread.sleep(300);
            measuring.set(false);
            running.set(false);
            for (Thread writer : threads) {
                writer.join();
            }
            watch.join();
        }
        if (written.get() == 0) {
            throw new IllegalStateException("bench: the writers wrote nothing while the migration ran; nothing was measured");
        }
        return new Measured(millis, longest.get(), written.get(), failed.get(), firstFailure.get(), behind.get() == null ? "" : behind.get().what());
    }

    /** What a writer waited longest behind, as seen: the session holding it, and what that session itself waited for. */
    record Behind(double seconds, String what) {
    }

    private static final String WAITS = """
            SELECT extract(epoch FROM clock_timestamp() - w.query_start)::float8,
                   coalesce(nullif(b.backend_type, 'client backend'), 'a session') || ': ' || left(regexp_replace(b.query, '\\s+', ' ', 'g'), 60)
                   || coalesce(' (itself waiting for ' || (SELECT string_agg(DISTINCT coalesce(nullif(x.backend_type, 'client backend'), 'a session')
                        || ': ' || left(regexp_replace(x.query, '\\s+', ' ', 'g'), 40), '; ') FROM pg_stat_activity x
                        WHERE x.pid = ANY (pg_blocking_pids(b.pid))) || ')', '')
              FROM pg_stat_activity w JOIN pg_stat_activity b ON b.pid = ANY (pg_blocking_pids(w.pid))
             WHERE w.application_name = 'bench-writer' AND w.wait_event_type = 'Lock'
             ORDER BY 1 DESC LIMIT 1
            """;

    /** Every 20 ms, which session a waiting writer waits behind; the longest wait's is kept. */
    private void watchWaits(AtomicBoolean running, AtomicReference<Behind> behind) {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            while (running.get()) {
                try (ResultSet rs = s.executeQuery(WAITS)) {
                    if (rs.next() && (behind.get() == null || rs.getDouble(1) > behind.get().seconds())) {
                        behind.set(new Behind(rs.getDouble(1), rs.getString(2)));
                    }
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("bench: the wait watch failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Writes sql, List<String> ids, int seed, AtomicBoolean running, AtomicBoolean measuring,
                              AtomicLong longest, AtomicLong writes, AtomicLong failed, AtomicReference<String> firstFailure) {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("SET plan_cache_mode = force_custom_plan"); // a prepared statement re-plans after the columns change
            s.execute("SET application_name = 'bench-writer'");
            writing(c, sql, ids, seed, running, measuring, longest, writes, failed, firstFailure);
        } catch (SQLException e) {
            throw new IllegalStateException("bench: a writer could not connect", e);
        }
    }

    private static void writing(Connection c, Writes sql, List<String> ids, int seed, AtomicBoolean running, AtomicBoolean measuring,
                                AtomicLong longest, AtomicLong writes, AtomicLong failed, AtomicReference<String> firstFailure) throws SQLException {
        try (Statement insert = c.createStatement(); PreparedStatement update = c.prepareStatement(sql.update())) {
            java.util.Random random = new java.util.Random(seed);
            for (long n = 0; running.get(); n++) {
                long start = System.nanoTime();
                try {
                    if (n % 2 == 1 && !ids.isEmpty()) {
                        update.setString(1, ids.get(random.nextInt(ids.size())));
                        update.execute();
                    } else {
                        insert.execute(sql.insert());
                    }
                } catch (SQLException e) {
                    if (measuring.get()) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.getMessage().lines().findFirst().orElse(""));
                    }
                }
                long took = (System.nanoTime() - start) / 1_000_000;
                if (measuring.get()) {
                    longest.accumulateAndGet(took, Math::max);
                    writes.incrementAndGet();
                }
            }
        }
    }
}
