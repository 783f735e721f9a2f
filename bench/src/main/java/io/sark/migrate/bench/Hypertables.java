package io.sark.migrate.bench;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.generate.RevisionFiles;
import io.sark.migrate.postgres.server.EmbeddedPostgresServer;
import io.sark.migrate.postgres.server.PostgresBinaries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 31's proof: a table with rows made a TimescaleDB hypertable by the conversion the generator writes (a copy
 * beside it kept in step by a trigger, then a swap), and back into a plain table by its rollback, while writers run;
 * beside it, TimescaleDB's own {@code create_hypertable(..., migrate_data => TRUE)} on the same table. On a real
 * TimescaleDB: Debian's PostgreSQL 15 with the build of ../shared/timescaledb preloaded, in a throwaway cluster.
 */
final class Hypertables {

    private static final Path POSTGRES = Path.of("/usr/lib/postgresql/15");
    private static final String DATABASE = "bench_hypertable";
    private static final int WRITERS = 2;
    private static final WriterLoad.Writes WRITES = new WriterLoad.Writes("INSERT INTO events (kind) VALUES ('written')",
            "UPDATE events SET payload = '{\"edited\": true}' WHERE id = ?::uuid",
            "SELECT id::text FROM events TABLESAMPLE SYSTEM (1) LIMIT 2000");

    private final Bench bench;

    Hypertables(Bench bench) {
        this.bench = bench;
    }

    void run() throws Exception {
        bench.heading(String.format("Hypertables: a table of %,d rows made a hypertable and a plain table again while %d writers run"
                + " (TimescaleDB 2.28.3, PostgreSQL 15)", bench.rows, WRITERS));
        if (!Files.exists(POSTGRES.resolve("lib/timescaledb.so"))) {
            bench.print("Skipped: no TimescaleDB build for PostgreSQL 15 at " + POSTGRES + " (run ../shared/timescaledb/install.sh as root).");
            return;
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startThrowaway(PostgresBinaries.installed(POSTGRES), Map.of(
                "shared_preload_libraries", "'timescaledb'", "timescaledb.telemetry_level", "off", "max_worker_processes", "16"))) {
            server.createDatabase(DATABASE);
            Path root = Files.createTempDirectory("sark-bench-hypertables");
            List<List<String>> rows = new ArrayList<>();
            long filled = fill(server);
            bench.print(String.format("events: %,d rows over 60 days (%s), filled in %.1f s. Two writers insert a row and update one by"
                    + " key, autocommit, each statement timed; a failed write is one PostgreSQL refused.", bench.rows, size(server), filled / 1000.0));
            Files.createDirectories(root.resolve("db/changelog"));
            Files.writeString(root.resolve(Changelog.MASTER), "databaseChangeLog:\n");
            Changelog changelog = Changelog.inDirectory(root);
            RevisionFiles.create(changelog, changelog.revisions(), "events hypertable", "bench",
                    List.of(new SchemaChange.ConvertToHypertable("events", "at", "1 day")));
            WriterLoad load = new WriterLoad(server, DATABASE, WRITERS);

            for (int pages : new int[] {200, 50}) {
                String batches = pages == 200 ? " (batches of 200 pages, the default)" : " (--fill-batch-pages " + pages + ")";
                WriterLoad.Measured up = load.run(WRITES, () -> {
                    try (Migrator migrator = Migrator.open(server.connect(DATABASE), Changelog.inDirectory(root)).fillBatches(pages, null)) {
                        migrator.upgradeToHead();
                    }
                });
                require(server, true);
                rows.add(row("upgrade: the generated conversion, copied beside it and swapped" + batches, up));
                WriterLoad.Measured down = load.run(WRITES, () -> {
                    try (Migrator migrator = Migrator.open(server.connect(DATABASE), Changelog.inDirectory(root)).fillBatches(pages, null)) {
                        migrator.downgrade("base");
                    }
                });
                require(server, false);
                rows.add(row("downgrade: its rollback, back to a plain table" + batches, down));
            }
            // Once more, with the chunks older than 7 days compressed (as the compression policy leaves them): the way back
            // decompresses them first, one per transaction.
            try (Migrator migrator = Migrator.open(server.connect(DATABASE), Changelog.inDirectory(root))) {
                migrator.upgradeToHead();
            }
            String compressed = compress(server);
            WriterLoad.Measured back = load.run(WRITES, () -> {
                try (Migrator migrator = Migrator.open(server.connect(DATABASE), Changelog.inDirectory(root))) {
                    migrator.downgrade("base");
                }
            });
            require(server, false);
            rows.add(row("downgrade with " + compressed + ", decompressed first", back));
            WriterLoad.Measured own = load.run(WRITES, () -> {
                try (Connection c = server.connect(DATABASE); Statement s = c.createStatement()) {
                    s.execute("SELECT create_hypertable('events', 'at', chunk_time_interval => INTERVAL '1 day', create_default_indexes => FALSE,"
                            + " migrate_data => TRUE)");
                }
            });
            require(server, true);
            rows.add(row("for comparison: TimescaleDB's create_hypertable(migrate_data => TRUE)", own));
            bench.table(List.of("migration", "time", "writers' longest wait", "writes meanwhile", "failed writes", "the longest lock wait seen was behind"),
                    rows);
        }
    }

