package io.sark.migrate.postgres;

import io.sark.migrate.schema.CheckConstraint;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.Expressions;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Spells the entities' SQL expressions (check constraints, index keys and predicates) the way PostgreSQL prints them
 * back, by asking it: each is created on a temporary copy of its table, read back, and thrown away (nothing is
 * committed). Text alone cannot do this reliably ({@code priority BETWEEN 1 AND 5} comes back as
 * {@code (priority >= 1) AND (priority <= 5)}); without it, an unchanged check would look changed forever.
 *
 * <p>Only tables that exist in the database are handled (the others are created as written, and compared with
 * nothing); an expression PostgreSQL rejects is left as written, and the migration that uses it will say why.
 */
public final class ExpressionCanonicalizer {

    private ExpressionCanonicalizer() {
    }

    public static Schema canonicalize(Schema desired, Schema current, Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            Map<String, Table> tables = new TreeMap<>();
            for (Table table : desired.tables().values()) {
                boolean hasExpressions = !table.checks().isEmpty() || table.indexes().values().stream().anyMatch(i -> !i.plain());
                tables.put(table.name(), hasExpressions && current.tables().containsKey(table.name()) ? canonicalize(table, connection) : table);
            }
            return new Schema(new TreeMap<>(tables), new TreeMap<>(desired.enumTypes()), new TreeMap<>(desired.hypertables()));
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Table canonicalize(Table table, Connection connection) throws SQLException {
        String scratch = "sark_migrate_canon";
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pg_temp." + scratch);
            StringBuilder create = new StringBuilder("CREATE TEMP TABLE " + scratch + " (");
            List<String> columns = new ArrayList<>();
            for (Column column : table.columns()) {
                columns.add("\"" + column.name() + "\" " + column.type());
            }
            create.append(String.join(", ", columns)).append(")");
            if (!attempt(connection, create.toString())) {
                return table;
            }
            Map<String, CheckConstraint> checks = new TreeMap<>();
            for (CheckConstraint check : table.checks().values()) {
                String expression = check.expression();
                if (attempt(connection, "ALTER TABLE " + scratch + " ADD CONSTRAINT \"" + check.name() + "\" CHECK (" + expression + ")")) {
                    try (ResultSet rs = s.executeQuery("SELECT pg_get_constraintdef(oid, true) FROM pg_constraint WHERE conrelid = 'pg_temp."
                            + scratch + "'::regclass AND conname = '" + check.name().replace("'", "''") + "'")) {
                        if (rs.next()) {
                            expression = Expressions.tidy(Expressions.checkExpression(rs.getString(1)));
                        }
                    }
                }
                checks.put(check.name(), new CheckConstraint(check.name(), expression));
            }
            Map<String, Index> indexes = new TreeMap<>();
            int n = 0;
            for (Index index : table.indexes().values()) {
                if (index.plain()) {
                    indexes.put(index.name(), index);
                    continue;
                }
                String name = scratch + "_ix" + (n++);
                String keys = String.join(", ", index.keys().stream().map(ExpressionCanonicalizer::keySql).toList());
                String sql = "CREATE INDEX " + name + " ON " + scratch + " USING " + index.method() + " (" + keys + ")"
                        + (index.where() == null ? "" : " WHERE " + index.where());
                Index result = index;
                if (attempt(connection, sql)) {
                    try (ResultSet rs = s.executeQuery("""
                            SELECT ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k)::text[],
                                   x.indoption::int2[], pg_get_expr(x.indpred, x.indrelid, true)
                              FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                             WHERE i.relname = '""" + name + "' AND i.relnamespace = pg_my_temp_schema()")) {
                        if (rs.next()) {
                            String[] texts = (String[]) rs.getArray(1).getArray();
                            Object[] options = (Object[]) rs.getArray(2).getArray();
                            List<String> canonical = CatalogQueries.indexKeys(texts, options);
                            result = new Index(index.name(), canonical, index.unique(), index.method(), Expressions.tidy(rs.getString(3)));
                        }
                    }
                }
                indexes.put(index.name(), result);
            }
            return new Table(table.name(), table.columns(), table.primaryKey(), table.uniqueConstraints(), new TreeMap<>(indexes),
                    table.foreignKeys(), table.comment(), new TreeMap<>(checks));
        }
    }

    private static String keySql(String key) {
        String target = key.replaceFirst("(?i)( desc| asc)?( nulls (first|last))?$", "");
        String ordering = key.substring(target.length());
        return (target.matches("[a-z_][a-z0-9_$]*") ? "\"" + target + "\"" : "(" + target + ")") + ordering;
    }

    /** Runs {@code sql} under a savepoint; false (and nothing left behind) when PostgreSQL refuses it. */
    private static boolean attempt(Connection connection, String sql) throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            connection.rollback(savepoint);
            return false;
        }
    }
}
