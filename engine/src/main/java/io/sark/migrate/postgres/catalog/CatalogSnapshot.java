package io.sark.migrate.postgres.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every object of one schema as PostgreSQL itself describes it, for exact comparison of two databases.
 *
 * <p>Each object has a key ({@code column users.email}, {@code index ix_users_email}, {@code type transporttype}) and
 * a definition in PostgreSQL's own words: {@code format_type} for column types, {@code pg_get_expr} for defaults,
 * {@code pg_get_constraintdef}, {@code pg_get_indexdef}, {@code pg_get_triggerdef}, enum labels in their sort
 * order, comments. Two databases built by different routes (a dump, a changelog) compare equal exactly when they
 * hold the same objects. It is read in a handful of bulk queries over {@code pg_catalog}.
 *
 * <p>Liquibase's own bookkeeping tables are left out by default, and so is every object an extension owns
 * ({@code pg_depend.deptype = 'e'}) whatever schema it sits in: TimescaleDB, for one, installs its functions into
 * {@code public} and cannot be moved. A column of the schema's own tables that uses an extension's type is compared.
 */
public final class CatalogSnapshot {

    /** Tables that record migrations rather than hold SARK's data: Liquibase's, and Alembic's from before adoption. */
    public static final Set<String> BOOKKEEPING_TABLES = Set.of("databasechangelog", "databasechangeloglock", "alembic_version");

    private final SortedMap<String, String> objects;

    private CatalogSnapshot(SortedMap<String, String> objects) {
        this.objects = Collections.unmodifiableSortedMap(objects);
    }

    /** Reads schema {@code public}, leaving out Liquibase's tables. */
    public static CatalogSnapshot read(Connection connection) throws SQLException {
        return read(connection, "public", BOOKKEEPING_TABLES);
    }

