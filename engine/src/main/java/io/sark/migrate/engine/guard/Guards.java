package io.sark.migrate.engine.guard;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import io.sark.migrate.engine.changelog.ChangeSetKey;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogException;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.postgres.catalog.TimescaleCatalog;
import io.sark.migrate.schema.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a command refuses before anything runs: a history from another changelog, an Alembic database not adopted, data loss. */
public final class Guards {

    private Guards() {
    }

    /**
     * Refuses a database whose history holds changesets the changelog does not have: it was migrated with a newer or
     * another changelog, and neither moving it forward nor back with this one can be right.
     */
    public static void refuseUnknownHistory(Changelog changelog, List<ChangeSetKey> unknownApplied, Optional<String> revision) {
        List<String> unknown = unknownApplied.stream().map(ChangeSetKey::id).toList();
        Set<String> files = new TreeSet<>(unknownApplied.stream().map(ChangeSetKey::file).toList());
        if (!unknown.isEmpty()) {
            List<String> shown = unknown.size() <= 5 ? unknown : unknown.subList(0, 5);
            throw new ChangelogException("The database's history holds " + unknown.size() + " changeset(s) that " + changelog.describe()
                    + " does not have (" + String.join(", ", shown) + (unknown.size() > shown.size() ? ", ..." : "") + " from "
                    + String.join(", ", files) + "): it was migrated with a newer or another changelog. Use that changelog;"
                    + " nothing ran" + revision.map(at -> ", and the database is " + at).orElse("") + ".");
        }
    }

    /** Refuses to preview or roll back on an Alembic database before it is adopted: the history would be wrong. */
    public static void refuseUnadopted(Optional<String> alembicRevision) {
        if (alembicRevision.isPresent()) {
            throw new ChangelogException("This database is managed by Alembic at " + alembicRevision.get() + " and is not adopted yet: run"
                    + " 'sark-migrate adopt' (it checks the schema and records the revision, changing no schema), then run this again.");
        }
    }

    /**
     * Everything an upgrade to {@code to} is refused for, decided before anything runs: rows a retention policy would
     * delete at once (unless {@code allowDataLoss}), a lock expected to be held longer than {@code longest}. Says how long
     * each lock is expected to last, and what a hypertable copy costs.
     */
    public static void beforeUpgrade(String to, List<ChangeSetFacts> pending, Changelog changelog, Connection connection, boolean allowDataLoss,
                              Duration longest, MigrationListener listener) {
        if (!allowDataLoss) {
            refuseRetentionLoss(to, pending, changelog, connection);
        }
        List<LockCost.Cost> costs = LockCost.of(pending, connection);
        costs.forEach(cost -> listener.message(cost.describe()));
        refuseLongLocks(costs, longest);
        HypertableCopyCost.ofUpgrade(pending, connection).forEach(listener::message);
    }

    /**
     * Everything a downgrade to {@code to} is refused for, decided before anything runs: a rollback a hypertable
     * refuses, a changeset without a rollback, keys or enum values the rows would break, and (unless
     * {@code allowDataLoss}) data it would drop.
     */
    public static void beforeDowngrade(String to, List<ChangeSetFacts> rolledBack, Connection connection, boolean allowDataLoss) {
        refuseRollbacksAHypertableRefuses(to, rolledBack, connection);
        refuseChangeSetsWithoutRollback(to, rolledBack);
        refuseKeysTheRowsBreak(to, rolledBack, connection);
        refuseEnumValuesInUse(to, rolledBack, connection);
        if (!allowDataLoss) {
            refuseDataLoss(to, rolledBack, connection);
        }
    }

    /** Refuses a downgrade to {@code to} whose rollbacks ({@code rolledBack}, latest first) would drop rows or values. */
    static void refuseDataLoss(String to, List<ChangeSetFacts> rolledBack, Connection connection) {
        List<DataLoss.Loss> losses = DataLoss.of(rolledBack, connection);
        if (!losses.isEmpty()) {
            throw new DataLossException("downgrade to " + to + " would destroy data: " + String.join("; ",
                    losses.stream().map(DataLoss.Loss::describe).toList()) + ". Nothing ran. Keep a copy of what you need"
                    + " (pg_dump), then run again with --allow-data-loss; or downgrade to a later revision.");
        }
    }

    /**
     * Refuses a downgrade over a changeset that has no rollback and none Liquibase can derive (a loadData, a raw SQL
     * file): it would fail there, after the rollbacks before it had run.
     */
    static void refuseChangeSetsWithoutRollback(String to, List<ChangeSetFacts> rolledBack) {
        List<String> without = rolledBack.stream().filter(changeSet -> !changeSet.rollsBack())
                .map(changeSet -> changeSet.id() + " (" + changeSet.file() + ": " + (changeSet.withoutRollback().isEmpty() ? "its changes"
                        : String.join(", ", changeSet.withoutRollback())) + ")")
                .toList();
        if (!without.isEmpty()) {
            throw new ChangelogException("downgrade to " + to + " would fail at changeset " + without.get(without.size() - 1).split(" ")[0]
                    + ": " + String.join("; ", without) + (without.size() == 1 ? " has" : " have") + " no rollback, and Liquibase derives"
                    + " none for what " + (without.size() == 1 ? "it does" : "they do") + ". Nothing ran. Give " + (without.size() == 1 ? "it" : "each")
                    + " a rollback (one that deletes what it loaded, or '- sql: {sql: empty}' where nothing needs undoing), or"
                    + " downgrade to a later revision.");
        }
    }

