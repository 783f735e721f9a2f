package io.sark.migrate.engine.guard;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.postgres.catalog.TimescaleCatalog;
import io.sark.migrate.schema.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What converting a table with rows into a hypertable ({@code create_hypertable(…, migrate_data => TRUE)}) will cost:
 * TimescaleDB holds ACCESS EXCLUSIVE on the table while it copies every row into chunks, so its reads and writes wait
 * for the whole copy. On TimescaleDB 2.28.3 writers waited about 13 s for 200,000 rows (92 MB with indexes). Before an
 * upgrade runs such a changeset, the table's rows and size are read (the planner's estimate where the table has been
 * analysed, a count where it has not) and the wait is estimated at that rate.
 */
final class ConversionCost {

    /** Rows per second TimescaleDB 2.28.3 copied, lock held: 200,000 rows in about 13 s. */
    static final long ROWS_PER_SECOND = 200_000 / 13;

    /**
     * One conversion that copies rows.
     *
     * @param changeSet the changeset that converts
     * @param table     the table
     * @param rows      its rows
     * @param estimated whether {@code rows} is the planner's estimate (else a count)
     * @param bytes     its size with indexes and TOAST
     */
    record Cost(String changeSet, String table, long rows, boolean estimated, long bytes) {

        long seconds() {
            return Math.max(1, Math.round((double) rows / ROWS_PER_SECOND));
        }

        String describe() {
            return "sark-migrate: " + changeSet + " makes a hypertable of " + table + ", copying " + (estimated ? "about " : "its ")
                    + String.format(Locale.ROOT, "%,d", rows) + (rows == 1 ? " row" : " rows")
                    + " (" + size(bytes) + ") into chunks; reads and writes of " + table + " wait for the whole copy, about " + seconds()
                    + " s at the rate measured on TimescaleDB 2.28.3 (200,000 rows in 13 s)";
        }
    }

    private ConversionCost() {
    }

    /** The conversions among {@code pending} that copy rows of a table that has some, on {@code connection}. */
    static List<Cost> of(List<ChangeSetFacts> pending, Connection connection) {
        List<Cost> costs = new ArrayList<>();
        try {
            if (!TimescaleCatalog.installed(connection)) {
                return costs;
            }
            Map<String, String> hypertables = TimescaleCatalog.timeColumns(connection);
            for (ChangeSetFacts changeSet : pending) {
                for (Fact fact : changeSet.changes()) {
                    if (fact.operation() != Operation.CONVERT_TO_HYPERTABLE || !fact.has(Fact.Flag.COPIES_ROWS) || fact.table() == null
                            || hypertables.containsKey(fact.table())) {
                        continue;
                    }
                    Cost cost = cost(connection, changeSet.id(), fact.table());
                    if (cost != null) {
                        costs.add(cost);
                    }
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the size of a table to be made a hypertable: " + e.getMessage(), e);
        }
        return costs;
    }

    static Cost cost(Connection connection, String changeSet, String table) throws SQLException {
        long estimate;
        long bytes;
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.reltuples::bigint, pg_total_relation_size(c.oid) FROM pg_class c"
                + " WHERE c.oid = to_regclass(?)")) {
            ps.setString(1, Identifiers.quote(table));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null; // created later in the same run: empty
                }
                estimate = rs.getLong(1);
                bytes = rs.getLong(2);
            }
        }
        boolean estimated = estimate > 0; // -1 (0 before PostgreSQL 14): never analysed
        long rows = estimated ? estimate : count(connection, table);
        return rows == 0 ? null : new Cost(changeSet, table, rows, estimated, bytes);
    }

    static long count(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM " + Identifiers.quote(table));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** "912 kB", "92 MB", "1.4 GB". */
    static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return Math.max(1, bytes / 1024) + " kB";
        }
        return bytes < 1024L * 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
