package io.sark.migrate.bench;

import io.sark.migrate.postgres.server.EmbeddedPostgresServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Production-shaped data: audit_events with millions of rows and a writer inserting into it and updating its rows all
 * the time. Each kind of change is run as the generator writes it (the safe form) and in its plain form, and the
 * writer's longest wait is recorded.
 */
final class Stalls {

    private final Bench bench;

    Stalls(Bench bench) {
        this.bench = bench;
    }

    /** One change: the statements, run in order on their own session, and what undoes them afterwards. */
    record Change(String kind, String form, List<String> statements, List<String> cleanup) {
    }

    static List<Change> changes() {
        String timeout = "SET LOCAL lock_timeout = '5s'";
        return List.of(
                new Change("add nullable column", "as generated (lock_timeout, then ADD COLUMN)",
                        List.of("BEGIN", timeout, "ALTER TABLE audit_events ADD COLUMN bench_note text", "COMMIT"),
                        List.of("ALTER TABLE audit_events DROP COLUMN bench_note")),
                new Change("add column with a constant default", "as generated (lock_timeout, then ADD COLUMN ... DEFAULT)",
                        List.of("BEGIN", timeout, "ALTER TABLE audit_events ADD COLUMN bench_flag boolean NOT NULL DEFAULT false", "COMMIT"),
                        List.of("ALTER TABLE audit_events DROP COLUMN bench_flag")),
                new Change("add index", "safe: CREATE INDEX CONCURRENTLY (the generator's form for a plain table)",
                        List.of("SET lock_timeout = '5s'", "DROP INDEX CONCURRENTLY IF EXISTS ix_bench_email",
                                "CREATE INDEX CONCURRENTLY ix_bench_email ON audit_events (user_email)", "RESET lock_timeout"),
                        List.of("DROP INDEX ix_bench_email")),
                new Change("add index", "plain: CREATE INDEX in a transaction (the generator's form for a declared hypertable)",
                        List.of("BEGIN", timeout, "CREATE INDEX ix_bench_email ON audit_events (user_email)", "COMMIT"),
                        List.of("DROP INDEX ix_bench_email")),
                new Change("add foreign key", "safe: ADD ... NOT VALID, then VALIDATE (as generated)",
                        List.of("BEGIN", timeout, "ALTER TABLE audit_events ADD CONSTRAINT fk_bench_server FOREIGN KEY (server_id)"
                                + " REFERENCES mcp_servers (id) NOT VALID", "COMMIT",
                                "ALTER TABLE audit_events VALIDATE CONSTRAINT fk_bench_server"),
                        List.of("ALTER TABLE audit_events DROP CONSTRAINT fk_bench_server")),
                new Change("add foreign key", "plain: ADD CONSTRAINT ... FOREIGN KEY",
                        List.of("ALTER TABLE audit_events ADD CONSTRAINT fk_bench_server FOREIGN KEY (server_id) REFERENCES mcp_servers (id)"),
                        List.of("ALTER TABLE audit_events DROP CONSTRAINT fk_bench_server")),
                new Change("existing column becomes NOT NULL", "safe: CHECK NOT VALID, VALIDATE, SET NOT NULL without a scan (as generated)",
                        List.of("BEGIN", timeout, "ALTER TABLE audit_events ADD CONSTRAINT audit_events_user_email_not_null CHECK (user_email IS NOT NULL) NOT VALID",
                                "COMMIT", "ALTER TABLE audit_events VALIDATE CONSTRAINT audit_events_user_email_not_null",
                                "BEGIN", timeout, "ALTER TABLE audit_events ALTER COLUMN user_email SET NOT NULL",
                                "ALTER TABLE audit_events DROP CONSTRAINT IF EXISTS audit_events_user_email_not_null", "COMMIT"),
                        List.of("ALTER TABLE audit_events ALTER COLUMN user_email DROP NOT NULL")),
                new Change("existing column becomes NOT NULL", "plain: SET NOT NULL (scans under the lock)",
                        List.of("BEGIN", timeout, "ALTER TABLE audit_events ALTER COLUMN user_email SET NOT NULL", "COMMIT"),
                        List.of("ALTER TABLE audit_events ALTER COLUMN user_email DROP NOT NULL")),
                new Change("unique constraint", "safe: CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX (as generated)",
                        List.of("SET lock_timeout = '5s'", "DROP INDEX CONCURRENTLY IF EXISTS uk_bench",
                                "CREATE UNIQUE INDEX CONCURRENTLY uk_bench ON audit_events (id, \"timestamp\", event_type)", "RESET lock_timeout",
                                "BEGIN", timeout, "ALTER TABLE audit_events ADD CONSTRAINT uk_bench UNIQUE USING INDEX uk_bench", "COMMIT"),
                        List.of("ALTER TABLE audit_events DROP CONSTRAINT uk_bench")),
                new Change("unique constraint", "plain: ADD CONSTRAINT ... UNIQUE (builds the index under the lock)",
                        List.of("BEGIN", timeout, "ALTER TABLE audit_events ADD CONSTRAINT uk_bench UNIQUE (id, \"timestamp\", event_type)", "COMMIT"),
                        List.of("ALTER TABLE audit_events DROP CONSTRAINT uk_bench")),
                new Change("backfill a new column", "safe: batches of " + io.sark.migrate.generate.Generator.FILL_BATCH_PAGES
                        + " pages, each committed (as --backfill writes it)",
                        List.of("ALTER TABLE audit_events ADD COLUMN bench_fill text",
                                io.sark.migrate.generate.Generator.backfillSql("audit_events", "bench_fill", "'filled'")),
                        List.of("ALTER TABLE audit_events DROP COLUMN bench_fill")),
                new Change("backfill a new column", "plain: one UPDATE over every row",
                        List.of("ALTER TABLE audit_events ADD COLUMN bench_fill text", "UPDATE audit_events SET bench_fill = 'filled' WHERE bench_fill IS NULL"),
                        List.of("ALTER TABLE audit_events DROP COLUMN bench_fill")),
                new Change("enum ADD VALUE", "as generated (outside a transaction, IF NOT EXISTS)",
                        List.of("ALTER TYPE auditeventtype ADD VALUE IF NOT EXISTS 'bench_event' AFTER 'tool_invoked'"),
                        List.of()));
    }

