package io.sark.migrate.postgres.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of a schema that entities never declare, and so that no comparison reads: views, materialized views,
 * functions, procedures, triggers and row-level security policies (an extension's own are not counted, nor sark-migrate's
 * own expand triggers, which the schema holds). {@code check}
 * and {@code revision --autogenerate} neither create nor drop them; hand-written changesets own them. Counted, so
 * that a comparison can say once what it left alone.
 */
public final class UndeclaredObjects {

    private static final String NOT_AN_EXTENSIONS = "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '%s'::regclass"
            + " AND e.objid = %s AND e.deptype = 'e')";

    private static final String COUNTS = """
            SELECT 'view', count(*) FROM pg_class c
             WHERE c.relnamespace = to_regnamespace(?) AND c.relkind = 'v' AND %1$s
            UNION ALL
            SELECT 'materialized view', count(*) FROM pg_class c
             WHERE c.relnamespace = to_regnamespace(?) AND c.relkind = 'm' AND %1$s
            UNION ALL
            SELECT 'function', count(*) FROM pg_proc p
             WHERE p.pronamespace = to_regnamespace(?) AND p.prokind IN ('f', 'w') AND %2$s
               AND NOT (p.proname LIKE 'sark\\_%%' AND p.prorettype = 'trigger'::regtype)
            UNION ALL
            SELECT 'procedure', count(*) FROM pg_proc p
             WHERE p.pronamespace = to_regnamespace(?) AND p.prokind = 'p' AND %2$s
            UNION ALL
            SELECT 'trigger', count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE c.relnamespace = to_regnamespace(?) AND NOT t.tgisinternal AND %1$s AND %3$s AND t.tgname NOT LIKE 'sark\\_%%'
            UNION ALL
            SELECT 'row-level security policy', count(*) FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid
             WHERE c.relnamespace = to_regnamespace(?)
            """.formatted(NOT_AN_EXTENSIONS.formatted("pg_class", "c.oid"), NOT_AN_EXTENSIONS.formatted("pg_proc", "p.oid"),
            // a trigger an extension's function fires (TimescaleDB's ts_insert_blocker on each hypertable) is the extension's
            NOT_AN_EXTENSIONS.formatted("pg_proc", "t.tgfoid"));

    private UndeclaredObjects() {
    }

    /** How many of each kind {@code schema} holds, in a fixed order, kinds with none left out. */
    public static Map<String, Integer> count(Connection connection, String schema) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(COUNTS)) {
            for (int i = 1; i <= 6; i++) {
                ps.setString(i, schema);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(2) > 0) {
                        counts.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
        }
        return counts;
    }

    /** "1 view, 2 functions", or empty for none. */
    public static String describe(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((kind, n) -> parts.add(n + " " + (n == 1 ? kind : kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s")));
        return String.join(", ", parts);
    }
}
