package io.sark.migrate.postgres.catalog;

import io.sark.migrate.schema.CheckConstraint;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.Defaults;
import io.sark.migrate.schema.EnumType;
import io.sark.migrate.schema.ExpandTrigger;
import io.sark.migrate.schema.Expressions;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Identifiers;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Sequence;
import io.sark.migrate.schema.SqlTypes;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the neutral {@link Schema} of a database from {@code pg_catalog}: six bulk queries, whatever the number of
 * tables (per-table JDBC metadata calls are what make other tools slow on large databases). Liquibase's own tables
 * are left out.
 */
public final class CatalogSchemaReader {

    private CatalogSchemaReader() {
    }

    public static Schema read(Connection connection) throws SQLException {
        return read(connection, "public", CatalogSnapshot.BOOKKEEPING_TABLES);
    }

    public static Schema read(Connection connection, String schema, Set<String> ignoredTables) throws SQLException {
        Map<String, String> namespaces = new HashMap<>();
        namespaces.put(schema, null);
        return read(connection, namespaces, ignoredTables);
    }

    /**
     * Reads several schemas into one: the objects of each physical schema (a key of {@code namespaces}) under the schema
     * of the model it stands for (its value; null for the home schema, whose names stay bare; else
     * {@link Identifiers#qualified}). A scratch schema stands for the schema the entities name, a database's schema for
     * itself. {@code ignoredTables} are the home schema's.
     */
    public static Schema read(Connection connection, Map<String, String> namespaces, Set<String> ignoredTables) throws SQLException {
        Map<String, TableParts> tables = new TreeMap<>();
        Map<String, EnumType> enums = new TreeMap<>();
        Map<String, Sequence> sequences = new TreeMap<>();
        Map<String, ExpandTrigger> expandTriggers = new TreeMap<>();
        SortedSet<String> existing = new TreeSet<>();
        for (Map.Entry<String, String> namespace : new TreeMap<>(namespaces).entrySet()) {
            if (namespace.getValue() != null && exists(connection, namespace.getKey())) {
                existing.add(namespace.getValue());
            }
            readOne(connection, namespace.getKey(), namespace.getValue(), namespaces, ignoredTables, tables, enums, sequences, expandTriggers);
        }
        Map<String, Table> result = new TreeMap<>();
        tables.forEach((name, parts) -> result.put(name, parts.build()));
        return new Schema(new TreeMap<>(result), new TreeMap<>(enums), new TreeMap<>(), new TreeMap<>(sequences), new TreeMap<>(expandTriggers),
                existing);
    }

    private static boolean exists(Connection connection, String schema) throws SQLException {
        boolean[] found = {false};
        CatalogQueries.query(connection, "SELECT 1 FROM pg_namespace WHERE nspname = ?", schema, rs -> found[0] = true);
        return found[0];
    }

