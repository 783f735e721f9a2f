package io.sark.migrate.engine.guard;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.LockLevel;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.schema.Identifiers;
import io.sark.migrate.schema.SqlTypes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a pending changeset costs the running application before it runs: a statement that holds a lock writers wait
 * for while it works through the whole table (a rewrite, a scan, an index built under the lock), with the table's rows
 * and size from the catalog's statistics and the wait estimated at rates measured on a 2-core machine. The forms the
 * generator writes on tables with rows hold no such lock: what is listed is a plain form, written by hand or on a
 * hypertable.
 */
public final class LockCost {

    /** MB of heap and indexes a rewrite (ALTER COLUMN TYPE) goes through per second, its indexes rebuilt: 142 MB in 3.1 s. */
    static final double REWRITE_MB_PER_SECOND = 45;
    /** MB of heap an index build under the lock reads and sorts per second: 104 MB in 1.4 s. */
    static final double INDEX_MB_PER_SECOND = 70;
    /** MB of heap a scan under the lock (SET NOT NULL, a check or foreign key validated at once) reads per second, from disk. */
    static final double SCAN_MB_PER_SECOND = 200;

    /**
     * One statement's cost.
     *
     * @param changeSet the changeset
     * @param table     the table it works through
     * @param work      what it does to it: "rewrites", "scans", "builds an index on", "makes a hypertable of"
     * @param lock      the lock it holds meanwhile
     * @param rows      the table's rows (the planner's estimate; 0 where it was never analysed)
     * @param bytes     the size it goes through
     * @param seconds   the expected wait
     * @param said      its own line for the operator, or null for the one said of every cost
     */
    public record Cost(String changeSet, String table, String work, LockLevel lock, long rows, long bytes, double seconds, String said) {

        /** One line for the operator. */
        public String describe() {
            return said != null ? said : "sark-migrate: " + changeSet + " " + work + " " + table + " (" + (rows == 0 ? "" : String.format(Locale.ROOT, "about %,d", rows)
                    + (rows == 1 ? " row, " : " rows, ")) + ConversionCost.size(bytes) + ") holding " + lock.label() + ": " + (lock.blocksReads()
                    ? "reads and writes" : "writes") + " wait " + (seconds < 0.05 ? "under 0.1 s"
                    : "about " + String.format(Locale.ROOT, seconds < 10 ? "%.1f" : "%.0f", seconds) + " s") + " (estimated from the catalog's statistics)";
        }
    }

    private LockCost() {
    }

    /** The costly statements among {@code pending}, in order, on tables that have rows on {@code connection}. */
    public static List<Cost> of(List<ChangeSetFacts> pending, Connection connection) {
        List<Cost> costs = new ArrayList<>();
        Set<String> validated = new HashSet<>();
        try {
            for (ChangeSetFacts changeSet : pending) {
                for (Fact fact : changeSet.changes()) {
                    if (fact.operation() == Operation.VALIDATE_CONSTRAINT) {
                        validated.add(fact.table());
                    }
                    String work = work(connection, fact, validated);
                    if (work == null) {
                        continue;
                    }
                    Cost cost = cost(connection, changeSet.id(), fact, work);
                    if (cost != null) {
                        costs.add(cost);
                    }
                }
            }
            costs.addAll(ConversionCost.of(pending, connection).stream()
                    .map(c -> new Cost(c.changeSet(), c.table(), "makes a hypertable of", LockLevel.ACCESS_EXCLUSIVE, c.rows(), c.bytes(), c.seconds(),
                            c.describe()))
                    .toList());
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the size of a table a pending changeset changes: " + e.getMessage(), e);
        }
        return costs;
    }

    /**
     * What the statement does to the whole table while holding a lock writers wait for, or null for a statement that
     * does not (NOT VALID, CONCURRENTLY, USING INDEX, a type change PostgreSQL makes without a rewrite, SET NOT NULL after
     * a validated check of the table in the same run).
     */
    private static String work(Connection connection, Fact fact, Set<String> validated) throws SQLException {
        if (fact.table() == null) {
            return null;
        }
        return switch (fact.operation()) {
            case ALTER_COLUMN_TYPE -> rewrites(connection, fact) ? "rewrites" : null;
            case SET_NOT_NULL -> validated.contains(fact.table()) ? null : "scans";
            case ADD_CHECK, ADD_FOREIGN_KEY -> fact.has(Fact.Flag.NOT_VALID) ? null : "scans";
            case ADD_UNIQUE, ADD_PRIMARY_KEY -> fact.detail() == null ? null : "builds an index on";
            case CREATE_INDEX -> "builds an index on";
            default -> null;
        };
    }

    /** Whether the column's type change rewrites the table, from its type now. */
    private static boolean rewrites(Connection connection, Fact fact) throws SQLException {
        if (fact.name() == null || fact.detail() == null) {
            return true;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attname = ? AND NOT a.attisdropped")) {
            ps.setString(1, Identifiers.quote(fact.table()));
            ps.setString(2, fact.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false; // a column added in the same run: the table is rewritten with nothing in it
                }
                String to = fact.detail().replaceFirst("(?i)\\s+using\\s.*$", "");
                return SqlTypes.rewrites(SqlTypes.normalize(rs.getString(1)), SqlTypes.normalize(to));
            }
        }
    }

    private static Cost cost(Connection connection, String changeSet, Fact fact, String work) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT c.reltuples::bigint, pg_relation_size(c.oid), pg_total_relation_size(c.oid)"
                + " FROM pg_class c WHERE c.oid = to_regclass(?) AND c.relkind = 'r'")) {
            ps.setString(1, Identifiers.quote(fact.table()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(2) == 0) {
                    return null; // created in the same run, empty, or partitioned (its partitions hold the rows)
                }
                long rows = Math.max(0, rs.getLong(1)); // -1: never analysed; the size is what the time follows
                boolean rewrite = work.equals("rewrites");
                long bytes = rewrite ? rs.getLong(3) : rs.getLong(2);
                double rate = rewrite ? REWRITE_MB_PER_SECOND : work.equals("scans") ? SCAN_MB_PER_SECOND : INDEX_MB_PER_SECOND;
                LockLevel lock = fact.lock();
                return new Cost(changeSet, fact.table(), work, lock, rows, bytes, bytes / (1024.0 * 1024) / rate, null);
            }
        }
    }

    /** The costs as SQL comments, one line each and a blank line after, for the top of an {@code upgrade --sql}; empty when none. */
    public static String sqlComments(List<Cost> costs) {
        if (costs.isEmpty()) {
            return "";
        }
        StringBuilder said = new StringBuilder();
        costs.forEach(cost -> said.append("-- ").append(cost.describe()).append('\n'));
        return said.append('\n').toString();
    }
}