    void run(EmbeddedPostgresServer server) throws Exception {
        bench.heading(String.format("Writers blocked by each change: audit_events with %,d rows, one writer inserting and updating all the time", bench.rows));
        String url = bench.database(server, "bench_stalls", true);
        long fill = fill(server);
        bench.print(String.format("Filling audit_events took %.1f s. Each change runs while the writer inserts or updates one row"
                + " per statement (autocommit, alternately); the writer's longest wait for one statement is the stall.%n", fill / 1000.0));
        List<List<String>> rows = new ArrayList<>();
        for (Change change : changes()) {
            Result r = measure(server, change);
            rows.add(List.of(change.kind(), change.form(), String.format("%.2f s", r.changeMillis / 1000.0),
                    String.format("%.3f s", r.longestStallMillis / 1000.0), String.valueOf(r.inserts)));
        }
        bench.table(List.of("change", "form", "change took", "writer's longest stall", "rows written meanwhile"), rows);
    }

    private long fill(EmbeddedPostgresServer server) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = server.connect("bench_stalls"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO mcp_servers (id, name, transport) SELECT gen_random_uuid(), 'server-' || g, 'http'"
                    + " FROM generate_series(1, 10) g");
            s.execute("INSERT INTO audit_events (id, \"timestamp\", event_type, severity, user_email, server_id, details)"
                    + " SELECT gen_random_uuid(), now() - g * interval '1 second', 'tool_invoked', 'low',"
                    + " 'user' || (g % 5000) || '@example.com', (SELECT id FROM mcp_servers ORDER BY name OFFSET g % 10 LIMIT 1), '{}'"
                    + " FROM generate_series(1, " + bench.rows + ") g");
            s.execute("VACUUM ANALYZE audit_events");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    record Result(long changeMillis, long longestStallMillis, long inserts) {
    }

    private Result measure(EmbeddedPostgresServer server, Change change) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong longest = new AtomicLong();
        AtomicLong inserts = new AtomicLong();
        List<Throwable> writerFailures = new ArrayList<>();
        Thread writer = new Thread(() -> {
            try (Connection c = server.connect("bench_stalls"); Statement s = c.createStatement();
                 java.sql.PreparedStatement update = c.prepareStatement("UPDATE audit_events SET severity = 'low' WHERE id = ?::uuid")) {
                List<String> ids = new ArrayList<>();
                try (java.sql.ResultSet rs = s.executeQuery("SELECT id::text FROM audit_events TABLESAMPLE SYSTEM (1) LIMIT 1000")) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
                java.util.Random random = new java.util.Random(42);
                for (long n = 0; running.get(); n++) {
                    long start = System.nanoTime();
                    if (n % 2 == 1 && !ids.isEmpty()) { // an application updates rows as well as adding them
                        update.setString(1, ids.get(random.nextInt(ids.size())));
                        update.execute();
                    } else {
                        s.execute("INSERT INTO audit_events (id, \"timestamp\", event_type, user_email, details)"
                                + " VALUES (gen_random_uuid(), now(), 'tool_invoked', 'writer@example.com', '{}')");
                    }
                    long took = (System.nanoTime() - start) / 1_000_000;
                    if (measuring.get()) {
                        longest.accumulateAndGet(took, Math::max);
                        inserts.incrementAndGet();
                    }
                }
            } catch (Throwable t) {
                writerFailures.add(t);
            }
        }, "bench-writer");
        writer.start();
        Thread.sleep(300);
        measuring.set(true);
        long start = System.nanoTime();
        try (Connection c = server.connect("bench_stalls"); Statement s = c.createStatement()) {
            for (String sql : change.statements()) {
                s.execute(sql);
            }
        }
        long changeMillis = (System.nanoTime() - start) / 1_000_000;
        Thread.sleep(300);
        measuring.set(false);
        running.set(false);
        writer.join();
        if (!writerFailures.isEmpty()) {
            throw new IllegalStateException("the writer failed during '" + change.kind() + "'", writerFailures.get(0));
        }
        try (Connection c = server.connect("bench_stalls"); Statement s = c.createStatement()) {
            for (String sql : change.cleanup()) {
                s.execute(sql);
            }
        }
        return new Result(changeMillis, longest.get(), inserts.get());
    }
}