    private static void readOne(Connection connection, String schema, String model, Map<String, String> namespaces, Set<String> ignoredTables,
                                Map<String, TableParts> tables, Map<String, EnumType> enums, Map<String, Sequence> sequences,
                                Map<String, ExpandTrigger> expandTriggers) throws SQLException {
        Set<String> ignored = model == null ? ignoredTables : Set.of();
        CatalogQueries.query(connection, TABLES, schema, rs -> {
            if (!ignored.contains(rs.getString(1))) {
                String name = Identifiers.qualified(model, rs.getString(1));
                TableParts parts = new TableParts(name);
                parts.comment = rs.getString(2);
                tables.put(name, parts);
            }
        });
        CatalogQueries.query(connection, COLUMNS, schema, rs -> {
            TableParts t = tables.get(Identifiers.qualified(model, rs.getString(1)));
            if (t != null) {
                String type = SqlTypes.normalize(rs.getString(3));
                Column.Identity identity = switch (rs.getString(7)) {
                    case "a" -> Column.Identity.ALWAYS;
                    case "d" -> Column.Identity.BY_DEFAULT;
                    default -> null;
                };
                t.columns.add(new Column(rs.getString(2), type, !rs.getBoolean(4), Defaults.normalize(rs.getString(5), type), rs.getString(6),
                        identity));
            }
        });
        CatalogQueries.query(connection, CONSTRAINTS, schema, rs -> {
            TableParts t = tables.get(Identifiers.qualified(model, rs.getString(1)));
            if (t == null) {
                return;
            }
            String name = rs.getString(2);
            List<String> columns = strings(rs.getArray(4));
            switch (rs.getString(3)) {
                case "p" -> t.primaryKey = new PrimaryKey(name, columns);
                case "u" -> t.uniques.put(name, new UniqueConstraint(name, columns));
                case "f" -> t.foreignKeys.put(name, new ForeignKey(name, columns, referenced(rs.getString(9), rs.getString(5), namespaces),
                        strings(rs.getArray(6)), action(rs.getString(7)), action(rs.getString(8))));
                default -> throw new IllegalStateException("unexpected constraint type " + rs.getString(3));
            }
        });
        CatalogQueries.query(connection, INDEXES, schema, rs -> {
            TableParts t = tables.get(Identifiers.qualified(model, rs.getString(1)));
            if (t != null) {
                String[] texts = (String[]) rs.getArray(4).getArray();
                Object[] options = rs.getArray(5) == null ? new Object[0] : (Object[]) rs.getArray(5).getArray();
                List<String> keys = CatalogQueries.indexKeys(texts, options);
                t.indexes.put(rs.getString(2), new Index(rs.getString(2), keys, rs.getBoolean(3), rs.getString(6),
                        Expressions.tidy(rs.getString(7))));
            }
        });
        CatalogQueries.query(connection, CHECKS, schema, rs -> {
            TableParts t = tables.get(Identifiers.qualified(model, rs.getString(1)));
            if (t != null) {
                t.checks.put(rs.getString(2), new CheckConstraint(rs.getString(2), Expressions.tidy(Expressions.checkExpression(rs.getString(3)))));
            }
        });
        skipTimescaleTimeIndexes(connection, schema, model, tables);
        CatalogQueries.query(connection, ENUMS, schema, rs -> {
            String name = Identifiers.qualified(model, rs.getString(1));
            enums.put(name, new EnumType(name, strings(rs.getArray(2))));
        });
        CatalogQueries.query(connection, SEQUENCES, schema, rs -> {
            String owner = rs.getString(9) == null ? null : Identifiers.qualified(model, rs.getString(9)) + "." + rs.getString(10);
            if (owner == null || !ignored.contains(rs.getString(9))) {
                String name = Identifiers.qualified(model, rs.getString(1));
                sequences.put(name, new Sequence(name, rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getBoolean(8), owner));
            }
        });
        CatalogQueries.query(connection, EXPAND_TRIGGERS, schema, rs -> {
            String table = Identifiers.qualified(model, rs.getString(2));
            if (tables.containsKey(table)) {
                expandTriggers.put(rs.getString(1), new ExpandTrigger(rs.getString(1), table, rs.getString(3), rs.getString(4)));
            }
        });
    }

    /** The model name of a referenced table in physical schema {@code schema}: as read, or in the schema it is not. */
    private static String referenced(String schema, String table, Map<String, String> namespaces) {
        if (table == null) {
            return null;
        }
        return namespaces.containsKey(schema) ? Identifiers.qualified(namespaces.get(schema), table) : Identifiers.qualified(schema, table);
    }

    /**
     * TimescaleDB creates an index on a hypertable's time column ({@code <table>_<column>_idx}, descending) unless told
     * not to; it is TimescaleDB's, not the schema's, and is left out.
     */
    private static void skipTimescaleTimeIndexes(Connection connection, String schema, String model, Map<String, TableParts> tables)
            throws SQLException {
        TimescaleCatalog.timeColumns(connection, schema).forEach((table, column) -> {
            TableParts t = tables.get(Identifiers.qualified(model, table));
            if (t != null) {
                Index index = t.indexes.get(table + "_" + column + "_idx");
                // The keys read as CatalogQueries writes them ("timestamp" DESC, quoted where the name needs it).
                if (index != null && index.keys().size() == 1
                        && List.of(column + " DESC", Identifiers.quote(column) + " DESC").contains(index.keys().get(0))) {
                    t.indexes.remove(index.name());
                }
            }
        });
    }

