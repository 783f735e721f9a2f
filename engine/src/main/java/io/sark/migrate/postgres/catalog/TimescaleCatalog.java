package io.sark.migrate.postgres.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What TimescaleDB's own catalog says of a database: whether the extension is installed, and each hypertable's time
 * column ({@code timescaledb_information.dimensions}), chunk interval, compression and policies. Without the extension: not installed, no hypertables. It reads
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

    /**
     * A hypertable as TimescaleDB's information views describe it.
     *
     * @param timeColumn    its first dimension's column ({@code dimensions.column_name})
     * @param chunkInterval that dimension's interval as PostgreSQL prints it ({@code 7 days}), or empty for an integer one
     * @param compressed    whether compression is enabled ({@code hypertables.compression_enabled})
     * @param segmentBy     the segment-by columns in order ({@code compression_settings})
     * @param compressAfter the compression policy's {@code compress_after}, or empty without one ({@code jobs})
     * @param retention     the retention policy's {@code drop_after}, or empty without one ({@code jobs})
     */
    public record Settings(String timeColumn, String chunkInterval, boolean compressed, List<String> segmentBy, String compressAfter,
                           String retention) {
    }

    /** Each hypertable of {@code schema} (null: the current schema) with its settings, by table name. */
    public static Map<String, Settings> hypertables(Connection connection, String schema) throws SQLException {
        Map<String, Settings> hypertables = new HashMap<>();
        Map<String, String> timeColumns = timeColumns(connection, schema);
        if (timeColumns.isEmpty()) {
            return hypertables;
        }
        Map<String, String> intervals = byTable(connection, schema, "dimensions",
                "SELECT hypertable_name::text, coalesce(time_interval::text, '') FROM timescaledb_information.dimensions"
                        + " WHERE hypertable_schema = coalesce(?, current_schema()) AND dimension_number = 1");
        Map<String, String> compressed = byTable(connection, schema, "hypertables",
                "SELECT hypertable_name::text, compression_enabled::text FROM timescaledb_information.hypertables"
                        + " WHERE hypertable_schema = coalesce(?, current_schema())");
        Map<String, String> segmentBy = byTable(connection, schema, "compression_settings",
                "SELECT hypertable_name::text, string_agg(attname::text, ',' ORDER BY segmentby_column_index)"
                        + " FROM timescaledb_information.compression_settings"
                        + " WHERE hypertable_schema = coalesce(?, current_schema()) AND segmentby_column_index IS NOT NULL GROUP BY 1");
        Map<String, String> compressAfter = policy(connection, schema, "policy_compression", "compress_after");
        Map<String, String> retention = policy(connection, schema, "policy_retention", "drop_after");
        timeColumns.forEach((table, column) -> {
            boolean on = "true".equals(compressed.get(table));
            List<String> segments = on && segmentBy.containsKey(table) ? List.of(segmentBy.get(table).split(",")) : List.of();
            hypertables.put(table, new Settings(column, intervals.getOrDefault(table, ""), on, segments,
                    compressAfter.getOrDefault(table, ""), retention.getOrDefault(table, "")));
        });
        return hypertables;
    }

    /**
     * Whether two intervals as written ({@code 90 days}, {@code 2160 hours}) are equal to PostgreSQL; false when
     * either is not an interval. Read in the caller's transaction, which a malformed one does not abort.
     */
    public static boolean sameInterval(Connection connection, String a, String b) throws SQLException {
        if (a.equals(b)) {
            return true;
        }
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        Savepoint savepoint = connection.getAutoCommit() ? null : connection.setSavepoint();
        try (PreparedStatement ps = connection.prepareStatement("SELECT CAST(? AS interval) = CAST(? AS interval)")) {
            ps.setString(1, a);
            ps.setString(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException e) {
            if (!"22007".equals(e.getSQLState()) && !"22P02".equals(e.getSQLState()) && !"22015".equals(e.getSQLState())) {
                throw e;
            }
            if (savepoint != null) {
                connection.rollback(savepoint);
            }
            return false;
        } finally {
            if (savepoint != null && !connection.isClosed()) {
                try {
                    connection.releaseSavepoint(savepoint);
                } catch (SQLException ignored) {
                    // already rolled back to
                }
            }
        }
    }

    private static Map<String, String> policy(Connection connection, String schema, String proc, String key) throws SQLException {
        return byTable(connection, schema, "jobs", "SELECT hypertable_name::text, config->>'" + key + "' FROM timescaledb_information.jobs"
                + " WHERE hypertable_schema = coalesce(?, current_schema()) AND proc_name = '" + proc + "' AND config->>'" + key + "' IS NOT NULL");
    }

    /** The first two columns of {@code sql} (one parameter: the schema), or nothing where the view does not exist. */
    private static Map<String, String> byTable(Connection connection, String schema, String view, String sql) throws SQLException {
        Map<String, String> rows = new HashMap<>();
        if (!bool(connection, "SELECT to_regclass('timescaledb_information." + view + "') IS NOT NULL")) {
            return rows;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return rows;
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
