package io.sark.migrate.report;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.DefinedColumn;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.LockLevel;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.report.ErDiagram.Mark;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.SetColumnRemarksChange;
import liquibase.change.core.SetTableRemarksChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.DatabaseList;
import liquibase.precondition.Precondition;
import liquibase.precondition.PreconditionLogic;
import liquibase.precondition.core.DBMSPrecondition;
import liquibase.precondition.core.NotPrecondition;
import liquibase.precondition.core.OrPrecondition;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables, columns and keys a changelog builds, read from its changes alone (no database): what a review draws. A
 * typed change says everything; raw SQL says what {@link ChangeFacts} reads of it (a table, its columns and primary
 * key, columns added, renamed, dropped, a foreign key's table but not always its columns). Changesets for another
 * database ({@code dbms: oracle}) are left out. Good enough to draw, never compared: {@code check} reads the catalog.
 */
public final class ChangelogSchema {

    /**
     * The schema after a revision, and what the revision did.
     *
     * @param revision the revision
     * @param schema   the tables as its last changeset leaves them
     * @param tables   the tables it created or changed (dropped ones are gone from the schema and listed in {@code dropped})
     * @param columns  the columns it added or changed, by table
     * @param dropped  the tables it dropped
     */
    public record AtRevision(String revision, Schema schema, Map<String, Mark> tables, Map<String, Map<String, Mark>> columns,
                             List<String> dropped) {

        /** This revision's tables and their neighbours by foreign key, what it did marked. */
        public ErDiagram diagram() {
            return ErDiagram.around(schema, tables.keySet(), tables, columns);
        }
    }

    private final Map<String, MutableTable> tables = new TreeMap<>();
    private Map<String, Mark> tableMarks = new TreeMap<>();
    private Map<String, Map<String, Mark>> columnMarks = new TreeMap<>();
    private List<String> dropped = new ArrayList<>();

    private ChangelogSchema() {
    }

    /** The schema after each revision from {@code from} on (every revision with null), in order. */
    public static List<AtRevision> byRevision(Changelog changelog, String from) {
        ChangelogSchema model = new ChangelogSchema();
        List<AtRevision> revisions = new ArrayList<>();
        boolean reporting = from == null;
        String revision = null;
        for (ChangeSet changeSet : changelog.changeSets()) {
            String of = changelog.revisionOf(changeSet);
            if (!of.equals(revision)) {
                if (revision != null && reporting) {
                    revisions.add(model.snapshot(revision));
                }
                model.startRevision();
                revision = of;
                reporting |= of.equals(from);
            }
            if (runsOnPostgres(changeSet)) {
                changeSet.getChanges().forEach(model::apply);
            }
        }
        if (revision != null && reporting) {
            revisions.add(model.snapshot(revision));
        }
        return revisions;
    }

    /**
     * Whether {@code changeSet} runs on PostgreSQL: no {@code dbms} attribute excludes it, nor a {@code dbms}
     * precondition (Keycloak's {@code <preConditions onFail="MARK_RAN"><dbms type="db2"/></preConditions>}).
     */
    static boolean runsOnPostgres(ChangeSet changeSet) {
        if (changeSet.getDbmsSet() != null && !changeSet.getDbmsSet().isEmpty()
                && !DatabaseList.definitionMatches(changeSet.getDbmsSet(), "postgresql", true)) {
            return false;
        }
        return changeSet.getPreconditions() == null || onPostgres(changeSet.getPreconditions()) != Boolean.FALSE;
    }

    /** What {@code precondition} says on PostgreSQL as far as its dbms checks tell: null where it depends on something else. */
    private static Boolean onPostgres(Precondition precondition) {
        if (precondition instanceof DBMSPrecondition dbms) {
            return DatabaseList.definitionMatches(dbms.getType(), "postgresql", false);
        }
        if (precondition instanceof NotPrecondition not) {
            Boolean all = all(not.getNestedPreconditions());
            return all == null ? null : !all;
        }
        if (precondition instanceof OrPrecondition or) {
            boolean unknown = false;
            for (Precondition nested : or.getNestedPreconditions()) {
                Boolean holds = onPostgres(nested);
                if (Boolean.TRUE.equals(holds)) {
                    return true;
                }
                unknown |= holds == null;
            }
            return unknown ? null : false;
        }
        if (precondition instanceof PreconditionLogic and) { // AndPrecondition, and the changeset's container
            return all(and.getNestedPreconditions());
        }
        return null;
    }

    private static Boolean all(List<Precondition> preconditions) {
        boolean unknown = false;
        for (Precondition nested : preconditions) {
            Boolean holds = onPostgres(nested);
            if (Boolean.FALSE.equals(holds)) {
                return false;
            }
            unknown |= holds == null;
        }
        return unknown ? null : true;
    }

    /** The schema the whole changelog builds. */
    public static Schema atHead(Changelog changelog) {
        List<AtRevision> all = byRevision(changelog, null);
        return all.isEmpty() ? Schema.empty() : all.get(all.size() - 1).schema();
    }

    private void startRevision() {
        tableMarks = new TreeMap<>();
        columnMarks = new TreeMap<>();
        dropped = new ArrayList<>();
    }

    private AtRevision snapshot(String revision) {
        TreeMap<String, Table> built = new TreeMap<>();
        tables.forEach((name, t) -> built.put(name, t.toTable()));
        Map<String, Mark> marks = new TreeMap<>(tableMarks);
        marks.keySet().retainAll(built.keySet());
        Map<String, Map<String, Mark>> columns = new TreeMap<>();
        columnMarks.forEach((table, cols) -> {
            if (built.containsKey(table)) {
                columns.put(table, Map.copyOf(cols));
            }
        });
        return new AtRevision(revision, new Schema(built, new TreeMap<>()), Map.copyOf(marks), Map.copyOf(columns), List.copyOf(dropped));
    }

    private void apply(Change change) {
        if (change instanceof CreateTableChange c) {
            String name = ChangeFacts.table(c.getSchemaName(), c.getTableName());
            MutableTable table = create(Fact.foldTable(name));
            table.comment = c.getRemarks();
            c.getColumns().forEach(column -> addTyped(table, column));
            return;
        }
        if (change instanceof AddColumnChange c) {
            MutableTable table = tables.get(Fact.foldTable(ChangeFacts.table(c.getSchemaName(), c.getTableName())));
            if (table != null) {
                for (ColumnConfig column : c.getColumns()) {
                    addTyped(table, column);
                    markColumn(table.name, Fact.fold(column.getName()), Mark.ADDED);
                }
            }
            return;
        }
        if (change instanceof AddForeignKeyConstraintChange c) {
            MutableTable table = tables.get(Fact.foldTable(ChangeFacts.table(c.getBaseTableSchemaName(), c.getBaseTableName())));
            if (table != null) {
                List<String> columns = names(c.getBaseColumnNames());
                table.foreignKeys.put(c.getConstraintName() == null ? "fk_" + table.foreignKeys.size() : Fact.fold(c.getConstraintName()),
                        new ForeignKey(Fact.fold(c.getConstraintName()), columns,
                                Fact.foldTable(ChangeFacts.table(c.getReferencedTableSchemaName(), c.getReferencedTableName())),
                                names(c.getReferencedColumnNames()), ForeignKey.Action.NO_ACTION, ForeignKey.Action.NO_ACTION));
                columns.forEach(col -> markColumn(table.name, col, Mark.CHANGED));
            }
            return;
        }
        if (change instanceof DropPrimaryKeyChange c) {
            MutableTable table = tables.get(Fact.foldTable(ChangeFacts.table(c.getSchemaName(), c.getTableName())));
            if (table != null) {
                table.primaryKey.forEach(col -> markColumn(table.name, col, Mark.CHANGED));
                table.primaryKey = List.of();
            }
            return;
        }
        if (change instanceof SetTableRemarksChange c) {
            MutableTable table = tables.get(Fact.foldTable(ChangeFacts.table(c.getSchemaName(), c.getTableName())));
            if (table != null) {
                table.comment = c.getRemarks();
                markTable(table.name, Mark.CHANGED);
            }
            return;
        }
        if (change instanceof SetColumnRemarksChange c) {
            MutableTable table = tables.get(Fact.foldTable(ChangeFacts.table(c.getSchemaName(), c.getTableName())));
            MutableColumn column = table == null ? null : table.columns.get(Fact.fold(c.getColumnName()));
            if (column != null) {
                column.comment = c.getRemarks();
                markColumn(table.name, column.name, Mark.CHANGED);
            }
            return;
        }
        List<DefinedColumn> defined = ChangeFacts.columnsDefined(change);
        for (Fact fact : ChangeFacts.of(change)) {
            apply(fact, defined);
        }
    }

    private void apply(Fact fact, List<DefinedColumn> defined) {
        if (fact.table() == null) {
            return;
        }
        if (fact.operation() == Operation.CREATE_TABLE) {
            MutableTable table = create(fact.table());
            for (DefinedColumn column : defined) {
                if (column.table().equals(table.name)) {
                    table.columns.put(column.name(), new MutableColumn(column.name(), column.definition().type(),
                            !column.definition().notNull() && !column.primaryKey()));
                }
            }
            table.primaryKey = fact.columns();
            return;
        }
        MutableTable table = tables.get(fact.table());
        if (table == null) {
            return;
        }
        String column = fact.name();
        switch (fact.operation()) {
            case DROP_TABLE, DROP_MATERIALIZED_VIEW -> {
                tables.remove(table.name);
                tableMarks.remove(table.name);
                columnMarks.remove(table.name);
                dropped.add(table.name);
                return;
            }
            case RENAME_TABLE -> {
                String to = Fact.foldTable(fact.detail());
                tables.remove(table.name);
                table.name = to;
                tables.put(to, table);
                tables.values().forEach(t -> t.foreignKeys.replaceAll((n, fk) -> fk.referencedTable().equals(fact.table())
                        ? fk.pointingAt(to, fk.referencedColumns()) : fk));
                Map<String, Mark> marks = columnMarks.remove(fact.table());
                if (marks != null) {
                    columnMarks.put(to, marks);
                }
                Mark mark = tableMarks.remove(fact.table());
                markTable(to, mark == null ? Mark.CHANGED : mark);
                return;
            }
            case ADD_COLUMN -> {
                for (DefinedColumn d : defined) {
                    if (d.table().equals(table.name) && d.name().equals(column)) {
                        table.columns.put(column, new MutableColumn(column, d.definition().type(), !d.definition().notNull()));
                    }
                }
                markColumn(table.name, column, Mark.ADDED);
                return;
            }
            case DROP_COLUMN -> {
                table.columns.remove(column);
                Map<String, Mark> marks = columnMarks.get(table.name);
                if (marks != null) {
                    marks.remove(column);
                }
                table.primaryKey = table.primaryKey.stream().filter(c -> !c.equals(column)).toList();
                table.foreignKeys.values().removeIf(fk -> fk.columns().contains(column));
            }
            case RENAME_COLUMN -> {
                MutableColumn c = table.columns.get(column);
                String to = Fact.fold(fact.detail());
                if (c != null && to != null) {
                    LinkedHashMap<String, MutableColumn> renamed = new LinkedHashMap<>(); // the column keeps its place
                    table.columns.forEach((name, col) -> renamed.put(name.equals(column) ? to : name, col));
                    c.name = to;
                    table.columns = renamed;
                    table.primaryKey = table.primaryKey.stream().map(k -> k.equals(column) ? to : k).toList();
                    markColumn(table.name, to, Mark.CHANGED);
                }
            }
            case ALTER_COLUMN_TYPE -> {
                MutableColumn c = table.columns.get(column);
                if (c != null && fact.detail() != null) {
                    c.type = fact.detail();
                }
                markColumn(table.name, column, Mark.CHANGED);
            }
            case SET_NOT_NULL, DROP_NOT_NULL -> {
                MutableColumn c = table.columns.get(column);
                if (c != null) {
                    c.nullable = fact.operation() == Operation.DROP_NOT_NULL;
                }
                markColumn(table.name, column, Mark.CHANGED);
            }
            case SET_DEFAULT, DROP_DEFAULT, ALTER_IDENTITY -> markColumn(table.name, column, Mark.CHANGED);
            case ADD_PRIMARY_KEY -> {
                table.primaryKey = fact.columns();
                fact.columns().forEach(c -> markColumn(table.name, c, Mark.CHANGED));
            }
            case ADD_UNIQUE -> {
                table.uniques.put(column == null ? "unique_" + table.uniques.size() : column, fact.columns());
                fact.columns().forEach(c -> markColumn(table.name, c, Mark.CHANGED));
            }
            case ADD_FOREIGN_KEY -> {
                String name = column == null ? "fk_" + table.foreignKeys.size() : column;
                table.foreignKeys.put(name, new ForeignKey(name, List.of(), Fact.foldTable(fact.detail()), List.of(),
                        ForeignKey.Action.NO_ACTION, ForeignKey.Action.NO_ACTION));
            }
            case DROP_CONSTRAINT -> {
                if (column != null && column.equals(table.primaryKeyName())) {
                    table.primaryKey = List.of();
                }
                table.foreignKeys.remove(column);
                table.uniques.remove(column);
            }
            default -> {
            }
        }
        if (changesTheTable(fact.operation())) {
            markTable(table.name, Mark.CHANGED);
        }
    }

    /** Whether {@code operation} changes what the table is (not a lock taken, rows written, a constraint validated). */
    private static boolean changesTheTable(Operation operation) {
        return switch (operation) {
            case LOCK_TABLE, WRITE_ROWS, TRUNCATE, VALIDATE_CONSTRAINT, CALL, SET_SETTING, RESET_SETTING, TRANSACTION_CONTROL -> false;
            default -> operation.lock() != LockLevel.NONE || operation == Operation.CONVERT_TO_HYPERTABLE;
        };
    }

    private MutableTable create(String name) {
        MutableTable table = new MutableTable(name);
        tables.put(name, table);
        tableMarks.put(name, Mark.ADDED);
        columnMarks.remove(name);
        return table;
    }

    private void addTyped(MutableTable table, ColumnConfig column) {
        String name = Fact.fold(column.getName());
        ConstraintsConfig constraints = column.getConstraints();
        boolean primaryKey = constraints != null && Boolean.TRUE.equals(constraints.isPrimaryKey());
        boolean nullable = !primaryKey && (constraints == null || !Boolean.FALSE.equals(constraints.isNullable()));
        MutableColumn added = new MutableColumn(name, column.getType() == null ? null : column.getType().toLowerCase(Locale.ROOT), nullable);
        added.comment = column.getRemarks();
        table.columns.put(name, added);
        if (primaryKey) {
            List<String> key = new ArrayList<>(table.primaryKey);
            key.add(name);
            table.primaryKey = key;
        }
        if (constraints == null) {
            return;
        }
        if (Boolean.TRUE.equals(constraints.isUnique())) {
            table.uniques.put(constraints.getUniqueConstraintName() == null ? table.name + "_" + name + "_key"
                    : Fact.fold(constraints.getUniqueConstraintName()), List.of(name));
        }
        String referenced = constraints.getReferencedTableName();
        List<String> referencedColumns = names(constraints.getReferencedColumnNames());
        if (referenced == null && constraints.getReferences() != null) {
            String references = constraints.getReferences().strip(); // "users(id)"
            int open = references.indexOf('(');
            referenced = open < 0 ? references : references.substring(0, open);
            referencedColumns = open < 0 ? List.of() : names(references.substring(open + 1, references.lastIndexOf(')')));
        }
        if (referenced != null) {
            String fkName = constraints.getForeignKeyName() == null ? table.name + "_" + name + "_fkey" : Fact.fold(constraints.getForeignKeyName());
            table.foreignKeys.put(fkName, new ForeignKey(fkName, List.of(name),
                    Fact.foldTable(ChangeFacts.table(constraints.getReferencedTableSchemaName(), referenced)), referencedColumns,
                    ForeignKey.Action.NO_ACTION, ForeignKey.Action.NO_ACTION));
        }
    }

    private void markTable(String table, Mark mark) {
        tableMarks.merge(table, mark, (was, now) -> was == Mark.ADDED ? was : now);
    }

    private void markColumn(String table, String column, Mark mark) {
        markTable(table, Mark.CHANGED);
        if (tableMarks.get(table) == Mark.ADDED || column == null) {
            return; // every column of a new table is new
        }
        columnMarks.computeIfAbsent(table, t -> new TreeMap<>()).merge(column, mark, (was, now) -> was == Mark.ADDED ? was : now);
    }

    private static List<String> names(String commaSeparated) {
        return commaSeparated == null ? List.of() : Arrays.stream(commaSeparated.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(Fact::fold).toList();
    }

    private static final class MutableTable {
        String name;
        LinkedHashMap<String, MutableColumn> columns = new LinkedHashMap<>();
        List<String> primaryKey = List.of();
        final Map<String, ForeignKey> foreignKeys = new TreeMap<>();
        final Map<String, List<String>> uniques = new TreeMap<>();
        String comment;

        MutableTable(String name) {
            this.name = name;
        }

        String primaryKeyName() {
            return ErDiagram.display(name).replace('.', '_') + "_pkey";
        }

        Table toTable() {
            List<Column> built = columns.values().stream().map(c -> new Column(c.name, c.type, c.nullable, null, c.comment)).toList();
            TreeMap<String, UniqueConstraint> uniqueConstraints = new TreeMap<>();
            uniques.forEach((n, cols) -> uniqueConstraints.put(n, new UniqueConstraint(n, cols)));
            return new Table(name, built, primaryKey.isEmpty() ? null : new PrimaryKey(primaryKeyName(), primaryKey), uniqueConstraints,
                    new TreeMap<>(), new TreeMap<>(foreignKeys), comment);
        }
    }

    private static final class MutableColumn {
        String name;
        String type;
        boolean nullable;
        String comment;

        MutableColumn(String name, String type, boolean nullable) {
            this.name = name;
            this.type = type;
            this.nullable = nullable;
        }
    }
}