    private static final class TableParts {
        final String name;
        final List<Column> columns = new ArrayList<>();
        PrimaryKey primaryKey;
        final Map<String, UniqueConstraint> uniques = new HashMap<>();
        final Map<String, Index> indexes = new HashMap<>();
        final Map<String, ForeignKey> foreignKeys = new HashMap<>();
        final Map<String, CheckConstraint> checks = new HashMap<>();
        String comment;

        TableParts(String name) {
            this.name = name;
        }

        Table build() {
            return new Table(name, columns, primaryKey, new TreeMap<>(uniques), new TreeMap<>(indexes), new TreeMap<>(foreignKeys), comment,
                    new TreeMap<>(checks));
        }
    }

    private static ForeignKey.Action action(String code) {
        return switch (code) {
            case "r" -> ForeignKey.Action.RESTRICT;
            case "c" -> ForeignKey.Action.CASCADE;
            case "n" -> ForeignKey.Action.SET_NULL;
            case "d" -> ForeignKey.Action.SET_DEFAULT;
            default -> ForeignKey.Action.NO_ACTION;
        };
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static final String TABLES = """
            SELECT c.relname, obj_description(c.oid, 'pg_class')
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            """;

    private static final String COLUMNS = """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   pg_get_expr(d.adbin, d.adrelid), col_description(c.oid, a.attnum), a.attidentity::text
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
               AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid AND x.deptype = 'e')
             ORDER BY c.relname, a.attnum
            """;

    private static final String CONSTRAINTS = """
            SELECT c.relname, k.conname, k.contype,
                   ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY AS u(num, pos)
                           JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.pos)::text[],
                   r.relname,
                   ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY AS u(num, pos)
                           JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.pos)::text[],
                   k.confdeltype::text, k.confupdtype::text, rn.nspname
              FROM pg_constraint k
              JOIN pg_class c ON c.oid = k.conrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_class r ON r.oid = k.confrelid
              LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
             WHERE n.nspname = ? AND k.contype IN ('p', 'u', 'f')
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            """;

    private static final String INDEXES = """
            SELECT t.relname, i.relname, x.indisunique,
                   ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k)::text[],
                   x.indoption::int2[], am.amname, pg_get_expr(x.indpred, x.indrelid, true)
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class t ON t.oid = x.indrelid
              JOIN pg_am am ON am.oid = i.relam
              JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE n.nspname = ?
               AND x.indisvalid -- an invalid index is what a failed CREATE INDEX CONCURRENTLY leaves: not schema
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = t.oid AND e.deptype = 'e')
            """;

    private static final String CHECKS = """
            SELECT c.relname, k.conname, pg_get_constraintdef(k.oid, true)
              FROM pg_constraint k
              JOIN pg_class c ON c.oid = k.conrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ? AND k.contype = 'c'
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
            """;

    /**
     * Sequences with their parameters and the column that owns one (a {@code serial}'s); the sequence behind an
     * identity column (an internal dependency) is the column's, not the schema's.
     */
    private static final String SEQUENCES = """
            SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
                   t.relname, a.attname
              FROM pg_sequence s
              JOIN pg_class c ON c.oid = s.seqrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
                                   AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
              LEFT JOIN pg_class t ON t.oid = d.refobjid
              LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
             WHERE n.nspname = ? AND coalesce(d.deptype, 'a') <> 'i'
               AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_class'::regclass AND x.objid = c.oid AND x.deptype = 'e')
            """;

    /** sark-migrate's own triggers of an expand phase: each runs the function of its name ({@link ExpandTrigger}). */
    private static final String EXPAND_TRIGGERS = """
            SELECT g.tgname, c.relname, p.prosrc, obj_description(g.oid, 'pg_trigger')
              FROM pg_trigger g
              JOIN pg_class c ON c.oid = g.tgrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_proc p ON p.oid = g.tgfoid
             WHERE n.nspname = ? AND NOT g.tgisinternal AND g.tgname LIKE 'sark\\_%' AND p.proname = g.tgname
            """;

    private static final String ENUMS = """
            SELECT t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
              FROM pg_type t
              JOIN pg_namespace n ON n.oid = t.typnamespace
              JOIN pg_enum e ON e.enumtypid = t.oid
             WHERE n.nspname = ?
               AND NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = 'pg_type'::regclass AND x.objid = t.oid AND x.deptype = 'e')
             GROUP BY t.typname
            """;
}