    /**
     * Refuses a downgrade whose rollbacks ({@code rolledBack}, latest first) would add a primary key or unique
     * constraint that the rows now in its table break: it would fail there, after the rollbacks before it had run
     * (SARK's 005-1 re-adds PRIMARY KEY (id), which two events with one id and two timestamps break). Each such key is
     * counted against the table as it is (a key a later rollback drops first still counts: the rows stay).
     */
    static void refuseKeysTheRowsBreak(String to, List<ChangeSetFacts> rolledBack, Connection connection) {
        for (ChangeSetFacts changeSet : rolledBack) {
            for (Fact fact : changeSet.rollback()) {
                if ((fact.operation() != Operation.ADD_PRIMARY_KEY
                        && fact.operation() != Operation.ADD_UNIQUE) || fact.table() == null || fact.columns().isEmpty()) {
                    continue;
                }
                List<String> columns = fact.columns();
                long duplicates = duplicates(connection, fact.table(), columns);
                if (duplicates > 0) {
                    String what = fact.operation() == Operation.ADD_PRIMARY_KEY ? "primary key" : "unique constraint";
                    throw new DataLossException("downgrade to " + to + " would fail at changeset " + changeSet.id() + ": its rollback adds "
                            + what + (fact.name() == null ? "" : " " + fact.name()) + " (" + String.join(", ", columns) + ") to " + fact.table()
                            + ", and " + duplicates + (duplicates == 1 ? " value of it is" : " values of it are") + " held by more than one row"
                            + " now (SELECT " + String.join(", ", columns) + " FROM " + fact.table() + " GROUP BY " + String.join(", ", columns)
                            + " HAVING count(*) > 1). Nothing ran. Make them unique (or keep a copy and delete the extra rows), then run"
                            + " the downgrade again.");
                }
            }
        }
    }

    /**
     * Refuses a downgrade whose rollbacks ({@code rolledBack}, latest first) remove an enum value that rows hold now:
     * the removal replaces the type and fails on them, after the rollbacks before it had run. Counted per column.
     */
    static void refuseEnumValuesInUse(String to, List<ChangeSetFacts> rolledBack, Connection connection) {
        for (ChangeSetFacts changeSet : rolledBack) {
            for (Fact fact : changeSet.rollback()) {
                if (fact.operation() != Operation.REPLACE_ENUM_TYPE) {
                    continue;
                }
                Map<String, Long> held = rowsHolding(connection, fact.name(), fact.detail());
                if (!held.isEmpty()) {
                    long rows = held.values().stream().mapToLong(Long::longValue).sum();
                    throw new DataLossException("downgrade to " + to + " would fail at changeset " + changeSet.id() + ": its rollback removes value '"
                            + fact.detail() + "' from enum type " + fact.name() + ", and " + rows + " row(s) hold it now (" + String.join(", ",
                            held.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()) + "). Nothing ran. Change them to"
                            + " another value (or keep a copy and delete them), then run the downgrade again; or downgrade to a later revision.");
                }
            }
        }
    }

