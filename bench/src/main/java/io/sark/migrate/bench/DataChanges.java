package io.sark.migrate.bench;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.files.Folders;
import io.sark.migrate.generate.HandWrittenChanges;
import io.sark.migrate.generate.RevisionFiles;
import io.sark.migrate.postgres.server.EmbeddedPostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A data change over every row of users, as {@code revision --data} writes it (batches, each committed) and as one
 * UPDATE: how long it takes, the longest any of its transactions lasted (what bounds how long a row stays locked), and
 * the longest a writer updating random users waited. Checked to do its work: every row is filled, exactly once.
 */
final class DataChanges {

    private static final String SET = "display_name = lower(full_name)";
    private static final String PENDING = "display_name IS NULL";

    private final Bench bench;
    /** 1,000,000 users (the tiny size under --quick). */
    private final long rows;

    DataChanges(Bench bench) {
        this.bench = bench;
        this.rows = bench.quick ? bench.rows : 1_000_000;
    }

    void run(EmbeddedPostgresServer server) throws Exception {
        bench.heading(String.format("A data change over users with %,d rows, one writer updating random users all the time", rows));
        bench.database(server, "bench_data", true);
        long fill = fill(server);
        bench.print(String.format("Filling users took %.1f s. The change fills a new column display_name from full_name in every row;"
                + " \"longest transaction\" is the longest any of the change's transactions lasted (sampled every 2 ms), which is how"
                + " long a row it updates can stay locked; the writer's longest wait is for one single-row UPDATE.%n", fill / 1000.0));
        List<List<String>> table = new ArrayList<>();
        for (int batch : bench.quick ? new int[] {1000} : new int[] {1000, 10_000}) {
            Path changelog = changelog(batch);
            Result r = measure(server, "batched", () -> {
                try (Migrator migrator = Migrator.open(server.connect("bench_data"), Changelog.inDirectory(changelog))) {
                    migrator.upgradeToHead();
                }
            });
            table.add(row(String.format("`revision --data`, batches of %,d rows (committed one by one), run by `upgrade`", batch), r));
            Folders.deleteRecursively(changelog);
        }
        Result single = measure(server, "UPDATE users SET", () -> {
            try (Connection c = server.connect("bench_data"); Statement s = c.createStatement()) {
                s.execute("UPDATE users SET " + SET + " WHERE " + PENDING);
            }
        });
        table.add(row("one UPDATE (one transaction)", single));
        bench.table(List.of("form", "change took", "longest transaction", "writer's longest wait", "writer's updates meanwhile"), table);
    }

    private static List<String> row(String form, Result r) {
        return List.of(form, String.format("%.2f s", r.changeMillis / 1000.0), String.format("%.3f s", r.longestTransactionMillis / 1000.0),
                String.format("%.3f s", r.longestWaitMillis / 1000.0), String.valueOf(r.writes));
    }

    /** SARK's changelog and a revision holding the data change, as {@code revision --data} writes it. */
    private Path changelog(int batch) throws Exception {
        Path copy = Files.createTempDirectory("bench-data-");
        Folders.copy(Path.of(bench.changelogRoot()), copy);
        Changelog sark = Changelog.inDirectory(copy);
        RevisionFiles.create(sark, sark.revisions(), "fill display names", "bench");
        HandWrittenChanges.addData(Changelog.inDirectory(copy), "bench", "Fill display_name",
                new HandWrittenChanges.DataChange("users", "id", SET, PENDING, batch),
                new HandWrittenChanges.Rollback(null, "the bench drops the column"));
        return copy;
    }

    private long fill(EmbeddedPostgresServer server) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = server.connect("bench_data"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO users (id, email, full_name, hashed_password) SELECT gen_random_uuid(), 'user' || g || '@example.com',"
                    + " 'User ' || g, 'x' FROM generate_series(1, " + rows + ") g");
            s.execute("VACUUM ANALYZE users");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    record Result(long changeMillis, long longestTransactionMillis, long longestWaitMillis, long writes) {
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code change} (whose SQL starts with {@code marker}) beside a writer and a sampler; then checks and undoes its work. */
    private Result measure(EmbeddedPostgresServer server, String marker, Work change) throws Exception {
        try (Connection c = server.connect("bench_data"); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users ADD COLUMN display_name text");
        }
        List<String> ids = new ArrayList<>();
        try (Connection c = server.connect("bench_data"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id::text FROM users ORDER BY random() LIMIT 1000")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong longestWait = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicLong longestTransaction = new AtomicLong();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            try (Connection c = server.connect("bench_data");
                 PreparedStatement update = c.prepareStatement("UPDATE users SET updated_at = now() WHERE id = ?::uuid")) {
                while (running.get()) {
                    update.setString(1, ids.get(ThreadLocalRandom.current().nextInt(ids.size())));
                    long start = System.nanoTime();
                    update.executeUpdate();
                    longestWait.accumulateAndGet((System.nanoTime() - start) / 1_000_000, Math::max);
                    writes.incrementAndGet();
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "bench-writer");
        Thread sampler = new Thread(() -> {
            try (Connection c = server.connect("bench_data"); PreparedStatement age = c.prepareStatement(
                    "SELECT coalesce(max(extract(epoch FROM clock_timestamp() - xact_start) * 1000), 0)::bigint FROM pg_stat_activity"
                            + " WHERE pid <> pg_backend_pid() AND state <> 'idle' AND (query LIKE 'DO $$%' OR query LIKE ?)")) {
                age.setString(1, marker + "%");
                while (running.get()) {
                    try (ResultSet rs = age.executeQuery()) {
                        rs.next();
                        longestTransaction.accumulateAndGet(rs.getLong(1), Math::max);
                    }
                    Thread.sleep(2);
                }
            } catch (Throwable t) {
                failures.add(t);
            }
        }, "bench-sampler");
        writer.start();
        sampler.start();
        Thread.sleep(300);
        long start = System.nanoTime();
        change.run();
        long changeMillis = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(100);
        running.set(false);
        writer.join();
        sampler.join();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the writer or the sampler failed during the data change", failures.get(0));
        }
        try (Connection c = server.connect("bench_data"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE display_name = lower(full_name)), count(*) FROM users")) {
            rs.next();
            if (rs.getLong(1) != rs.getLong(2) || rs.getLong(2) != rows) {
                throw new IllegalStateException("the data change filled " + rs.getLong(1) + " of " + rs.getLong(2) + " rows");
            }
        }
        try (Connection c = server.connect("bench_data"); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users DROP COLUMN display_name");
            s.execute("DELETE FROM databasechangelog WHERE id LIKE '007_%'");
            s.execute("VACUUM users");
        }
        return new Result(changeMillis, longestTransaction.get(), longestWait.get(), writes.get());
    }
}
