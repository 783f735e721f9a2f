package io.sark.migrate.lint;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.DefinedColumn;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;

import java.util.ArrayList;
import java.util.HashSet;
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
 * @param origin             where it comes from: the project's changelog (its whole history) or another's
 * @param existingTables     tables created by earlier revisions
 * @param newTables          tables created in its own revision, before it or by it
 * @param primaryKeys        primary key columns by table, as far as the changelog says
 * @param generatedColumns   the columns ("table.column") whose values the database generates: identities, serials
 * @param compressedTables   tables the changelog has enabled TimescaleDB compression on
 * @param compressionColumns for each of them, its segment-by and order-by columns
 * @param indexes            the indexes the changelog has made, by name: their table and plainly named columns
 * @param provenNotNull      the columns ("table.column") a validated CHECK (column IS NOT NULL) of an earlier changeset covers
 * @param facts              what its changes do, in order (read once, for every rule)
 * @param rollbackFacts      what its rollback's changes do, in order
 * @param definedColumns     the columns its changes define (tables created, columns added), with their types as written
 * @param postgresMajor      the PostgreSQL major version the migrations run on (what is safe changed in 11 and 12)
 */
public record ChangeSetContext(ChangeSet changeSet, String revision, LintUnit.Origin origin, Set<String> existingTables,
                               Set<String> newTables, Map<String, List<String>> primaryKeys, Set<String> generatedColumns,
                               Set<String> compressedTables, Map<String, Set<String>> compressionColumns, Map<String, Index> indexes,
                               Set<String> provenNotNull, List<Fact> facts, List<Fact> rollbackFacts, List<DefinedColumn> definedColumns,
                               int postgresMajor) {

    /** An index: its table and the columns it names plainly. */
    public record Index(String table, List<String> columns) {
    }

    ChangeSetContext(ChangeSet changeSet, String revision, LintUnit.Origin origin, Set<String> existingTables, Set<String> createdInRevision,
                     Map<String, List<String>> primaryKeys, Set<String> generatedColumns, Set<String> compressedTables,
                     Map<String, Set<String>> compressionColumns, Map<String, Index> indexes, Set<String> provenNotNull, int postgresMajor) {
        this(changeSet, revision, origin, existingTables, createdInRevision, primaryKeys, generatedColumns, compressedTables, compressionColumns,
                indexes, provenNotNull, ChangeFacts.of(changeSet.getChanges()), ChangeFacts.of(changeSet.getRollback().getChanges()),
                changeSet.getChanges().stream().flatMap(c -> ChangeFacts.columnsDefined(c).stream()).toList(), postgresMajor);
    }

    public ChangeSetContext {
        Set<String> created = new HashSet<>(newTables);
        facts.stream().filter(f -> f.operation() == Operation.CREATE_TABLE && f.table() != null).forEach(f -> created.add(f.table()));
        newTables = Set.copyOf(created);
    }

    /**
     * Whether the columns' types were chosen by hand: in another project's changelog or SQL, and in raw SQL anywhere; the
     * project's typed changes were written from its entities, whose mapping decides the types (a rule about a type
     * speaks to the entity, not the changeset).
     */
    public boolean typesChosenByHand(Change change) {
        return origin == LintUnit.Origin.FOREIGN || change instanceof AbstractSQLChange;
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

    /**
     * Whether {@code table} may hold rows: created by an earlier revision of the project's changelog; in another project's
     * migrations, any table not created in this revision (it may have been created before them).
     */
    public boolean existing(String table) {
        if (table == null) {
            return false;
        }
        String folded = table.toLowerCase(Locale.ROOT);
        return origin == LintUnit.Origin.PROJECT ? existingTables.contains(folded) : !newTables.contains(folded);
    }

    public boolean inTransaction() {
        return changeSet.isRunInTransaction();
    }
}
