package io.sark.migrate.engine.guard;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.HypertableDeclarations;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.postgres.catalog.TimescaleCatalog;
import io.sark.migrate.schema.Identifiers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What adding a TimescaleDB retention policy would delete. TimescaleDB runs a new policy at once (on 2.28.3 the job
 * started within 0.2 s of the upgrade ending, and dropped 105,292 of 200,000 rows), so an upgrade that adds one is a
 * deletion: the rows older than its window are counted before anything runs, as a downgrade's dropped tables are.
 * Nothing is counted where TimescaleDB is not installed (the changeset then skips with a notice) or the table already
 * has a retention policy (the call is then a no-op).
 */
final class RetentionLoss {

    /** A window as the call writes it: {@code INTERVAL '90 days'} or {@code '90 days'}. */
    private static final Pattern WINDOW = Pattern.compile("(?i)^\\s*(?:interval\\s*)?'([^']*)'\\s*(?:::\\s*interval)?\\s*$");

    /**
     * One policy that would delete rows.
     *
     * @param changeSet  the changeset that adds it
     * @param table      its hypertable
     * @param window     its drop_after ({@code 90 days})
     * @param timeColumn the table's time column
     * @param rows       how many rows are older than the window now (counted up to {@value DataLoss#COUNT_LIMIT})
     */
    record Loss(String changeSet, String table, String window, String timeColumn, long rows) {

        String describe() {
            return changeSet + " adds a retention policy to " + table + " that deletes rows older than " + window + ", and TimescaleDB"
                    + " runs it at once: " + (rows >= DataLoss.COUNT_LIMIT ? "at least " + DataLoss.COUNT_LIMIT : String.valueOf(rows))
                    + " row" + (rows == 1 ? "" : "s") + " with " + Identifiers.quote(timeColumn) + " older than that now";
        }
    }

    private RetentionLoss() {
    }

    /** The deletions of applying {@code pending} (in order), on {@code connection}; the changelog declares time columns. */
    static List<Loss> of(List<ChangeSetFacts> pending, Changelog changelog, Connection connection) {
        List<Loss> losses = new ArrayList<>();
        try {
            if (!TimescaleCatalog.installed(connection)) {
                return losses;
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the database's extensions: " + e.getMessage(), e);
        }
        Map<String, String> timeColumns = new HashMap<>();
        HypertableDeclarations.in(changelog).forEach((table, hypertable) -> timeColumns.put(table, hypertable.timeColumn()));
        for (ChangeSetFacts changeSet : pending) { // a conversion in the same run names its time column too
            for (Fact fact : changeSet.changes()) {
                if (fact.operation() == Operation.CONVERT_TO_HYPERTABLE && fact.table() != null && fact.name() != null) {
                    timeColumns.put(fact.table(), fact.name());
                }
            }
        }
        try {
            timeColumns.putAll(TimescaleCatalog.timeColumns(connection));
        } catch (SQLException e) {
            throw new MigrationException("Could not read TimescaleDB's hypertables: " + e.getMessage(), e);
        }
        Set<String> withPolicy = tablesWithRetention(connection);
        for (ChangeSetFacts changeSet : pending) {
            for (Fact fact : changeSet.changes()) {
                if (fact.operation() != Operation.TIMESCALE_POLICY || !"add_retention_policy".equals(fact.name()) || fact.detail() == null
                        || withPolicy.contains(fact.table()) || !timeColumns.containsKey(fact.table())) {
                    continue;
                }
                Matcher window = WINDOW.matcher(fact.detail());
                if (!window.matches()) {
                    continue; // an integer time column's window, or an expression: not counted
                }
                long rows = olderThan(connection, fact.table(), timeColumns.get(fact.table()), window.group(1));
                withPolicy.add(fact.table());
                if (rows > 0) {
                    losses.add(new Loss(changeSet.id(), fact.table(), window.group(1), timeColumns.get(fact.table()), rows));
                }
            }
        }
        return losses;
    }

    private static Set<String> tablesWithRetention(Connection connection) {
        Set<String> tables = new HashSet<>();
        try {
            TimescaleCatalog.hypertables(connection, null).forEach((table, settings) -> {
                if (!settings.retention().isEmpty()) {
                    tables.add(table);
                }
            });
            endTransaction(connection);
        } catch (SQLException e) {
            throw new MigrationException("Could not read TimescaleDB's jobs: " + e.getMessage(), e);
        }
        return tables;
    }

    private static long olderThan(Connection connection, String table, String timeColumn, String window) {
        if (!exists(connection, "SELECT to_regclass(" + Identifiers.literal(Identifiers.quote(table)) + ") IS NOT NULL")) {
            return 0; // created later in the same run: empty
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM (SELECT 1 FROM " + Identifiers.quote(table)
                + " WHERE " + Identifiers.quote(timeColumn) + " < now() - CAST(? AS interval) LIMIT " + DataLoss.COUNT_LIMIT + ") s")) {
            ps.setString(1, window);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                endTransaction(connection);
                return rows;
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not count the rows a retention policy on " + table + " would delete: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String sql) {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            boolean result = rs.getBoolean(1);
            endTransaction(connection);
            return result;
        } catch (SQLException e) {
            throw new MigrationException("Could not read the catalog: " + e.getMessage(), e);
        }
    }

    private static void endTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }
}
