package io.sark.migrate.testing;

import io.sark.migrate.postgres.server.EmbeddedPostgresServer;
import io.sark.migrate.postgres.server.PostgresBinaries;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TimescaleDB for the tests that concern it: Debian's PostgreSQL 15 ({@code /usr/lib/postgresql/15}) with the
 * TimescaleDB 2.28.3 build of {@code ../shared/timescaledb} installed into it, as a throwaway cluster of this test run
 * (its own folder, a free port, 127.0.0.1 only, {@code shared_preload_libraries = timescaledb}), started on first use
 * and stopped when the JVM exits, as {@link TestPostgres}'s server is.
 *
 * <p>Where either is missing (a developer's laptop) the tests that need it are skipped, with one line saying how to
 * enable them; with {@code SARK_REQUIRE_TIMESCALEDB=1} (CI's {@code .ci/run} sets it) they fail instead.
 */
public final class RealTimescale {

    /** Where the PostgreSQL 15 server is installed; {@code SARK_TEST_TIMESCALE_POSTGRES=DIR} points elsewhere. */
    static final Path POSTGRES = Path.of(java.util.Objects.requireNonNullElse(System.getenv("SARK_TEST_TIMESCALE_POSTGRES"), "/usr/lib/postgresql/15"));
    static final String HOW_TO_ENABLE = "install Debian's postgresql-15, then as root run ../shared/timescaledb/install.sh";
    /** The database every test database is a copy of: the extension created once (a copy is milliseconds, the extension is not). */
    private static final String TEMPLATE = "timescale_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicBoolean TOLD = new java.util.concurrent.atomic.AtomicBoolean();
    private static EmbeddedPostgresServer server;
    private static String unavailable;

    private RealTimescale() {
    }

    /** Why the real TimescaleDB cannot run here, or null when it can. */
    public static String unavailable() {
        if (!Files.isExecutable(POSTGRES.resolve("bin/postgres"))) {
            return "no PostgreSQL 15 server in " + POSTGRES;
        }
        if (!Files.isRegularFile(POSTGRES.resolve("lib/timescaledb.so"))) {
            return "TimescaleDB is not installed into " + POSTGRES;
        }
        return null;
    }

    /**
     * The line a skipped test gives where the real TimescaleDB cannot run (printed once per test run, too), or null
     * where it can, or where {@code SARK_REQUIRE_TIMESCALEDB=1} asks for it (then {@link #assumeAvailable} fails).
     */
    public static String skipped() {
        String why = unavailable();
        if (why == null || "1".equals(System.getenv("SARK_REQUIRE_TIMESCALEDB"))) {
            return null;
        }
        String line = "real-TimescaleDB test skipped: " + why + " (" + HOW_TO_ENABLE + ")";
        if (!TOLD.getAndSet(true)) {
            System.err.println(line); // once per test run, where the developer sees it
        }
        return line;
    }

    /**
     * Skips the calling test where the real TimescaleDB cannot run; fails it where {@code SARK_REQUIRE_TIMESCALEDB=1}
     * asks for it, with one line saying why and how to enable it.
     */
    public static void assumeAvailable() {
        String why = unavailable();
        if (why == null) {
            return;
        }
        String skipped = skipped();
        if (skipped != null) {
            Assumptions.abort(skipped);
        }
        throw new IllegalStateException("real-TimescaleDB test cannot run, and SARK_REQUIRE_TIMESCALEDB=1 asks for it: " + why
                + " (" + HOW_TO_ENABLE + ")");
    }

    /** A new database on the real server, with the extension created; dropped when the handle is closed. */
    public static TestDatabase freshDatabase() {
        EmbeddedPostgresServer on = server();
        String name = "ts" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection admin = on.connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name + " on the TimescaleDB server", e);
        }
        return new TestDatabase(name, on.jdbcUrl(name), () -> on.connect("postgres"));
    }

    /** The server (started here on first use). */
    public static synchronized EmbeddedPostgresServer server() {
        assumeAvailable();
        if (unavailable != null) {
            throw new IllegalStateException(unavailable);
        }
        if (server == null) {
            try {
                server = EmbeddedPostgresServer.startThrowaway(PostgresBinaries.installed(POSTGRES), Map.of(
                        "shared_preload_libraries", "'timescaledb'",
                        "timescaledb.telemetry_level", "off",
                        "max_worker_processes", "16"));
                try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + TEMPLATE + " TEMPLATE template0");
                }
                try (Connection c = server.connect(TEMPLATE); Statement s = c.createStatement()) {
                    s.execute("CREATE EXTENSION timescaledb");
                }
                try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
                    // No connection may use the template while it is copied: TimescaleDB's job scheduler keeps one in
                    // each database with the extension, so the template takes none.
                    s.execute("ALTER DATABASE " + TEMPLATE + " WITH ALLOW_CONNECTIONS false");
                    s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + TEMPLATE + "'");
                }
            } catch (SQLException | RuntimeException e) {
                unavailable = "the TimescaleDB server of the tests did not start: " + e.getMessage();
                throw new IllegalStateException(unavailable, e);
            }
        }
        return server;
    }
}
