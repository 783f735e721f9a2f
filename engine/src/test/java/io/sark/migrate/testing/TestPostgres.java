package io.sark.migrate.testing;

import io.sark.migrate.postgres.server.EmbeddedPostgresServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of this test run: one per JVM, started on first use, stopped when the JVM exits.
 * Each test gets its own fresh database on it ({@link #freshDatabase()}), which costs milliseconds, not a server.
 *
 * <p>By default the server is the embedded one. Set {@code SARK_TEST_ADMIN_URL} to a JDBC URL of another server (any
 * PostgreSQL 14–18, with TimescaleDB or without) whose user may create databases, to run the same tests there.
 */
public final class TestPostgres {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgresServer embedded;

    private TestPostgres() {
    }

    /** A new, empty database, dropped when the returned handle is closed. */
    public static TestDatabase freshDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection admin = adminConnection(); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return new TestDatabase(name, urlOf(name));
    }

    static Connection adminConnection() throws SQLException {
        String external = System.getenv("SARK_TEST_ADMIN_URL");
        return DriverManager.getConnection(external != null ? external : server().jdbcUrl("postgres"));
    }

    private static String urlOf(String database) {
        String external = System.getenv("SARK_TEST_ADMIN_URL");
        if (external == null) {
            return server().jdbcUrl(database);
        }
        // Replace the database part of jdbc:postgresql://host:port/db?params.
        return external.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }

    /** The embedded server (started here when this is the first use). */
    public static synchronized EmbeddedPostgresServer server() {
        if (embedded == null) {
            embedded = EmbeddedPostgresServer.startThrowaway();
        }
        return embedded;
    }
}
