package io.sark.migrate.engine;

import io.sark.migrate.postgres.Identifiers;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What rolling changesets back would destroy: the tables their rollbacks drop that hold rows, and the columns they
 * drop that hold values. Read from the rollbacks (Liquibase's drop changes, and DROP TABLE / DROP COLUMN in SQL)
 * and from the live data, before anything runs.
 */
final class DataLoss {

    private static final Pattern DROP_TABLE = Pattern.compile("drop\\s+table\\s+(?:if\\s+exists\\s+)?([a-z0-9_.\",\\s]+?)(?:\\s+cascade|\\s+restrict|;|$)");
    private static final Pattern DROP_COLUMN = Pattern.compile(
            "alter\\s+table\\s+(?:only\\s+)?(?:if\\s+exists\\s+)?\"?([a-z_][a-z0-9_.]*)\"?\\s+drop\\s+(?:column\\s+)?(?!constraint\\b)(?:if\\s+exists\\s+)?\"?([a-z_][a-z0-9_]*)\"?");

    /**
     * One thing that would be lost.
     *
     * @param changeSet the changeset whose rollback destroys it
     * @param what      "table audit_events" or "column users.full_name"
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
    static List<Loss> of(List<ChangeSet> changeSets, Connection connection) {
        Map<String, Loss> losses = new LinkedHashMap<>();
        for (ChangeSet changeSet : changeSets) {
            for (Change change : changeSet.getRollback().getChanges()) {
                for (String[] dropped : dropped(change)) {
                    String table = dropped[0];
                    String column = dropped[1];
                    String what = column == null ? "table " + table : "column " + table + "." + column;
                    if (losses.containsKey(what)) {
                        continue;
                    }
                    long rows = rowsHolding(connection, table, column);
                    if (rows > 0) {
                        losses.put(what, new Loss(changeSet.getId(), what, rows));
                    }
                }
            }
        }
        return List.copyOf(losses.values());
    }

    /** {table, column-or-null} for each table or column {@code change} drops. */
    private static List<String[]> dropped(Change change) {
        List<String[]> dropped = new ArrayList<>();
        if (change instanceof DropTableChange drop) {
            dropped.add(new String[] {drop.getTableName(), null});
        } else if (change instanceof DropColumnChange drop) {
            if (drop.getColumnName() != null) {
                dropped.add(new String[] {drop.getTableName(), drop.getColumnName()});
            }
            for (ColumnConfig column : drop.getColumns()) {
                dropped.add(new String[] {drop.getTableName(), column.getName()});
            }
        } else if (change instanceof RawSQLChange raw && raw.getSql() != null) {
            String sql = raw.getSql().toLowerCase(Locale.ROOT);
            Matcher tables = DROP_TABLE.matcher(sql);
            while (tables.find()) {
                for (String name : tables.group(1).split(",")) {
                    dropped.add(new String[] {unquote(name), null});
                }
            }
            Matcher columns = DROP_COLUMN.matcher(sql);
            while (columns.find()) {
                dropped.add(new String[] {unquote(columns.group(1)), columns.group(2)});
            }
        }
        return dropped;
    }

    private static String unquote(String name) {
        String n = name.strip().replace("\"", "");
        return n.startsWith("public.") ? n.substring("public.".length()) : n;
    }

    /** Rows of {@code table} (with a non-null {@code column}, if given), up to {@link #COUNT_LIMIT}; 0 if it is not there. */
    private static long rowsHolding(Connection connection, String table, String column) {
        try (PreparedStatement exists = connection.prepareStatement(column == null
                ? "SELECT to_regclass(?) IS NOT NULL"
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
