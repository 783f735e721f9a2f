package io.sark.migrate.diff;

import io.sark.migrate.diff.SchemaChange.AddColumn;
import io.sark.migrate.diff.SchemaChange.AddForeignKey;
import io.sark.migrate.diff.SchemaChange.AddPrimaryKey;
import io.sark.migrate.diff.SchemaChange.AddUniqueConstraint;
import io.sark.migrate.diff.SchemaChange.ChangeColumnComment;
import io.sark.migrate.diff.SchemaChange.ChangeColumnType;
import io.sark.migrate.diff.SchemaChange.ChangeDefault;
import io.sark.migrate.diff.SchemaChange.ChangeEnumLabels;
import io.sark.migrate.diff.SchemaChange.ChangeNullability;
import io.sark.migrate.diff.SchemaChange.CreateEnumType;
import io.sark.migrate.diff.SchemaChange.CreateIndex;
import io.sark.migrate.diff.SchemaChange.CreateTable;
import io.sark.migrate.diff.SchemaChange.DropColumn;
import io.sark.migrate.diff.SchemaChange.DropEnumType;
import io.sark.migrate.diff.SchemaChange.DropForeignKey;
import io.sark.migrate.diff.SchemaChange.DropIndex;
import io.sark.migrate.diff.SchemaChange.DropPrimaryKey;
import io.sark.migrate.diff.SchemaChange.DropTable;
import io.sark.migrate.diff.SchemaChange.DropUniqueConstraint;
import io.sark.migrate.schema.CheckConstraint;
import io.sark.migrate.schema.Expressions;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.EnumType;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Renames;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Sequence;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The changes that take one schema to another: pure, no I/O, deterministic (everything is visited in name order).
 *
 * <p>The list is in an order that applies: foreign keys are dropped first and added last (so circular ones work, and
 * no drop trips over a reference), indexes and constraints are dropped before and created after the columns they
 * cover, enum types exist before their first column and are dropped after their last.
 */
public final class SchemaDiff {

    private final List<SchemaChange> dropExpandTriggers = new ArrayList<>();
    private final List<SchemaChange> renames = new ArrayList<>();
    private final List<SchemaChange> dropForeignKeys = new ArrayList<>();
    private final List<SchemaChange> dropIndexesAndConstraints = new ArrayList<>();
    private final List<SchemaChange> renameIndexesAndConstraints = new ArrayList<>();
    private final List<SchemaChange> createSchemas = new ArrayList<>();
    private final List<SchemaChange> createEnumTypes = new ArrayList<>();
    private final List<SchemaChange> createTables = new ArrayList<>();
    private final List<SchemaChange> addColumns = new ArrayList<>();
    private final List<SchemaChange> alterColumns = new ArrayList<>();
    private final List<SchemaChange> createExpandTriggers = new ArrayList<>();
    private final List<SchemaChange> addIndexesAndConstraints = new ArrayList<>();
    private final List<SchemaChange> addForeignKeys = new ArrayList<>();
    private final List<SchemaChange> hypertables = new ArrayList<>();
    private final List<SchemaChange> dropColumns = new ArrayList<>();
    private final List<SchemaChange> dropTables = new ArrayList<>();
    private final List<SchemaChange> dropEnumTypes = new ArrayList<>();
    private final List<SchemaChange> releaseSequences = new ArrayList<>();
    private final List<SchemaChange> createSequences = new ArrayList<>();
    private final List<SchemaChange> alterSequences = new ArrayList<>();
    private final List<SchemaChange> ownSequences = new ArrayList<>();
    private final List<SchemaChange> dropSequences = new ArrayList<>();

    private SchemaDiff() {
    }

    /** What to do to {@code current} so that it becomes {@code desired}, in an order that applies. */
    public static List<SchemaChange> between(Schema current, Schema desired) {
        return between(current, desired, Renames.none());
    }

