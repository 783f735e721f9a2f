package io.sark.migrate.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * What TimescaleDB's own catalog says of a database: whether the extension is installed, and each hypertable's time
 * column ({@code timescaledb_information.dimensions}). Without the extension: not installed, no hypertables. It reads
 * in the caller's transaction and never ends it: the live reader runs inside a scratch schema's transaction that is
 * rolled back afterwards, and a commit here would keep that schema.
 */
public final class TimescaleCatalog {

    private TimescaleCatalog() {
    }

    public static boolean installed(Connection connection) throws SQLException {
        return bool(connection, "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')");
    }

    /** Each hypertable of the session's current schema, by table name, with its time (first) dimension's column. */
    public static Map<String, String> timeColumns(Connection connection) throws SQLException {
        return timeColumns(connection, null);
    }

    /** As {@link #timeColumns(Connection)}, for the hypertables of {@code schema} (null: the current schema). */
    public static Map<String, String> timeColumns(Connection connection, String schema) throws SQLException {
        Map<String, String> columns = new HashMap<>();
        if (!bool(connection, "SELECT to_regclass('timescaledb_information.dimensions') IS NOT NULL")) {
            return columns;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT hypertable_name::text, column_name::text"
                + " FROM timescaledb_information.dimensions WHERE hypertable_schema = coalesce(?, current_schema()) AND dimension_number = 1")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return columns;
    }

    private static boolean bool(Connection connection, String sql) throws SQLException {
        boolean result;
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            result = rs.getBoolean(1);
        }
        return result;
    }
}
