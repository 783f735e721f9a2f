package io.sark.migrate.lint;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A changeset and what the changelog before it established: which tables existed before its revision began (a new
 * table is empty, so most locking and data rules do not apply to it), their primary keys, and which are compressed
 * hypertables.
 *
 * @param changeSet          the changeset
 * @param revision           its revision
 * @param existingTables     tables created by earlier revisions
 * @param primaryKeys        primary key columns by table, as far as the changelog says
 * @param generatedColumns   the columns ("table.column") whose values the database generates: identities, serials
 * @param compressedTables   tables the changelog has enabled TimescaleDB compression on
 * @param compressionColumns for each of them, its segment-by and order-by columns
 * @param indexes            the indexes the changelog has made, by name: their table and plainly named columns
 * @param facts              what its changes do, in order (read once, for every rule)
 * @param rollbackFacts      what its rollback's changes do, in order
 */
public record ChangeSetContext(ChangeSet changeSet, String revision, Set<String> existingTables,
                               Map<String, List<String>> primaryKeys, Set<String> generatedColumns, Set<String> compressedTables,
                               Map<String, Set<String>> compressionColumns, Map<String, Index> indexes, List<Fact> facts, List<Fact> rollbackFacts) {

    /** An index: its table and the columns it names plainly. */
    public record Index(String table, List<String> columns) {
    }

    public ChangeSetContext(ChangeSet changeSet, String revision, Set<String> existingTables, Map<String, List<String>> primaryKeys,
                            Set<String> generatedColumns, Set<String> compressedTables, Map<String, Set<String>> compressionColumns) {
        this(changeSet, revision, existingTables, primaryKeys, generatedColumns, compressedTables, compressionColumns, Map.of());
    }

    public ChangeSetContext(ChangeSet changeSet, String revision, Set<String> existingTables, Map<String, List<String>> primaryKeys,
                            Set<String> generatedColumns, Set<String> compressedTables, Map<String, Set<String>> compressionColumns,
                            Map<String, Index> indexes) {
        this(changeSet, revision, existingTables, primaryKeys, generatedColumns, compressedTables, compressionColumns, indexes,
                ChangeFacts.of(changeSet.getChanges()), ChangeFacts.of(changeSet.getRollback().getChanges()));
    }

    /** The table of index {@code name}, as the changelog made it, or null. */
    public String tableOfIndex(String name) {
        Index index = name == null ? null : indexes.get(name);
        return index == null ? null : index.table();
    }

    /** The columns of {@code table} that an index of the changelog names. */
    public Set<String> indexedColumns(String table) {
        Set<String> columns = new TreeSet<>();
        indexes.values().stream().filter(i -> i.table().equals(table)).forEach(i -> columns.addAll(i.columns()));
        return columns;
    }

    /** The segment-by and order-by columns of a compressed table (TimescaleDB refuses to drop them). */
    public Set<String> compressionColumns(String table) {
        return compressionColumns.getOrDefault(table, Set.of());
    }

    public List<Change> changes() {
        return changeSet.getChanges();
    }

    /** The SQL of its raw SQL changes, in lower case, one entry per change. */
    public List<String> sql() {
        List<String> statements = new ArrayList<>();
        for (Change change : changes()) {
            if (change instanceof RawSQLChange raw && raw.getSql() != null) {
                statements.add(raw.getSql().toLowerCase(Locale.ROOT));
            }
        }
        return statements;
    }

    public boolean existing(String table) {
        return table != null && existingTables.contains(table.toLowerCase(Locale.ROOT));
    }

    public boolean inTransaction() {
        return changeSet.isRunInTransaction();
    }
}
