package io.sark.migrate.engine.guard;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.schema.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What rolling changesets back would destroy: the tables their rollbacks drop that hold rows, and the columns they
 * drop that hold values. Read from the rollbacks by the one classifier of what a change does ({@link ChangeFacts}:
 * Liquibase's drop changes and DROP TABLE / DROP COLUMN / TRUNCATE in SQL alike) and from the live data, before
 * anything runs.
 */
final class DataLoss {

    /**
     * One thing that would be lost.
     *
     * @param changeSet the changeset whose rollback destroys it
     * @param what      "table audit_events", "materialized view daily_usage" or "column users.full_name"
     * @param rows      how many rows hold it (counted up to {@value #COUNT_LIMIT}; that many means "at least")
     */
    record Loss(String changeSet, String what, long rows) {

        String describe() {
            return changeSet + " drops " + what + " (" + (rows >= COUNT_LIMIT ? "at least " + COUNT_LIMIT : String.valueOf(rows)) + " row"
                    + (rows == 1 ? "" : "s") + ")";
        }
    }

    static final int COUNT_LIMIT = 10_000;

    private DataLoss() {
    }

    /** The losses of rolling back {@code changeSets} (in the order they would be rolled back), on {@code connection}. */
    static List<Loss> of(List<ChangeSetFacts> changeSets, Connection connection) {
        Map<String, Loss> losses = new LinkedHashMap<>();
        for (ChangeSetFacts changeSet : changeSets) {
            for (Fact fact : changeSet.rollback()) {
                if (!fact.operation().destroysData() || fact.table() == null) {
                    continue;
                }
                // the table, materialized view or column it drops (or empties)
                String column = fact.operation() == Operation.DROP_COLUMN ? fact.name() : null;
                String what = column != null ? "column " + fact.table() + "." + column
                        : (fact.operation() == Operation.DROP_MATERIALIZED_VIEW ? "materialized view " : "table ") + fact.table();
                if (losses.containsKey(what)) {
                    continue;
                }
                long rows = rowsHolding(connection, fact.table(), column);
                if (rows > 0) {
                    losses.put(what, new Loss(changeSet.id(), what, rows));
                }
            }
        }
        return List.copyOf(losses.values());
    }

    /** Rows of {@code table} (with a non-null {@code column}, if given), up to {@link #COUNT_LIMIT}; 0 if it is not there. */
    private static long rowsHolding(Connection connection, String table, String column) {
        try (PreparedStatement exists = connection.prepareStatement(column == null
                // A materialized view created WITH NO DATA holds no rows, and cannot be counted.
                ? "SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass(?) AND (relkind <> 'm' OR relispopulated))"
                : "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = ? AND attnum > 0 AND NOT attisdropped)")) {
            exists.setString(1, Identifiers.quote(table));
            if (column != null) {
                exists.setString(2, column);
            }
            try (ResultSet rs = exists.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM "
                    + Identifiers.quote(table) + (column == null ? "" : " WHERE " + Identifiers.quote(column) + " IS NOT NULL")
                    + " LIMIT " + COUNT_LIMIT + ") AS rows_held")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not check what the downgrade would destroy: " + e.getMessage(), e);
        }
    }
}