    /** The columns ({@code table.column}) whose rows hold {@code label} of enum {@code type} (or of its array type), with how many. */
    private static Map<String, Long> rowsHolding(Connection connection, String type, String label) {
        Map<String, Long> held = new TreeMap<>();
        try (PreparedStatement columns = connection.prepareStatement("""
                SELECT a.attrelid::regclass::text, quote_ident(a.attname), a.atttypid = t.oid
                  FROM (SELECT to_regtype(?) AS oid) t
                  JOIN pg_type ty ON ty.oid = t.oid
                  JOIN pg_attribute a ON a.atttypid IN (t.oid, ty.typarray)
                  JOIN pg_class c ON c.oid = a.attrelid
                 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY 1, 2""")) {
            columns.setString(1, Identifiers.quote(type));
            List<String[]> found = new ArrayList<>();
            try (ResultSet rs = columns.executeQuery()) {
                while (rs.next()) {
                    found.add(new String[] {rs.getString(1), rs.getString(2), String.valueOf(rs.getBoolean(3))});
                }
            }
            for (String[] column : found) {
                String where = Boolean.parseBoolean(column[2]) ? column[1] + "::text = ?" : "? = ANY (" + column[1] + "::text[])";
                try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + column[0] + " WHERE " + where)) {
                    count.setString(1, label);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            held.put(column[0] + "." + column[1], rs.getLong(1));
                        }
                    }
                }
            }
            return held;
        } catch (SQLException e) {
            throw new MigrationException("Could not count the rows that hold enum value '" + label + "' of " + type + ": " + e.getMessage(), e);
        } finally {
            endReadTransaction(connection);
        }
    }

    /** How many values of {@code columns} more than one row of {@code table} holds; 0 where the table or a column is not there. */
    private static long duplicates(Connection connection, String table, List<String> columns) {
        String list = String.join(", ", columns.stream().map(Identifiers::quote).toList());
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass(" + Identifiers.literal(
                    Identifiers.quote(table)) + ") IS NOT NULL AND (SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass("
                    + Identifiers.literal(Identifiers.quote(table)) + ") AND NOT attisdropped AND attname = ANY ("
                    + "ARRAY[" + String.join(", ", columns.stream().map(Identifiers::literal).toList()) + "])) = " + columns.size())) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return 0;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT 1 FROM " + Identifiers.quote(table)
                    + " GROUP BY " + list + " HAVING count(*) > 1) AS d")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not count the rows a rolled-back key would hold: " + e.getMessage(), e);
        } finally {
            endReadTransaction(connection);
        }
    }

    /** Refuses an upgrade with a changeset expected to hold a lock writers wait for longer than {@code longest} (null: no limit). */
    static void refuseLongLocks(List<LockCost.Cost> costs, Duration longest) {
        if (longest == null) {
            return;
        }
        List<LockCost.Cost> over = costs.stream().filter(c -> c.seconds() > longest.toSeconds()).toList();
        if (!over.isEmpty()) {
            throw new LockCostException("upgrade refused, nothing ran: " + String.join("; ", over.stream().map(c -> c.changeSet() + " "
                    + c.work() + " " + c.table() + " holding " + c.lock().label() + " for about " + Math.round(Math.ceil(c.seconds())) + " s").toList())
                    + ", more than --max-lock-seconds " + longest.toSeconds() + ". Write it in a form that does not hold the lock (docs/production.md:"
                    + " expand and contract), run it in a maintenance window with a higher limit, or leave the limit out.");
        }
    }

    /** Refuses an upgrade to {@code to} whose {@code pending} changesets add a retention policy that would delete rows at once. */
    static void refuseRetentionLoss(String to, List<ChangeSetFacts> pending, Changelog changelog, Connection connection) {
        List<RetentionLoss.Loss> losses = RetentionLoss.of(pending, changelog, connection);
        if (!losses.isEmpty()) {
            throw new DataLossException("upgrade to " + to + " would delete data: " + String.join("; ",
                    losses.stream().map(RetentionLoss.Loss::describe).toList()) + ". Nothing ran. Keep a copy of what you need"
                    + " (pg_dump), then run again with --allow-data-loss.");
        }
    }

    /**
     * Refuses a downgrade whose rollbacks ({@code rolledBack}, latest first) would add a primary key or unique
     * constraint without the partitioning column to a TimescaleDB hypertable: TimescaleDB refuses it, and by then the
     * rollbacks before it have committed (on SARK's 005 that left audit_events without any key). A hypertable stays
     * one when its conversion's rollback leaves it one (a changelog written before sark-migrate could copy it back),
     * and stops being one when a rollback drops it or makes it a plain table again.
     */
    static void refuseRollbacksAHypertableRefuses(String to, List<ChangeSetFacts> rolledBack, Connection connection) {
        Map<String, String> hypertables;
        try {
            hypertables = TimescaleCatalog.timeColumns(connection);
        } catch (SQLException e) {
            throw new MigrationException("Could not read TimescaleDB's hypertables: " + e.getMessage(), e);
        }
        if (hypertables.isEmpty()) {
            return;
        }
        for (ChangeSetFacts changeSet : rolledBack) {
            for (Fact fact : changeSet.rollback()) {
                String timeColumn = hypertables.get(fact.table());
                if (fact.operation() == Operation.DROP_TABLE
                        || fact.operation() == Operation.CONVERT_TO_PLAIN_TABLE) {
                    hypertables.remove(fact.table());
                } else if (timeColumn != null && !fact.columns().isEmpty()
                        && (fact.operation() == Operation.ADD_PRIMARY_KEY
                        || fact.operation() == Operation.ADD_UNIQUE)
                        && !fact.columns().contains(timeColumn)) {
                    String what = fact.operation() == Operation.ADD_PRIMARY_KEY ? "primary key" : "unique constraint";
                    throw new ChangelogException("downgrade to " + to + " would fail at changeset " + changeSet.id() + ": its rollback adds "
                            + what + (fact.name() == null ? "" : " " + fact.name()) + " (" + fact.detail() + ") to " + fact.table()
                            + ", a TimescaleDB hypertable partitioned by \"" + timeColumn + "\", and TimescaleDB refuses a key without"
                            + " that column; the rollbacks before it would already have run. Nothing ran. The conversion's rollback leaves it"
                            + " a hypertable: write that rollback as 'sark-migrate revision --autogenerate' now writes it (it copies the"
                            + " rows back into a plain table), stay at the revision that converted it or later, or move "
                            + fact.table() + "'s rows out, drop it, and run the downgrade again.");
                }
            }
        }
    }

    /** Ends the transaction a guard's counting opened (the caller's next statement says what is wrong with a broken connection). */
    private static void endReadTransaction(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException ignored) {
            // the caller's next statement says what is wrong with the connection
        }
    }
}