    /**
     * Reads schema {@code public} as {@link #read(Connection)} does, and each of {@code others} with its objects' names
     * qualified ({@code table reporting.sales}) and the schema itself ({@code schema reporting}) where it exists.
     */
    public static CatalogSnapshot read(Connection connection, Collection<String> others) throws SQLException {
        SortedMap<String, String> objects = new TreeMap<>(read(connection).objects);
        for (String schema : others) {
            try (var ps = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
                ps.setString(1, schema);
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                }
            }
            objects.put("schema " + schema, "");
            read(connection, schema, Set.of()).objects.forEach((key, definition) -> {
                int space = key.indexOf(' ');
                objects.put(key.substring(0, space + 1) + schema + "." + key.substring(space + 1), definition);
            });
        }
        return new CatalogSnapshot(objects);
    }

    /**
     * The schemas of the database besides {@code public} that a changelog may have made: not PostgreSQL's own
     * ({@code pg_*}, {@code information_schema}) and not an extension's (TimescaleDB's, for one).
     */
    public static List<String> otherSchemas(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (var s = connection.createStatement(); var rs = s.executeQuery("""
                SELECT n.nspname FROM pg_namespace n
                 WHERE n.nspname <> 'public' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'
                   AND n.nspname NOT LIKE '\\_timescaledb%' AND n.nspname NOT LIKE 'timescaledb\\_%' AND n.nspname <> 'toolkit_experimental'
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
                 ORDER BY 1""")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }

    public static CatalogSnapshot read(Connection connection, String schema, Set<String> ignoredTables) throws SQLException {
        SortedMap<String, String> objects = new TreeMap<>();
        CatalogQueries.query(connection, RELATIONS, schema, rs -> {
            if (!ignoredTables.contains(rs.getString(1))) {
                objects.put(rs.getString(2) + " " + rs.getString(1), rs.getString(3) == null ? "" : "comment " + rs.getString(3));
            }
        });
        CatalogQueries.query(connection, COLUMNS, schema, rs -> {
            if (!ignoredTables.contains(rs.getString(1))) {
                StringBuilder def = new StringBuilder("#").append(rs.getInt(3)).append(' ').append(rs.getString(4));
                def.append(rs.getBoolean(5) ? " NOT NULL" : " NULL");
                if (rs.getString(6) != null) {
                    def.append(" DEFAULT ").append(rs.getString(6));
                }
                if (!rs.getString(7).isEmpty()) {
                    def.append(" IDENTITY ").append(rs.getString(7));
                }
                if (!rs.getString(8).isEmpty()) {
                    def.append(" GENERATED ").append(rs.getString(8));
                }
                if (rs.getString(9) != null) {
                    def.append(" COMMENT ").append(rs.getString(9));
                }
                objects.put("column " + rs.getString(1) + "." + rs.getString(2), def.toString());
            }
        });
        CatalogQueries.query(connection, CONSTRAINTS, schema, rs -> {
            if (!ignoredTables.contains(rs.getString(1))) {
                objects.put("constraint " + rs.getString(1) + "." + rs.getString(2), rs.getString(3));
            }
        });
        CatalogQueries.query(connection, INDEXES, schema, rs -> {
            if (!ignoredTables.contains(rs.getString(1))) {
                objects.put("index " + rs.getString(2), rs.getString(3) + (rs.getBoolean(4) ? "" : " INVALID"));
            }
        });
        CatalogQueries.query(connection, SEQUENCES, schema, rs -> objects.merge("sequence " + rs.getString(1), rs.getString(2),
                (comment, definition) -> (definition + " " + comment).strip()));
        CatalogQueries.query(connection, ENUM_TYPES, schema, rs -> objects.put("type " + rs.getString(1), "enum (" + rs.getString(2) + ")"));
        CatalogQueries.query(connection, OTHER_TYPES, schema, rs -> objects.put("type " + rs.getString(1), rs.getString(2)));
        CatalogQueries.query(connection, FUNCTIONS, schema, rs -> objects.put("function " + rs.getString(1), rs.getString(2)));
        CatalogQueries.query(connection, TRIGGERS, schema, rs -> {
            if (!ignoredTables.contains(rs.getString(1))) {
                objects.put("trigger " + rs.getString(1) + "." + rs.getString(2), rs.getString(3));
            }
        });
        return new CatalogSnapshot(objects);
    }

    /**
     * The same catalog with column positions left out. PostgreSQL always appends a column it adds, so rolling back a
     * dropped column brings it back last: equal in every other respect, and that is what a rollback can promise.
     */
    public CatalogSnapshot withoutColumnPositions() {
        SortedMap<String, String> stripped = new TreeMap<>();
        objects.forEach((key, definition) -> stripped.put(key, key.startsWith("column ") ? definition.replaceFirst("^#\\d+ ", "") : definition));
        return new CatalogSnapshot(stripped);
    }

    /** Every object, by key, with its definition. */
    public SortedMap<String, String> objects() {
        return objects;
    }

    /** The names of the tables (ordinary and partitioned). */
    public Set<String> tables() {
        return namesOf("table ");
    }

    /** The names of the types (enums, domains, composite types). */
    public Set<String> types() {
        return namesOf("type ");
    }

    private Set<String> namesOf(String prefix) {
        Set<String> names = new TreeSet<>();
        for (String key : objects.keySet()) {
            if (key.startsWith(prefix)) {
                names.add(key.substring(prefix.length()));
            }
        }
        return names;
    }

    /**
     * How this catalog differs from {@code expected}, one line per object, in key order; empty when they are equal.
     */
    public List<String> differencesFrom(CatalogSnapshot expected) {
        List<String> lines = new ArrayList<>();
        Set<String> keys = new TreeSet<>(expected.objects.keySet());
        keys.addAll(objects.keySet());
        for (String key : keys) {
            String want = expected.objects.get(key);
            String have = objects.get(key);
            if (have == null) {
                lines.add("missing " + key + ": " + want);
            } else if (want == null) {
                lines.add("extra   " + key + ": " + have);
            } else if (!want.equals(have)) {
                lines.add("differs " + key + ": expected " + want + ", found " + have);
            }
        }
        return lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CatalogSnapshot other && objects.equals(other.objects);
    }

    @Override
    public int hashCode() {
        return objects.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : objects.entrySet()) {
            text.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return text.toString();
    }

    private static final String RELATIONS = """
            SELECT c.relname,
                   CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view'
                                  WHEN 'm' THEN 'materialized-view' WHEN 'S' THEN 'sequence'
                                  WHEN 'f' THEN 'foreign-table' END,
                   obj_description(c.oid, 'pg_class')
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            """;

    private static final String COLUMNS = """
            SELECT c.relname, a.attname,
                   row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum)::int,
                   format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text,
                   col_description(c.oid, a.attnum)
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
               AND a.attnum > 0 AND NOT a.attisdropped
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            """;

    private static final String CONSTRAINTS = """
            SELECT coalesce(c.relname, t.typname), k.conname, pg_get_constraintdef(k.oid)
              FROM pg_constraint k
              JOIN pg_namespace n ON n.oid = k.connamespace
              LEFT JOIN pg_class c ON c.oid = k.conrelid
              LEFT JOIN pg_type t ON t.oid = k.contypid
             WHERE n.nspname = ?
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = k.conrelid AND e.deptype = 'e') AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = k.contypid AND e.deptype = 'e')
            """;

    private static final String INDEXES = """
            SELECT t.relname, i.relname, pg_get_indexdef(i.oid), x.indisvalid
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
              JOIN pg_namespace n ON n.oid = i.relnamespace
             WHERE n.nspname = ?
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = t.oid AND e.deptype = 'e')
            """;

    private static final String SEQUENCES = """
            SELECT c.relname,
                   format('AS %s START %s INCREMENT %s MIN %s MAX %s CACHE %s%s%s', format_type(s.seqtypid, NULL), s.seqstart,
                          s.seqincrement, s.seqmin, s.seqmax, s.seqcache, CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END,
                          (SELECT ' OWNED BY ' || t.relname || '.' || a.attname || ' (' || d.deptype::text || ')'
                             FROM pg_depend d
                             JOIN pg_class t ON t.oid = d.refobjid
                             JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                            WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
                              AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')))
              FROM pg_sequence s
              JOIN pg_class c ON c.oid = s.seqrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ?
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            """;

    private static final String ENUM_TYPES = """
            SELECT t.typname, string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                   || coalesce(' comment ' || obj_description(t.oid, 'pg_type'), '')
              FROM pg_type t
              JOIN pg_namespace n ON n.oid = t.typnamespace
              JOIN pg_enum e ON e.enumtypid = t.oid
             WHERE n.nspname = ?
               AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
             GROUP BY t.oid, t.typname
            """;

    private static final String OTHER_TYPES = """
            SELECT t.typname,
                   CASE t.typtype WHEN 'd' THEN 'domain ' || format_type(t.typbasetype, t.typtypmod)
                                               || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
                                               || coalesce(' DEFAULT ' || t.typdefault, '')
                                  WHEN 'r' THEN 'range'
                                  ELSE 'composite' END
              FROM pg_type t
              JOIN pg_namespace n ON n.oid = t.typnamespace
              LEFT JOIN pg_class c ON c.oid = t.typrelid
             WHERE n.nspname = ?
               AND (t.typtype IN ('d', 'r') OR (t.typtype = 'c' AND c.relkind = 'c'))
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e')
            """;

    private static final String FUNCTIONS = """
            SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
                   md5(pg_get_functiondef(p.oid))
              FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = ? AND p.prokind IN ('f', 'p')
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')
            """;

    private static final String TRIGGERS = """
            SELECT c.relname, g.tgname, pg_get_triggerdef(g.oid)
              FROM pg_trigger g
              JOIN pg_class c ON c.oid = g.tgrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND NOT g.tgisinternal
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            """;
}
