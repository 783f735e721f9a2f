package io.sark.migrate.changes;

import io.sark.migrate.changes.Fact.Flag;
import io.sark.migrate.schema.Identifiers;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddDefaultValueChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.AlterSequenceChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateSequenceChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DeleteDataChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropNotNullConstraintChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropSequenceChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.InsertDataChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import liquibase.change.core.SetColumnRemarksChange;
import liquibase.change.core.SetTableRemarksChange;
import liquibase.change.core.TagDatabaseChange;
import liquibase.change.core.UpdateDataChange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one classifier of what a Liquibase change does: a typed change by its class, raw SQL ({@code sql},
 * {@code sqlFile}) by its statements ({@link SqlFacts}). Lint, the review, the downgrade's data-loss guard and the
 * generator all ask here, so a {@code dropTable} and a {@code DROP TABLE "x"} are the same fact to each of them.
 */
public final class ChangeFacts {

    private ChangeFacts() {
    }

    /** The columns {@code change} defines (a table it creates, columns it adds), as {@link SqlFacts#columnsDefined} reads SQL. */
    public static List<DefinedColumn> columnsDefined(Change change) {
        if (change instanceof AbstractSQLChange sql) {
            return SqlFacts.columnsDefined(sql.getSql());
        }
        List<DefinedColumn> columns = new ArrayList<>();
        if (change instanceof CreateTableChange c) {
            for (ColumnConfig column : c.getColumns()) {
                boolean key = column.getConstraints() != null && Boolean.TRUE.equals(column.getConstraints().isPrimaryKey());
                columns.add(new DefinedColumn(table(c.getSchemaName(), c.getTableName()), column.getName(), definition(column), key));
            }
        } else if (change instanceof AddColumnChange c) {
            for (ColumnConfig column : c.getColumns()) {
                boolean key = column.getConstraints() != null && Boolean.TRUE.equals(column.getConstraints().isPrimaryKey());
                columns.add(new DefinedColumn(table(c.getSchemaName(), c.getTableName()), column.getName(), definition(column), key));
            }
        }
        return columns;
    }

