package io.sark.migrate.engine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The hypertables of the current schema as TimescaleDB's own catalog has them; none where it is not installed. */
final class HypertableState {

    private HypertableState() {
    }

    /** Each hypertable's time (first) dimension column, by table name. */
    static Map<String, String> timeColumns(Connection connection) {
        Map<String, String> columns = new HashMap<>();
        try {
            try (PreparedStatement exists = connection.prepareStatement("SELECT to_regclass('timescaledb_information.dimensions') IS NOT NULL");
                 ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    endTransaction(connection);
                    return columns;
                }
            }
            try (PreparedStatement ps = connection.prepareStatement("SELECT hypertable_name::text, column_name::text"
                    + " FROM timescaledb_information.dimensions WHERE hypertable_schema = current_schema() AND dimension_number = 1");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), rs.getString(2));
                }
            }
            endTransaction(connection);
        } catch (SQLException e) {
            throw new MigrationException("Could not read TimescaleDB's hypertables: " + e.getMessage(), e);
        }
        return columns;
    }

    private static void endTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