    /**
     * The same, with the renames the entities declare: a declared rename whose old name is still there is written as
     * a rename, and what follows compares the renamed object.
     */
    public static List<SchemaChange> between(Schema current, Schema desired, Renames declared) {
        SchemaDiff diff = new SchemaDiff();
        DeclaredRenames.Applied renamed = DeclaredRenames.apply(current, desired, declared);
        diff.renames.addAll(renamed.renames());
        current = renamed.schema();
        for (String schema : desired.namespaces()) {
            if (!current.namespaces().contains(schema)) {
                diff.createSchemas.add(new SchemaChange.CreateSchema(schema));
            }
        }
        diff.enumTypes(current.enumTypes(), desired.enumTypes());
        for (String name : union(current.tables(), desired.tables())) {
            Table from = current.tables().get(name);
            Table to = desired.tables().get(name);
            if (to == null) {
                diff.dropTable(from);
            } else if (from == null) {
                diff.createTable(to);
            } else {
                diff.alterTable(from, to);
            }
        }
        diff.hypertables.addAll(HypertableDiff.changes(current, desired));
        diff.sequences(current.sequences(), desired.sequences());
        diff.expandTriggers(current, desired);
        List<SchemaChange> all = new ArrayList<>();
        for (List<SchemaChange> phase : List.of(diff.createSchemas, diff.dropExpandTriggers, diff.renames, diff.dropForeignKeys, diff.releaseSequences, diff.dropIndexesAndConstraints,
                diff.renameIndexesAndConstraints, diff.createEnumTypes, diff.createSequences, diff.createTables, diff.addColumns, diff.alterSequences, diff.alterColumns, diff.createExpandTriggers,
                diff.addIndexesAndConstraints, diff.ownSequences, diff.addForeignKeys, diff.hypertables, diff.dropColumns, diff.dropTables,
                diff.dropSequences, diff.dropEnumTypes)) {
            all.addAll(phase);
        }
        return List.copyOf(all);
    }

    /**
     * An expand phase's triggers (no entity declares one): the contract phase drops them, first, before any column
     * they read is renamed or dropped.
     */
    private void expandTriggers(Schema current, Schema desired) {
        current.expandTriggers().forEach((name, trigger) -> {
            if (!trigger.equals(desired.expandTriggers().get(name))) {
                dropExpandTriggers.add(new SchemaChange.DropExpandTrigger(trigger));
            }
        });
        desired.expandTriggers().forEach((name, trigger) -> {
            if (!trigger.equals(current.expandTriggers().get(name))) {
                createExpandTriggers.add(new SchemaChange.CreateExpandTrigger(trigger));
            }
        });
    }

    private void enumTypes(SortedMap<String, EnumType> current, SortedMap<String, EnumType> desired) {
        for (String name : union(current, desired)) {
            EnumType from = current.get(name);
            EnumType to = desired.get(name);
            if (from == null) {
                createEnumTypes.add(new CreateEnumType(to));
            } else if (to == null) {
                dropEnumTypes.add(new DropEnumType(from));
            } else if (!from.labels().equals(to.labels())) {
                createEnumTypes.addAll(enumLabels(from, to));
            }
        }
    }