    private static List<String> row(String what, WriterLoad.Measured m) {
        return List.of(what, String.format("%.1f s", m.millis() / 1000.0), String.format("%.3f s", m.longestWaitMillis() / 1000.0),
                String.format("%,d", m.writes()), m.failedWrites() == 0 ? "0" : m.failedWrites() + " (" + m.firstFailure().replace("|", "/") + ")",
                m.waitedBehind().replace("|", "/"));
    }

    private long fill(EmbeddedPostgresServer server) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = server.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS timescaledb");
            s.execute("CREATE TABLE events (id uuid NOT NULL DEFAULT gen_random_uuid(), at timestamptz NOT NULL DEFAULT now(),"
                    + " kind varchar(20) NOT NULL, payload jsonb NOT NULL DEFAULT '{}', PRIMARY KEY (id, at))");
            s.execute("CREATE INDEX ix_events_kind_at ON events (kind, at)");
            s.execute("INSERT INTO events (id, at, kind, payload) SELECT gen_random_uuid(), now() - (g % 60) * interval '1 day' - g * interval '1 ms',"
                    + " 'kind ' || (g % 7), jsonb_build_object('n', g) FROM generate_series(1, " + bench.rows + ") g");
            s.execute("VACUUM ANALYZE events");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Compresses the chunks older than 7 days, segmented by kind; says how many, and their size before and after. */
    private static String compress(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = server.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE events SET (timescaledb.compress, timescaledb.compress_segmentby = 'kind')");
            s.execute("SELECT compress_chunk(ch) FROM show_chunks('events', older_than => INTERVAL '7 days') AS ch");
            try (ResultSet rs = s.executeQuery("SELECT count(*), pg_size_pretty(sum(before_compression_total_bytes)),"
                    + " pg_size_pretty(sum(after_compression_total_bytes)) FROM chunk_compression_stats('events') WHERE compression_status = 'Compressed'")) {
                rs.next();
                return rs.getInt(1) + " chunks compressed (" + rs.getString(2) + " to " + rs.getString(3) + ")";
            }
        }
    }

    private static String size(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = server.connect(DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('events'))")) {
            rs.next();
            return rs.getString(1) + " with its indexes";
        }
    }

    /** The harness checks the work was done: a hypertable (or not), and every row it was filled with still there. */
    private void require(EmbeddedPostgresServer server, boolean hypertable) throws SQLException {
        try (Connection c = server.connect(DATABASE); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM timescaledb_information.hypertables WHERE hypertable_name = 'events'),"
                     + " (SELECT count(*) FROM events WHERE kind <> 'written')")) {
            rs.next();
            if (rs.getInt(1) != (hypertable ? 1 : 0) || rs.getLong(2) != bench.rows) {
                throw new IllegalStateException("bench: after the migration events is " + (rs.getInt(1) == 1 ? "a hypertable" : "a plain table")
                        + " with " + rs.getLong(2) + " of its " + bench.rows + " rows: the migration did not do its work");
            }
        }
    }
}
