package io.sark.migrate.engine.changelog;

import io.sark.migrate.postgres.catalog.TimescaleCatalog;
import io.sark.migrate.schema.Hypertable;
import io.sark.migrate.schema.Identifiers;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

    /** TimescaleDB's chunk interval when none is given. */
    private static final String DEFAULT_CHUNK_INTERVAL = "7 days";

    private HypertableDeclarations() {
    }

    public static SortedMap<String, Hypertable> in(Changelog changelog) {
        Map<String, ? extends Map<String, String>> settings = changelog.declarations().hypertables();
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
     * The hypertables of a live database. Where TimescaleDB is installed, a hypertable is what TimescaleDB's
     * information views say: whether a table is one and on which column, its chunk interval, its compression
     * (segment-by columns) and its compression and retention policies. A database migrated on plain PostgreSQL and
     * given the extension afterwards has no hypertable, and a policy removed by hand is missing: {@code check} says so
     * (before, it took the changelog's word, agreed, and the table stayed plain for good). A setting equal in meaning
     * to the declared one ({@code 2160 hours} for {@code 90 days}, TimescaleDB's default 7-day chunks for none declared)
     * is reported as declared, so that it is no difference. Without TimescaleDB the changelog's declarations are taken
     * as they are: its steps skip on plain PostgreSQL, by design.
     */
    public static SortedMap<String, Hypertable> onDatabase(Changelog changelog, Connection connection) {
        SortedMap<String, Hypertable> declared = in(changelog);
        SortedMap<String, Hypertable> live = new TreeMap<>();
        try {
            if (!TimescaleCatalog.installed(connection)) {
                return declared;
            }
            for (Map.Entry<String, TimescaleCatalog.Settings> e : TimescaleCatalog.hypertables(connection, null).entrySet()) {
                live.put(e.getKey(), asDeclared(connection, e.getValue(), declared.get(e.getKey())));
            }
        } catch (SQLException e) {
            throw new ChangelogException("Could not read TimescaleDB's hypertables: " + e.getMessage(), e);
        }
        return live;
    }

    private static Hypertable asDeclared(Connection connection, TimescaleCatalog.Settings is, Hypertable meant)
            throws SQLException {
        Hypertable m = meant != null ? meant : new Hypertable(is.timeColumn(), "", "", "", "");
        String chunks = TimescaleCatalog.sameInterval(connection, m.chunkInterval().isEmpty() ? DEFAULT_CHUNK_INTERVAL : m.chunkInterval(),
                is.chunkInterval()) ? m.chunkInterval() : is.chunkInterval();
        String segmentBy = columns(m.compressSegmentBy()).equals(is.segmentBy()) ? m.compressSegmentBy() : is.segmentBy().stream()
                .map(Identifiers::readable).collect(Collectors.joining(", "));
        String compressAfter = TimescaleCatalog.sameInterval(connection, m.compressAfter(), is.compressAfter()) ? m.compressAfter() : is.compressAfter();
        String retention = TimescaleCatalog.sameInterval(connection, m.retention(), is.retention()) ? m.retention() : is.retention();
        return new Hypertable(is.timeColumn(), chunks, segmentBy, compressAfter, retention);
    }

    /** {@code "a, \"B\""} as {@code [a, B]}. */
    private static List<String> columns(String list) {
        return list.isBlank() ? List.of()
                : Arrays.stream(list.split(",")).map(String::strip).map(Identifiers::fromSql).toList();
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