    public static List<Fact> of(Change change) {
        if (change instanceof AbstractSQLChange sql) {
            return SqlFacts.of(sql.getSql());
        }
        if (change instanceof TagDatabaseChange) {
            return List.of();
        }
        if (change instanceof CreateTableChange c) {
            return List.of(Fact.of(Operation.CREATE_TABLE, table(c.getSchemaName(), c.getTableName()), null));
        }
        if (change instanceof DropTableChange c) {
            return List.of(Fact.of(Operation.DROP_TABLE, table(c.getSchemaName(), c.getTableName()), null));
        }
        if (change instanceof AddColumnChange c) {
            List<Fact> facts = new ArrayList<>();
            for (ColumnConfig column : c.getColumns()) {
                facts.add(Fact.addColumn(table(c.getSchemaName(), c.getTableName()), column.getName(), definition(column)));
            }
            return facts;
        }
        if (change instanceof DropColumnChange c) {
            List<Fact> facts = new ArrayList<>();
            if (c.getColumnName() != null) {
                facts.add(Fact.of(Operation.DROP_COLUMN, table(c.getSchemaName(), c.getTableName()), c.getColumnName()));
            }
            facts.addAll(perColumn(Operation.DROP_COLUMN, table(c.getSchemaName(), c.getTableName()), c.getColumns()));
            return facts;
        }
        if (change instanceof ModifyDataTypeChange c) {
            return List.of(Fact.of(Operation.ALTER_COLUMN_TYPE, table(c.getSchemaName(), c.getTableName()), c.getColumnName(), c.getNewDataType()));
        }
        if (change instanceof AddNotNullConstraintChange c) {
            return List.of(Fact.of(Operation.SET_NOT_NULL, table(c.getSchemaName(), c.getTableName()), c.getColumnName()));
        }
        if (change instanceof DropNotNullConstraintChange c) {
            return List.of(Fact.of(Operation.DROP_NOT_NULL, table(c.getSchemaName(), c.getTableName()), c.getColumnName()));
        }
        if (change instanceof AddDefaultValueChange c) {
            return List.of(Fact.of(Operation.SET_DEFAULT, table(c.getSchemaName(), c.getTableName()), c.getColumnName()));
        }
        if (change instanceof DropDefaultValueChange c) {
            return List.of(Fact.of(Operation.DROP_DEFAULT, table(c.getSchemaName(), c.getTableName()), c.getColumnName()));
        }
        if (change instanceof AddPrimaryKeyChange c) {
            return List.of(c.getForIndexName() != null
                    ? Fact.keyed(Operation.ADD_PRIMARY_KEY, table(c.getSchemaName(), c.getTableName()), c.getConstraintName(),
                            columnNames(c.getColumnNames()), Flag.USING_INDEX)
                    : Fact.keyed(Operation.ADD_PRIMARY_KEY, table(c.getSchemaName(), c.getTableName()), c.getConstraintName(),
                            columnNames(c.getColumnNames())));
        }
        if (change instanceof DropPrimaryKeyChange c) {
            return List.of(Fact.of(Operation.DROP_CONSTRAINT, table(c.getSchemaName(), c.getTableName()), c.getConstraintName()));
        }
        if (change instanceof AddUniqueConstraintChange c) {
            return List.of(c.getForIndexName() != null
                    ? Fact.keyed(Operation.ADD_UNIQUE, table(c.getSchemaName(), c.getTableName()), c.getConstraintName(),
                            columnNames(c.getColumnNames()), Flag.USING_INDEX)
                    : Fact.keyed(Operation.ADD_UNIQUE, table(c.getSchemaName(), c.getTableName()), c.getConstraintName(),
                            columnNames(c.getColumnNames())));
        }
        if (change instanceof DropUniqueConstraintChange c) {
            return List.of(Fact.of(Operation.DROP_CONSTRAINT, table(c.getSchemaName(), c.getTableName()), c.getConstraintName()));
        }
        if (change instanceof AddForeignKeyConstraintChange c) {
            return List.of(Boolean.FALSE.equals(c.getValidate())
                    ? Fact.of(Operation.ADD_FOREIGN_KEY, table(c.getBaseTableSchemaName(), c.getBaseTableName()), c.getConstraintName(), table(c.getReferencedTableSchemaName(), c.getReferencedTableName()), Flag.NOT_VALID)
                    : Fact.of(Operation.ADD_FOREIGN_KEY, table(c.getBaseTableSchemaName(), c.getBaseTableName()), c.getConstraintName(), table(c.getReferencedTableSchemaName(), c.getReferencedTableName())));
        }
        if (change instanceof DropForeignKeyConstraintChange c) {
            return List.of(Fact.of(Operation.DROP_CONSTRAINT, table(c.getBaseTableSchemaName(), c.getBaseTableName()), c.getConstraintName()));
        }
        if (change instanceof CreateIndexChange c) {
            List<String> columns = c.getColumns() == null ? List.of()
                    : SqlFacts.indexedColumns(c.getColumns().stream().map(column -> column.getName()).toList());
            return List.of(Boolean.TRUE.equals(c.isUnique())
                    ? Fact.keyed(Operation.CREATE_INDEX, table(c.getSchemaName(), c.getTableName()), c.getIndexName(), columns, Flag.UNIQUE)
                    : Fact.keyed(Operation.CREATE_INDEX, table(c.getSchemaName(), c.getTableName()), c.getIndexName(), columns));
        }
        if (change instanceof DropIndexChange c) {
            return List.of(Fact.of(Operation.DROP_INDEX, table(c.getSchemaName(), c.getTableName()), c.getIndexName()));
        }
        if (change instanceof RenameColumnChange c) {
            return List.of(Fact.of(Operation.RENAME_COLUMN, table(c.getSchemaName(), c.getTableName()), c.getOldColumnName(), c.getNewColumnName()));
        }
        if (change instanceof RenameTableChange c) {
            return List.of(Fact.of(Operation.RENAME_TABLE, c.getOldTableName(), null, c.getNewTableName()));
        }
        if (change instanceof SetColumnRemarksChange c) {
            return List.of(Fact.of(Operation.COMMENT, table(c.getSchemaName(), c.getTableName()), c.getColumnName()));
        }
        if (change instanceof SetTableRemarksChange c) {
            return List.of(Fact.of(Operation.COMMENT, table(c.getSchemaName(), c.getTableName()), null));
        }
        if (change instanceof CreateSequenceChange c) {
            return List.of(Fact.of(Operation.CREATE_SEQUENCE, null, c.getSequenceName()));
        }
        if (change instanceof AlterSequenceChange c) {
            return List.of(Fact.of(Operation.ALTER_SEQUENCE, null, c.getSequenceName()));
        }
        if (change instanceof DropSequenceChange c) {
            return List.of(Fact.of(Operation.DROP_SEQUENCE, null, c.getSequenceName()));
        }
        if (change instanceof InsertDataChange c) {
            return List.of(Fact.of(Operation.WRITE_ROWS, table(c.getSchemaName(), c.getTableName()), null));
        }
        if (change instanceof UpdateDataChange c) {
            return List.of(Fact.of(Operation.WRITE_ROWS, table(c.getSchemaName(), c.getTableName()), null));
        }
        if (change instanceof DeleteDataChange c) {
            return List.of(Fact.of(Operation.WRITE_ROWS, table(c.getSchemaName(), c.getTableName()), null));
        }
        return List.of(Fact.of(Operation.OTHER, null, change.getSerializedObjectName()));
    }

