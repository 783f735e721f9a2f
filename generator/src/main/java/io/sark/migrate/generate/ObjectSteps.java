package io.sark.migrate.generate;

import io.sark.migrate.generate.ChangeSteps.Step;
import io.sark.migrate.schema.CheckConstraint;
import io.sark.migrate.schema.Expressions;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.EnumType;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Sequence;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Liquibase steps and SQL that make, alter or drop one schema object (a table, a column, a sequence, a key, an
 * index, a constraint, an enum type): the parts {@link ChangeSteps} puts together into each change's forward and
 * rollback.
 */
final class ObjectSteps {

    private ObjectSteps() {
    }

    static String createType(EnumType type) {
        return "CREATE TYPE " + ChangeSteps.ident(type.name()) + " AS ENUM (" + type.labels().stream().map(ChangeSteps::literal).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * A new table with its columns and primary key. Liquibase orders a composite key declared on the columns by the
     * columns' order in the table, so a key in another order is added by a second step of the same changeset.
     */
    static List<Step> createTable(Table table) {
        PrimaryKey pk = table.primaryKey();
        boolean keyInTableOrder = pk == null
                || pk.columns().equals(table.columns().stream().map(Column::name).filter(pk.columns()::contains).toList());
        List<Object> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            Map<String, Object> constraints = new LinkedHashMap<>();
            if (keyInTableOrder && pk != null && pk.columns().contains(column.name())) {
                constraints.put("primaryKey", true);
                constraints.put("primaryKeyName", pk.name());
            }
            columns.add(Map.of("column", columnFields(column, constraints)));
        }
        List<Step> steps = new ArrayList<>(List.of(ChangeSteps.step("createTable", "tableName", table.name(), "remarks", table.comment(),
                "columns", columns)));
        if (!keyInTableOrder) {
            steps.add(addPrimaryKey(table.name(), pk));
        }
        // its checks in the same changeset, on the empty table: a reader sees the table whole, and nothing waits on it
        table.checks().values().forEach(check -> steps.add(addCheck(table.name(), check)));
        for (Column column : table.columns()) {
            if (column.identity() != null) {
                steps.add(ChangeSteps.sql("ALTER TABLE " + ChangeSteps.ident(table.name()) + " ALTER COLUMN " + ChangeSteps.ident(column.name()) + " ADD GENERATED "
                        + column.identity().sql() + " AS IDENTITY"));
            }
        }
        return steps;
    }

    /** An identity column is added with its identity in one statement, which numbers the rows already there. */
    static List<Step> addColumn(String table, Column column) {
        if (column.identity() != null) {
            List<Step> steps = new ArrayList<>(List.of(ChangeSteps.sql("ALTER TABLE " + ChangeSteps.ident(table) + " ADD COLUMN " + ChangeSteps.ident(column.name()) + " "
                    + column.type() + " GENERATED " + column.identity().sql() + " AS IDENTITY")));
            if (column.comment() != null) {
                steps.add(remarks(table, column.name(), column.comment()));
            }
            return steps;
        }
        return List.of(ChangeSteps.step("addColumn", "tableName", table, "columns", List.of(Map.of("column", columnFields(column, new LinkedHashMap<>())))));
    }

    /**
     * CREATE SEQUENCE with its type, start and increment, and the rest where it is not PostgreSQL's default. As SQL:
     * Liquibase's createSequence adds IF NOT EXISTS (a leftover of the same name would be silently kept) and its
     * dropSequence adds CASCADE (a default still using the sequence would be silently dropped).
     */
    static Step createSequence(Sequence q) {
        StringBuilder sql = new StringBuilder("CREATE SEQUENCE " + ChangeSteps.ident(q.name()) + " AS " + q.type() + " START WITH " + q.start()
                + " INCREMENT BY " + q.increment());
        if (q.minValue() != Sequence.defaultMin(q.increment(), q.type())) sql.append(" MINVALUE ").append(q.minValue());
        if (q.maxValue() != Sequence.defaultMax(q.increment(), q.type())) sql.append(" MAXVALUE ").append(q.maxValue());
        if (q.cache() != 1) sql.append(" CACHE ").append(q.cache());
        if (q.cycle()) sql.append(" CYCLE");
        return ChangeSteps.sql(sql.toString());
    }

