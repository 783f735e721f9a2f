package io.sark.migrate.postgres.catalog;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.schema.CheckConstraint;
import io.sark.migrate.schema.Expressions;
import io.sark.migrate.schema.Identifiers;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a schema from DDL and reads it back, leaving nothing behind: the statements run in a schema of their own
 * (or, for a user who may not create one, in the session's temporary schema), in a transaction that is rolled back. Whatever PostgreSQL makes of them (names shortened to 63 bytes, defaults and
 * expressions in its own printing, the constraints it names itself, a {@code serial}'s sequence) is what is read,
 * by the same reader as any database.
 */
public final class ScratchSchema {

    private static final String NAME = "sark_migrate_entities";
    private static final Pattern LONG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{63,}");

    private ScratchSchema() {
    }

    /** A statement PostgreSQL refused. */
    public static final class RefusedStatement extends RuntimeException {
        private final String statement;

        RefusedStatement(String statement, SQLException cause) {
            super(cause.getMessage(), cause);
            this.statement = statement;
        }

        /** The statement, as it was run. */
        public String statement() {
            return statement;
        }
    }

    /**
     * Runs {@code statements} (unqualified names) in a scratch schema of {@code connection}'s database and reads the
     * result; nothing is committed. PostgreSQL's built-in types and those in {@code public} stay visible to them.
     *
     * @throws RefusedStatement when PostgreSQL refuses one of them
     */
    public static Schema build(Connection connection, List<String> statements) throws SQLException {
        return build(connection, statements, Set.of());
    }

    /**
     * As {@link #build(Connection, List)}, where the statements also name {@code schemas} besides {@code public}
     * ({@code reporting.sales}): each is built in a scratch schema of its own, standing for it, and read back under its
     * name ({@link Identifiers#qualified}).
     */
    public static Schema build(Connection connection, List<String> statements, Set<String> schemas) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            String suffix = Long.toHexString(System.nanoTime() & 0xffffffL);
            String scratch = NAME + "_" + suffix;
            Map<String, String> others = new TreeMap<>();
            int n = 0;
            for (String schema : new TreeSet<>(schemas)) {
                others.put(schema, NAME + "_" + suffix + "_" + n++);
            }
            try {
                s.execute("SAVEPOINT scratch");
                s.execute("CREATE SCHEMA " + scratch);
                s.execute("SET LOCAL search_path TO " + scratch + ", public");
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState()) || !others.isEmpty()) {
                    throw e;
                }
                // A user who may not create schemas here (a CI gate's reader) builds in its session's temporary schema.
                s.execute("ROLLBACK TO SAVEPOINT scratch");
                s.execute("SET LOCAL search_path TO pg_temp, public");
                scratch = null;
            }
            for (String physical : others.values()) {
                s.execute("CREATE SCHEMA " + physical);
            }
            try (var t = Timings.phase("run the DDL")) {
                run(s, others.isEmpty() ? statements : statements.stream().map(statement -> inSchemas(statement, others)).toList());
            }
            if (scratch == null) {
                try (ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()")) {
                    scratch = rs.next() ? rs.getString(1) : "pg_temp";
                }
            }
            Map<String, String> namespaces = new HashMap<>();
            namespaces.put(scratch, null);
            others.forEach((schema, physical) -> namespaces.put(physical, schema));
            Schema read;
            try (var t = Timings.phase("read it back")) {
                read = CatalogSchemaReader.read(connection, namespaces, Set.of());
            }
            try (var t = Timings.phase("settle")) {
                return settle(connection, read, others);
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Runs {@code statements} in one batch (one round trip: a model of 500 entities has 1,500 statements, 1.3 ms each one
     * at a time); when PostgreSQL refuses one, they are run again one by one to name it with PostgreSQL's own message.
     */
    private static void run(Statement s, List<String> statements) throws SQLException {
        for (String statement : statements) {
            if (severalStatements(statement)) {
                throw new RefusedStatement(statement, new SQLException("it holds more than one statement (a name with ';' that is not"
                        + " quoted?), and is not run"));
            }
            try {
                s.addBatch(statement);
            } catch (SQLException e) {
                throw new RefusedStatement(statement, e); // the driver reads each statement as it is added (an unterminated quote)
            }
        }
        s.execute("SAVEPOINT scratch_ddl");
        try {
            s.executeBatch();
            return;
        } catch (SQLException batch) {
            s.clearBatch();
            s.execute("ROLLBACK TO SAVEPOINT scratch_ddl");
            for (String statement : statements) {
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    throw new RefusedStatement(statement, e);
                }
            }
            throw batch; // refused together, accepted one by one: say what PostgreSQL said of the batch
        }
    }

    /**
     * PostgreSQL does not always print an expression the way it prints that printing read back (Hibernate's
     * {@code level IN ('low', 'high')} prints with a cast that, parsed again, prints another way). A revision writes
     * the printing, and the database then holds the printing of that: so each check and index expression is created
     * once more from its printing, and the second printing is the one compared.
     */
    private static Schema settle(Connection connection, Schema built, Map<String, String> others) throws SQLException {
        SortedMap<String, Table> tables = new TreeMap<>();
        try (Statement s = connection.createStatement()) {
            for (Table modelTable : built.tables().values()) {
                String schema = Identifiers.schemaOf(modelTable.name());
                Table table = schema == null ? modelTable : modelTable.withName(Identifiers.qualified(others.get(schema), Identifiers.nameOf(modelTable.name())));
                SortedMap<String, CheckConstraint> checks = new TreeMap<>();
                for (CheckConstraint check : table.checks().values()) {
                    s.execute("ALTER TABLE " + Identifiers.quote(table.name()) + " ADD CONSTRAINT sark_migrate_settle CHECK ("
                            + check.expression() + ") NOT VALID");
                    String printed;
                    try (ResultSet rs = s.executeQuery("SELECT pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conname = 'sark_migrate_settle'"
                            + " AND conrelid = " + literal(Identifiers.quote(table.name())) + "::regclass")) {
                        rs.next();
                        printed = Expressions.tidy(Expressions.checkExpression(rs.getString(1)));
                    }
                    s.execute("ALTER TABLE " + Identifiers.quote(table.name()) + " DROP CONSTRAINT sark_migrate_settle");
                    checks.put(check.name(), new CheckConstraint(check.name(), printed));
                }
                SortedMap<String, Index> indexes = new TreeMap<>();
                String settleIndex = Identifiers.quote(Identifiers.besides(table.name(), "sark_migrate_settle"));
                for (Index index : table.indexes().values()) {
                    if (index.plain()) {
                        indexes.put(index.name(), index);
                        continue;
                    }
                    String keys = String.join(", ", index.keys().stream().map(k -> Index.keySql(k, Identifiers::quote)).toList());
                    s.execute("CREATE INDEX sark_migrate_settle ON " + Identifiers.quote(table.name()) + " USING " + index.method() + " (" + keys + ")"
                            + (index.where() == null ? "" : " WHERE " + index.where()));
                    try (ResultSet rs = s.executeQuery("""
                            SELECT ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k)::text[],
                                   x.indoption::int2[], pg_get_expr(x.indpred, x.indrelid, true)
                              FROM pg_index x WHERE x.indexrelid = """ + literal(settleIndex) + "::regclass")) {
                        rs.next();
                        List<String> settled = CatalogQueries.indexKeys((String[]) rs.getArray(1).getArray(), (Object[]) rs.getArray(2).getArray());
                        indexes.put(index.name(), new Index(index.name(), settled, index.unique(), index.method(), Expressions.tidy(rs.getString(3))));
                    }
                    s.execute("DROP INDEX " + settleIndex);
                }
                tables.put(modelTable.name(), modelTable.withIndexesAndChecks(indexes, checks));
            }
        }
        return built.withTables(tables);
    }

    /**
     * {@code statement} with each schema of {@code others} it names ({@code reporting.sales}, {@code "reporting".sales})
     * replaced by the scratch schema standing for it: a name followed by a dot, not after one, outside literals and
     * comments.
     */
    static String inSchemas(String statement, Map<String, String> others) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int length = statement.length();
        while (i < length) {
            char c = statement.charAt(i);
            if (c == '\'') {
                int end = i + 1;
                while (end < length && !(statement.charAt(end) == '\'' && (end + 1 >= length || statement.charAt(end + 1) != '\''))) {
                    end += statement.charAt(end) == '\'' ? 2 : 1;
                }
                out.append(statement, i, Math.min(length, end + 1));
                i = end + 1;
                continue;
            }
            if (c == '-' && i + 1 < length && statement.charAt(i + 1) == '-') {
                int end = statement.indexOf('\n', i);
                end = end < 0 ? length : end;
                out.append(statement, i, end);
                i = end;
                continue;
            }
            int end;
            String name;
            if (c == '"') {
                end = i + 1;
                while (end < length && !(statement.charAt(end) == '"' && (end + 1 >= length || statement.charAt(end + 1) != '"'))) {
                    end += statement.charAt(end) == '"' ? 2 : 1;
                }
                end = Math.min(length, end + 1);
                name = statement.substring(i + 1, end - 1).replace("\"\"", "\"");
            } else if (Character.isLetter(c) || c == '_') {
                end = i + 1;
                while (end < length && (Character.isLetterOrDigit(statement.charAt(end)) || statement.charAt(end) == '_' || statement.charAt(end) == '$')) {
                    end++;
                }
                name = statement.substring(i, end).toLowerCase(Locale.ROOT);
            } else {
                out.append(c);
                i++;
                continue;
            }
            boolean qualifies = end < length && statement.charAt(end) == '.' && (i == 0 || statement.charAt(i - 1) != '.');
            out.append(qualifies && others.containsKey(name) ? others.get(name) : statement.substring(i, end));
            i = end;
        }
        return out.toString();
    }

    private static String literal(String text) {
        return Identifiers.literal(text);
    }

    /** Whether {@code sql} has a ';' outside quotes: a name that ended its statement early and began another. */
    static boolean severalStatements(String sql) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == ';' && !single && !dbl && !sql.substring(i + 1).isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** Names in {@code statement} that PostgreSQL shortens to 63 bytes: the likely cause when two of them collide. */
    public static List<String> longNames(String statement) {
        Matcher m = LONG_NAME.matcher(statement);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