    /** The facts of each change, in order. */
    public static List<Fact> of(Collection<? extends Change> changes) {
        List<Fact> facts = new ArrayList<>();
        changes.forEach(change -> facts.addAll(of(change)));
        return facts;
    }

    /** The tables the facts work on, in order. */
    public static Set<String> tables(List<Fact> facts) {
        Set<String> tables = new LinkedHashSet<>();
        for (Fact fact : facts) {
            if (fact.table() != null) {
                tables.add(fact.table());
            }
        }
        return tables;
    }

    /** The strongest lock the facts take on a table. */
    public static LockLevel strongestLock(List<Fact> facts) {
        LockLevel lock = LockLevel.NONE;
        for (Fact fact : facts) {
            if (fact.table() != null) {
                lock = LockLevel.strongest(lock, fact.lock());
            }
        }
        return lock;
    }

    /**
     * A typed column's definition (addColumn, createTable): its type, its default (computed or literal), whether it is
     * NOT NULL or a key, and whether the database generates its values (autoIncrement, a serial, a sequence's default).
     */
    public static ColumnDefinition definition(ColumnConfig column) {
        Object value = column.getDefaultValueObject();
        String defaultValue = value == null ? null : value instanceof String text ? Identifiers.literal(text) : value.toString();
        boolean notNull = column.getConstraints() != null
                && (Boolean.FALSE.equals(column.getConstraints().isNullable()) || Boolean.TRUE.equals(column.getConstraints().isPrimaryKey()));
        String computed = column.getDefaultValueComputed() == null ? null : column.getDefaultValueComputed().getValue();
        boolean generated = Boolean.TRUE.equals(column.isAutoIncrement()) || ColumnDefinition.generatedBy(column.getType(), computed);
        return new ColumnDefinition(column.getType(), defaultValue, notNull, generated);
    }

    /**
     * Liquibase's {@code columnNames} ("a, b"): the one place a key's columns come as one string, as Liquibase keeps them
     * (its own parser splits them on commas too).
     */
    private static List<String> columnNames(String names) {
        return names == null ? List.of() : Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    private static List<Fact> perColumn(Operation operation, String table, List<? extends ColumnConfig> columns) {
        List<Fact> facts = new ArrayList<>();
        for (ColumnConfig column : columns) {
            facts.add(Fact.of(operation, table, column.getName()));
        }
        return facts;
    }

    /** A typed change's table, in its schema where it names one ({@code schemaName: reporting}): as {@link Fact#foldTable} reads it. */
    public static String table(String schema, String table) {
        return schema == null || schema.isBlank() || schema.equalsIgnoreCase("public") || table == null ? table
                : Identifiers.qualified(schema, table);
    }
}