    static Step dropSequence(Sequence q) {
        return ChangeSteps.sql("DROP SEQUENCE " + ChangeSteps.ident(q.name()));
    }

    /** ALTER SEQUENCE with what differs between {@code from} and {@code to}. */
    static String alterSequence(Sequence from, Sequence to) {
        StringBuilder sql = new StringBuilder("ALTER SEQUENCE " + ChangeSteps.ident(to.name()));
        if (!from.type().equals(to.type())) sql.append(" AS ").append(to.type());
        if (from.increment() != to.increment()) sql.append(" INCREMENT BY ").append(to.increment());
        if (from.minValue() != to.minValue()) sql.append(" MINVALUE ").append(to.minValue());
        if (from.maxValue() != to.maxValue()) sql.append(" MAXVALUE ").append(to.maxValue());
        if (from.start() != to.start()) sql.append(" START WITH ").append(to.start());
        if (from.cache() != to.cache()) sql.append(" CACHE ").append(to.cache());
        if (from.cycle() != to.cycle()) sql.append(to.cycle() ? " CYCLE" : " NO CYCLE");
        return sql.toString();
    }

    static String ownSequence(String sequence, String owner) {
        if (owner == null) {
            return "ALTER SEQUENCE " + ChangeSteps.ident(sequence) + " OWNED BY NONE";
        }
        int dot = owner.lastIndexOf('.');
        return "ALTER SEQUENCE " + ChangeSteps.ident(sequence) + " OWNED BY " + ChangeSteps.ident(owner.substring(0, dot)) + "." + ChangeSteps.ident(owner.substring(dot + 1));
    }

    /**
     * A column made an identity, changed, or made plain. A new identity starts after the largest value already in the
     * column, so rows inserted next do not collide with those there.
     */
    static List<Step> identity(String table, String column, Column.Identity from, Column.Identity to) {
        String alter = "ALTER TABLE " + ChangeSteps.ident(table) + " ALTER COLUMN " + ChangeSteps.ident(column);
        if (to == null) {
            return List.of(ChangeSteps.sql(alter + " DROP IDENTITY"));
        }
        if (from != null) {
            return List.of(ChangeSteps.sql(alter + " SET GENERATED " + to.sql()));
        }
        return List.of(ChangeSteps.sql(alter + " ADD GENERATED " + to.sql() + " AS IDENTITY"),
                ChangeSteps.sql("SELECT setval(pg_get_serial_sequence(" + ChangeSteps.literal(ChangeSteps.ident(table)) + ", " + ChangeSteps.literal(column) + "), coalesce(max("
                        + ChangeSteps.ident(column) + "), 0) + 1, false) FROM " + ChangeSteps.ident(table)));
    }

