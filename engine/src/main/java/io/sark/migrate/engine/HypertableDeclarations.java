package io.sark.migrate.engine;

import io.sark.migrate.schema.Hypertable;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hypertables a changelog declares. TimescaleDB steps are guarded, so on plain PostgreSQL they leave no trace in
 * the catalog; what the changelog means is read from the changelog itself, from the line the generator writes at the
 * top of each TimescaleDB step:
 * <pre>-- sark-migrate hypertable audit_events: time_column=timestamp; compress_after=7 days</pre>
 * Later lines for the same table change the keys they name.
 */
public final class HypertableDeclarations {

    /** The marker line's prefix. */
    public static final String MARKER = "-- sark-migrate hypertable ";

    private static final Pattern LINE = Pattern.compile("^\\s*-- sark-migrate hypertable ([a-z_][a-z0-9_]*): (.*)$", Pattern.MULTILINE);

    private HypertableDeclarations() {
    }

    public static SortedMap<String, Hypertable> in(Changelog changelog) {
        Map<String, Map<String, String>> settings = new HashMap<>();
        for (ChangeSet changeSet : changelog.changeSets()) {
            for (Change change : changeSet.getChanges()) {
                if (change instanceof RawSQLChange sql && sql.getSql() != null) {
                    Matcher m = LINE.matcher(sql.getSql());
                    while (m.find()) {
                        Map<String, String> table = settings.computeIfAbsent(m.group(1), t -> new HashMap<>());
                        for (String pair : m.group(2).split(";")) {
                            int eq = pair.indexOf('=');
                            if (eq > 0) {
                                table.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                            }
                        }
                    }
                }
            }
        }
        SortedMap<String, Hypertable> declared = new TreeMap<>();
        settings.forEach((table, s) -> {
            if (s.containsKey("time_column")) {
                declared.put(table, new Hypertable(s.get("time_column"), s.getOrDefault("chunk_interval", ""),
                        s.getOrDefault("compress_segment_by", ""), s.getOrDefault("compress_after", ""), s.getOrDefault("retention", "")));
            }
        });
        return declared;
    }

    /**
     * The hypertables of a live database. Where TimescaleDB is installed, whether a table is one, and on which column,
     * is what TimescaleDB's catalog says, not what the changelog meant: a database migrated on plain PostgreSQL and
     * given the extension afterwards has none, and {@code check} then says so (before, it agreed, and the table stayed
     * plain for good). The settings of a hypertable the changelog declares (chunks, compression, retention) are still
     * the declared ones. Without TimescaleDB the changelog's declarations are taken as they are: its steps skip on
     * plain PostgreSQL, by design.
     */
    public static SortedMap<String, Hypertable> onDatabase(Changelog changelog, java.sql.Connection connection) {
        SortedMap<String, Hypertable> declared = in(changelog);
        SortedMap<String, Hypertable> live = new TreeMap<>();
        try {
            if (!io.sark.migrate.postgres.TimescaleCatalog.installed(connection)) {
                return declared;
            }
            io.sark.migrate.postgres.TimescaleCatalog.timeColumns(connection).forEach((table, timeColumn) -> {
                Hypertable meant = declared.get(table);
                live.put(table, meant != null && meant.timeColumn().equals(timeColumn) ? meant : new Hypertable(timeColumn, "", "", "", ""));
            });
        } catch (java.sql.SQLException e) {
            throw new MigrationException("Could not read TimescaleDB's hypertables: " + e.getMessage(), e);
        }
        return live;
    }

    /** The marker line for {@code table}, with the given keys and values. */
    public static String marker(String table, Map<String, String> keys) {
        StringBuilder line = new StringBuilder(MARKER).append(table).append(":");
        String separator = " ";
        for (Map.Entry<String, String> e : keys.entrySet()) {
            line.append(separator).append(e.getKey()).append('=').append(e.getValue());
            separator = "; ";
        }
        return line.toString();
    }
}