    /**
     * Sequences: created before the tables whose defaults use them, dropped after; a sequence a column owns (a
     * {@code serial}'s) is let go before its column or table is dropped, so that it is dropped by its own change, and
     * taken over once its new column exists.
     */
    private void sequences(SortedMap<String, Sequence> current, SortedMap<String, Sequence> desired) {
        for (String name : union(current, desired)) {
            Sequence from = current.get(name);
            Sequence to = desired.get(name);
            if (from == null) {
                createSequences.add(new SchemaChange.CreateSequence(to.withOwner(null)));
                if (to.ownedBy() != null) {
                    ownSequences.add(new SchemaChange.ChangeSequenceOwner(name, null, to.ownedBy()));
                }
                continue;
            }
            if (to == null) {
                if (from.ownedBy() != null) {
                    releaseSequences.add(new SchemaChange.ChangeSequenceOwner(name, from.ownedBy(), null));
                }
                dropSequences.add(new SchemaChange.DropSequence(from.withOwner(null)));
                continue;
            }
            // START matters only when a sequence is created (or restarted): an existing one's is no difference, and an
            // ALTER for another reason keeps it, unless the new bounds leave it out (PostgreSQL then refuses the old one).
            Sequence wanted = to.minValue() <= from.start() && from.start() <= to.maxValue() ? to.withStart(from.start()) : to;
            if (from.differsFrom(wanted)) {
                alterSequences.add(new SchemaChange.AlterSequence(from.withOwner(null), wanted.withOwner(null)));
            }
            if (!Objects.equals(from.ownedBy(), to.ownedBy())) {
                if (to.ownedBy() == null) {
                    releaseSequences.add(new SchemaChange.ChangeSequenceOwner(name, from.ownedBy(), null));
                } else {
                    ownSequences.add(new SchemaChange.ChangeSequenceOwner(name, from.ownedBy(), to.ownedBy()));
                }
            }
        }
    }