    static Map<String, Object> columnFields(Column column, Map<String, Object> constraints) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", column.name());
        fields.put("type", column.type());
        if (column.defaultValue() != null) {
            fields.put("defaultValueComputed", column.defaultValue());
        }
        if (column.comment() != null) {
            fields.put("remarks", column.comment());
        }
        if (!column.nullable()) {
            constraints.put("nullable", false);
        }
        if (!constraints.isEmpty()) {
            fields.put("constraints", constraints);
        }
        return fields;
    }

    static Step modifyType(String table, String column, String type) {
        return ChangeSteps.step("modifyDataType", "tableName", table, "columnName", column, "newDataType", type);
    }

    static Step nullability(String table, String column, String type, boolean nullable) {
        return ChangeSteps.step(nullable ? "dropNotNullConstraint" : "addNotNullConstraint",
                "tableName", table, "columnName", column, "columnDataType", type);
    }

    static Step setDefault(String table, String column, String type, String expression) {
        return expression == null
                ? ChangeSteps.step("dropDefaultValue", "tableName", table, "columnName", column, "columnDataType", type)
                : ChangeSteps.step("addDefaultValue", "tableName", table, "columnName", column, "columnDataType", type,
                "defaultValueComputed", expression);
    }

    static Step tableRemarks(String table, String comment) {
        return ChangeSteps.step("setTableRemarks", "tableName", table, "remarks", comment == null ? "" : comment);
    }

    static Step remarks(String table, String column, String comment) {
        return ChangeSteps.step("setColumnRemarks", "tableName", table, "columnName", column, "remarks", comment == null ? "" : comment);
    }

    /**
     * One statement that drops {@code from} and adds {@code to}, so the table is never without a key: on an index built
     * beforehand ({@code usingIndex}, renamed to the key's name), or building the key's index under the lock.
     */
    static String replacePrimaryKey(String table, PrimaryKey from, PrimaryKey to, String usingIndex) {
        return "ALTER TABLE " + ChangeSteps.ident(table) + " DROP CONSTRAINT " + ChangeSteps.ident(from.name()) + ", ADD CONSTRAINT " + ChangeSteps.ident(to.name())
                + " PRIMARY KEY " + (usingIndex != null ? "USING INDEX " + ChangeSteps.ident(usingIndex) : "(" + ChangeSteps.idents(to.columns()) + ")");
    }

    static Step addPrimaryKey(String table, PrimaryKey key) {
        return ChangeSteps.step("addPrimaryKey", "tableName", table, "columnNames", String.join(", ", key.columns()), "constraintName", key.name());
    }

    static Step addUnique(String table, UniqueConstraint constraint) {
        return ChangeSteps.step("addUniqueConstraint", "tableName", table, "columnNames", String.join(", ", constraint.columns()),
                "constraintName", constraint.name());
    }

    /** CREATE INDEX as SQL: what Liquibase's createIndex cannot say (predicate, ordering, expression, method, CONCURRENTLY). */
    static String indexSql(String table, Index index, boolean concurrently) {
        String keys = index.keys().stream().map(k -> Index.keySql(k, ChangeSteps::ident)).collect(Collectors.joining(", "));
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + (concurrently ? "CONCURRENTLY " : "") + ChangeSteps.ident(index.name()) + " ON " + ChangeSteps.ident(table)
                + (index.method().equals("btree") ? "" : " USING " + index.method()) + " (" + keys + ")"
                + (index.where() == null ? "" : " WHERE " + index.where());
    }

    static Step createIndex(String table, Index index) {
        if (!index.plain()) {
            return ChangeSteps.sql(indexSql(table, index, false));
        }
        List<Object> columns = index.columns().stream().<Object>map(c -> Map.of("column", Map.of("name", c))).toList();
        return ChangeSteps.step("createIndex", "tableName", table, "indexName", index.name(), "unique", index.unique() ? true : null,
                "columns", columns);
    }

    static Step addCheck(String table, CheckConstraint check) {
        return ChangeSteps.sql("ALTER TABLE " + ChangeSteps.ident(table) + " ADD CONSTRAINT " + ChangeSteps.ident(check.name()) + " CHECK (" + Expressions.asDeclared(check.expression()) + ")");
    }

    static Step addForeignKey(String table, ForeignKey key) {
        return ChangeSteps.step("addForeignKeyConstraint",
                "constraintName", key.name(),
                "baseTableName", table,
                "baseColumnNames", String.join(", ", key.columns()),
                "referencedTableName", key.referencedTable(),
                "referencedColumnNames", String.join(", ", key.referencedColumns()),
                "onDelete", key.onDelete() == ForeignKey.Action.NO_ACTION ? null : key.onDelete().sql(),
                "onUpdate", key.onUpdate() == ForeignKey.Action.NO_ACTION ? null : key.onUpdate().sql());
    }
}
