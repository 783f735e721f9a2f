package io.sark.migrate.diff;

import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Hypertable;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Renames;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Sequence;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The renames the entities declare ({@code @RenamedFrom}), applied to the schema before it is compared: a table or
 * column whose old name is still there is renamed (foreign keys elsewhere, keys, indexes and owned sequences follow),
 * so that what follows compares the renamed object instead of a drop and a create.
 */
final class DeclaredRenames {

    /** The renames that apply, in order, and the schema after them. */
    record Applied(List<SchemaChange> renames, Schema schema) {
    }

    private DeclaredRenames() {
    }

    /**
     * The declared renames that apply (the old name still there, the new one not yet, and wanted), and {@code current}
     * as it will be after them.
     */
    static Applied apply(Schema current, Schema desired, Renames declared) {
        List<SchemaChange> renames = new ArrayList<>();
        TreeMap<String, Table> tables = new TreeMap<>(current.tables());
        for (Map.Entry<String, String> rename : new TreeMap<>(declared.tables()).entrySet()) {
            String to = rename.getKey();
            String from = rename.getValue();
            if (tables.containsKey(from) && !tables.containsKey(to) && desired.tables().containsKey(to)) {
                renames.add(new SchemaChange.RenameTable(from, to));
                Table t = tables.remove(from);
                tables.put(to, renamedTable(t, to));
                // Foreign keys elsewhere that point at the old name point at the new one.
                tables.replaceAll((name, other) -> pointAt(other, from, to));
            }
        }
        for (Map.Entry<String, Map<String, String>> byTable : new TreeMap<>(declared.columns()).entrySet()) {
            Table t = tables.get(byTable.getKey());
            if (t == null) {
                continue;
            }
            for (Map.Entry<String, String> rename : new TreeMap<>(byTable.getValue()).entrySet()) {
                String to = rename.getKey();
                String from = rename.getValue();
                if (t.column(from).isPresent() && t.column(to).isEmpty()) {
                    renames.add(new SchemaChange.RenameColumn(t.name(), from, to, t.column(from).get().type()));
                    t = renamedColumn(t, from, to);
                    String table = t.name();
                    String oldName = from;
                    String newName = to;
                    tables.put(table, t);
                    tables.replaceAll((name, other) -> referencing(other, table, oldName, newName));
                }
            }
        }
        TreeMap<String, Sequence> sequences = new TreeMap<>();
        current.sequences().forEach((name, q) -> sequences.put(name, q.withOwner(renamedOwner(q.ownedBy(), renames))));
        return new Applied(List.copyOf(renames), new Schema(tables, current.enumTypes(), renamedHypertables(current, renames), sequences,
                current.expandTriggers(), current.namespaces()));
    }

    /** A sequence's owning column after the renames recorded so far (PostgreSQL follows the column by its identity). */
    private static String renamedOwner(String owner, List<SchemaChange> renames) {
        if (owner == null) {
            return null;
        }
        String table = owner.substring(0, owner.lastIndexOf('.'));
        String column = owner.substring(owner.lastIndexOf('.') + 1);
        for (SchemaChange change : renames) {
            if (change instanceof SchemaChange.RenameTable r && r.from().equals(table)) {
                table = r.to();
            } else if (change instanceof SchemaChange.RenameColumn r && r.table().equals(table) && r.from().equals(column)) {
                column = r.to();
            }
        }
        return table + "." + column;
    }

    private static TreeMap<String, Hypertable> renamedHypertables(Schema current, List<SchemaChange> renames) {
        TreeMap<String, Hypertable> hypertables = new TreeMap<>(current.hypertables());
        for (SchemaChange change : renames) {
            if (change instanceof SchemaChange.RenameTable r && hypertables.containsKey(r.from())) {
                hypertables.put(r.to(), hypertables.remove(r.from()));
            }
        }
        return hypertables;
    }

    private static Table renamedTable(Table t, String to) {
        return t.withName(to);
    }

    private static Table pointAt(Table t, String from, String to) {
        TreeMap<String, ForeignKey> fks = new TreeMap<>();
        t.foreignKeys().forEach((n, k) -> fks.put(n, k.referencedTable().equals(from) ? k.pointingAt(to, k.referencedColumns()) : k));
        return t.withForeignKeys(fks);
    }

    private static Table renamedColumn(Table t, String from, String to) {
        Function<List<String>, List<String>> swap = names -> names.stream().map(n -> n.equals(from) ? to : n).toList();
        List<Column> columns = t.columns().stream()
                .map(c -> c.name().equals(from) ? c.withName(to) : c).toList();
        PrimaryKey pk = t.primaryKey() == null ? null : new PrimaryKey(t.primaryKey().name(), swap.apply(t.primaryKey().columns()));
        TreeMap<String, UniqueConstraint> uniques = new TreeMap<>();
        t.uniqueConstraints().forEach((n, u) -> uniques.put(n, new UniqueConstraint(n, swap.apply(u.columns()))));
        TreeMap<String, Index> indexes = new TreeMap<>();
        t.indexes().forEach((n, i) -> indexes.put(n, new Index(n, swap.apply(i.keys()), i.unique(), i.method(), i.where())));
        TreeMap<String, ForeignKey> fks = new TreeMap<>();
        t.foreignKeys().forEach((n, k) -> fks.put(n, k.withColumns(swap.apply(k.columns()))));
        return t.withColumns(columns, pk).withUniquesAndIndexes(uniques, indexes).withForeignKeys(fks);
    }

    private static Table referencing(Table t, String table, String from, String to) {
        TreeMap<String, ForeignKey> fks = new TreeMap<>();
        t.foreignKeys().forEach((n, k) -> fks.put(n, k.referencedTable().equals(table)
                ? k.pointingAt(table, k.referencedColumns().stream().map(c -> c.equals(from) ? to : c).toList()) : k));
        return t.withForeignKeys(fks);
    }
}