    /**
     * New labels, each placed before the next label that already exists (or after the last): what
     * {@code ALTER TYPE ... ADD VALUE} can do. A label removed or moved is something it cannot.
     */
    private static List<SchemaChange> enumLabels(EnumType from, EnumType to) {
        List<String> kept = to.labels().stream().filter(from.labels()::contains).toList();
        if (!kept.equals(from.labels())) {
            return List.of(new ChangeEnumLabels(from, to));
        }
        List<SchemaChange> adds = new ArrayList<>();
        List<String> labels = to.labels();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (from.labels().contains(label)) {
                continue;
            }
            String next = labels.subList(i + 1, labels.size()).stream().filter(from.labels()::contains).findFirst().orElse(null);
            if (next != null) {
                adds.add(new SchemaChange.AddEnumValue(to.name(), label, next, true));
            } else {
                adds.add(new SchemaChange.AddEnumValue(to.name(), label, labels.get(i - 1), false));
            }
        }
        return adds;
    }

    private void createTable(Table table) {
        createTables.add(new CreateTable(table));
        table.uniqueConstraints().values().forEach(u -> addIndexesAndConstraints.add(new AddUniqueConstraint(table.name(), u)));
        table.indexes().values().forEach(i -> addIndexesAndConstraints.add(new CreateIndex(table.name(), i)));
        // its checks are created with it (CreateTable's steps)
        table.foreignKeys().values().forEach(f -> addForeignKeys.add(new AddForeignKey(table.name(), f)));
    }

    /**
     * Its foreign keys go first (another table being dropped may point at this one); its indexes and other
     * constraints go with it, in one DROP TABLE.
     */
    private void dropTable(Table table) {
        table.foreignKeys().values().forEach(f -> dropForeignKeys.add(new DropForeignKey(table.name(), f)));
        dropTables.add(new DropTable(table));
    }

    private void alterTable(Table from, Table to) {
        from = uniqueAsPrimaryKey(from, to);
        String table = to.name();
        if (!Objects.equals(from.comment(), to.comment())) {
            alterColumns.add(new SchemaChange.ChangeTableComment(table, from.comment(), to.comment()));
        }
        for (Column column : to.columns()) {
            Column old = from.column(column.name()).orElse(null);
            if (old == null) {
                addColumns.add(new AddColumn(table, column));
            } else {
                alterColumn(table, old, column);
            }
        }
        for (Column column : from.columns()) {
            if (to.column(column.name()).isEmpty()) {
                dropColumns.add(new DropColumn(table, column));
            }
        }
        // A primary key's name is PostgreSQL's (<table>_pkey, kept through a table rename); JPA cannot give one. Its
        // columns decide, as a set: JPA does not define a key's column order, and PostgreSQL enforces the same uniqueness
        // in any order (a database built by another tool often has another one).
        if (!sameSet(keyColumns(from), keyColumns(to)) && from.primaryKey() != null && to.primaryKey() != null) {
            addIndexesAndConstraints.add(new SchemaChange.ReplacePrimaryKey(table, from.primaryKey(), to.primaryKey()));
        } else if (!sameSet(keyColumns(from), keyColumns(to))) {
            if (from.primaryKey() != null) {
                dropIndexesAndConstraints.add(new DropPrimaryKey(table, from.primaryKey()));
            }
            if (to.primaryKey() != null) {
                addIndexesAndConstraints.add(new AddPrimaryKey(table, to.primaryKey()));
            }
        }
        // A UNIQUE constraint is its column set too: PostgreSQL enforces the same rule in any order, and a foreign key
        // finds its referenced key by the set (a changelog written by hand often lists them otherwise). A plain or
        // unique index keeps its order, which decides the queries it serves.
        compare(from.uniqueConstraints(), to.uniqueConstraints(), u -> new UniqueConstraint("", u.columns().stream().sorted().toList()),
                dropIndexesAndConstraints, addIndexesAndConstraints,
                (u, add) -> add ? new AddUniqueConstraint(table, u) : new DropUniqueConstraint(table, u),
                (old, now) -> new SchemaChange.RenameConstraint(table, "unique constraint", old.name(), now.name()));
        compare(from.indexes(), withoutKeyDuplicates(to, from), i -> i.withName(""), dropIndexesAndConstraints, addIndexesAndConstraints,
                (i, add) -> add ? new CreateIndex(table, i) : new DropIndex(table, i),
                (old, now) -> new SchemaChange.RenameIndex(table, old.name(), now.name()));
        // A check is its rule: an IN list is one, however PostgreSQL printed it (Expressions.asDeclared)
        compare(from.checks(), to.checks(), c -> new CheckConstraint("", Expressions.asDeclared(c.expression())),
                dropIndexesAndConstraints, addIndexesAndConstraints,
                (c, add) -> add ? new SchemaChange.AddCheck(table, c) : new SchemaChange.DropCheck(table, c),
                (old, now) -> new SchemaChange.RenameConstraint(table, "check", old.name(), now.name()));
        compare(from.foreignKeys(), to.foreignKeys(), f -> f.withName(""), dropForeignKeys, addForeignKeys,
                (f, add) -> add ? new AddForeignKey(table, f) : new DropForeignKey(table, f),
                (old, now) -> new SchemaChange.RenameConstraint(table, "foreign key", old.name(), now.name()));
    }

    /**
     * A table without a primary key whose UNIQUE constraint on NOT NULL columns is the key the entities declare: the
     * same rule, so no difference (not a drop of the UNIQUE and an add of a key; liquibase-hibernate6 proposes that).
     * Taken as that key for the comparison.
     */
    private static Table uniqueAsPrimaryKey(Table from, Table to) {
        if (from.primaryKey() != null || to.primaryKey() == null) {
            return from;
        }
        for (UniqueConstraint unique : from.uniqueConstraints().values()) {
            boolean notNull = unique.columns().stream().allMatch(c -> from.column(c).map(column -> !column.nullable()).orElse(false));
            if (notNull && sameSet(unique.columns(), to.primaryKey().columns())) {
                SortedMap<String, UniqueConstraint> others = new TreeMap<>(from.uniqueConstraints());
                others.remove(unique.name());
                return from.withColumns(from.columns(), new PrimaryKey(unique.name(), unique.columns())).withUniquesAndIndexes(others, from.indexes());
            }
        }
        return from;
    }

    private static List<String> keyColumns(Table table) {
        return table.primaryKey() == null ? null : table.primaryKey().columns();
    }

    private void alterColumn(String table, Column from, Column to) {
        String name = to.name();
        boolean identityChanges = from.identity() != to.identity();
        // An identity column has no default and is NOT NULL: an identity goes before a default comes, and comes after
        // the default went and NOT NULL was set.
        if (identityChanges && to.identity() == null) {
            alterColumns.add(new SchemaChange.ChangeIdentity(table, name, from.identity(), null));
        }
        boolean typeChanges = !from.type().equals(to.type());
        boolean defaultChanges = !Objects.equals(from.defaultValue(), to.defaultValue());
        if (typeChanges) {
            // The old default may not convert to the new type: it comes off before, the new one goes on after, in the
            // type change's own transaction (an insert between them would find no default).
            alterColumns.add(new ChangeColumnType(table, name, from.type(), to.type(), from.defaultValue(), to.defaultValue()));
        } else if (defaultChanges) {
            alterColumns.add(new ChangeDefault(table, name, to.type(), from.defaultValue(), to.defaultValue()));
        }
        if (from.nullable() != to.nullable()) {
            alterColumns.add(new ChangeNullability(table, name, to.type(), to.nullable()));
        }
        if (identityChanges && to.identity() != null) {
            alterColumns.add(new SchemaChange.ChangeIdentity(table, name, from.identity(), to.identity()));
        }
        if (!Objects.equals(from.comment(), to.comment())) {
            alterColumns.add(new ChangeColumnComment(table, name, from.comment(), to.comment()));
        }
    }

    /**
     * Objects by what they are, then by name. One that only changed its name (everything else equal, and neither name
     * on the other side) is a rename, in a phase of its own, and proposed only when asked for: the database may have
     * been built by another tool that named things its own way. Otherwise one that went or changed is dropped, and one
     * that came or changed is added.
     */
    private <T> void compare(Map<String, T> from, Map<String, T> to, UnaryOperator<T> unnamed, List<SchemaChange> drops,
                             List<SchemaChange> adds, BiFunction<T, Boolean, SchemaChange> change, BiFunction<T, T, SchemaChange> rename) {
        Set<String> paired = new HashSet<>();
        for (String newName : to.keySet()) {
            if (from.containsKey(newName)) {
                continue;
            }
            T wanted = unnamed.apply(to.get(newName));
            for (String oldName : from.keySet()) {
                if (!to.containsKey(oldName) && !paired.contains(oldName) && unnamed.apply(from.get(oldName)).equals(wanted)) {
                    renameIndexesAndConstraints.add(rename.apply(from.get(oldName), to.get(newName)));
                    paired.add(oldName);
                    paired.add(newName);
                    break;
                }
            }
        }
        for (String name : union(from, to)) {
            T old = from.get(name);
            T now = to.get(name);
            if (Objects.equals(old, now) || paired.contains(name)
                    || old != null && now != null && unnamed.apply(old).equals(unnamed.apply(now))) {
                continue; // the same object under the same name, as its kind compares it
            }
            if (old != null) {
                drops.add(change.apply(old, false));
            }
            if (now != null) {
                adds.add(change.apply(now, true));
            }
        }
    }

    /**
     * The indexes {@code to} wants, less a plain (non-unique, whole-table, btree) index that {@code from} lacks and that
     * only repeats the index of one of {@code from}'s keys (primary key or UNIQUE constraint, same columns in the same
     * order): PostgreSQL serves the same lookups from the key's own index, so its absence is no difference. A unique
     * index beside a UNIQUE constraint on the same columns is not such a repeat: SARK keeps both, on purpose.
     */
    private static SortedMap<String, Index> withoutKeyDuplicates(Table to, Table from) {
        List<List<String>> keys = new ArrayList<>();
        if (from.primaryKey() != null) {
            keys.add(from.primaryKey().columns());
        }
        from.uniqueConstraints().values().forEach(u -> keys.add(u.columns()));
        SortedMap<String, Index> wanted = new TreeMap<>(to.indexes());
        wanted.values().removeIf(i -> !from.indexes().containsKey(i.name()) && !i.unique() && i.where() == null
                && "btree".equals(i.method()) && keys.contains(i.keys()));
        return wanted;
    }

    private static boolean sameSet(List<String> a, List<String> b) {
        return a == null || b == null ? a == b : a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
    }

    private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        return names;
    }
}
