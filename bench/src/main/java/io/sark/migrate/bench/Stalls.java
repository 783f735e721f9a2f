package io.sark.migrate.bench;

import io.sark.migrate.postgres.EmbeddedPostgresServer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Production-shaped data: audit_events with millions of rows and a writer inserting into it all the time. Each kind
 * of change is run as the generator writes it (the safe form) and in its plain form, and the writer's longest
 * wait is recorded.
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
                new Change("enum ADD VALUE", "as generated (outside a transaction, IF NOT EXISTS)",
                        List.of("ALTER TYPE auditeventtype ADD VALUE IF NOT EXISTS 'bench_event' AFTER 'tool_invoked'"),
                        List.of()));
    }

    void run(EmbeddedPostgresServer server) throws Exception {
        bench.heading(String.format("Writers blocked by each change: audit_events with %,d rows, one writer inserting all the time", bench.rows));
        String url = bench.database(server, "bench_stalls", true);
        long fill = fill(server);
        bench.print(String.format("Filling audit_events took %.1f s. Each change runs while the writer inserts one row per statement;"
                + " the writer's longest wait for one insert is the stall.%n", fill / 1000.0));
        List<List<String>> rows = new ArrayList<>();
        for (Change change : changes()) {
            Result r = measure(server, change);
            rows.add(List.of(change.kind(), change.form(), String.format("%.2f s", r.changeMillis / 1000.0),
                    String.format("%.3f s", r.longestStallMillis / 1000.0), String.valueOf(r.inserts)));
        }
        bench.table(List.of("change", "form", "change took", "writer's longest stall", "rows inserted meanwhile"), rows);
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
            try (Connection c = server.connect("bench_stalls"); Statement s = c.createStatement()) {
                while (running.get()) {
                    long start = System.nanoTime();
                    s.execute("INSERT INTO audit_events (id, \"timestamp\", event_type, details) VALUES (gen_random_uuid(), now(), 'tool_invoked', '{}')");
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
