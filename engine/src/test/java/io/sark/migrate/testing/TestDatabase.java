package io.sark.migrate.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** One test's own database on the {@link TestPostgres} server (or {@link RealTimescale}'s). Closing it drops it. */
public final class TestDatabase implements AutoCloseable {

    /** A connection as the superuser to the server's {@code postgres} database. */
    interface Admin {
        Connection connect() throws SQLException;
    }

    private final String name;
    private final String jdbcUrl;
    private final Admin admin;

    TestDatabase(String name, String jdbcUrl) {
        this(name, jdbcUrl, TestPostgres::adminConnection);
    }

    TestDatabase(String name, String jdbcUrl, Admin admin) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.admin = admin;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** Runs SQL (several statements are allowed) on a connection of its own. */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = admin.connect(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
