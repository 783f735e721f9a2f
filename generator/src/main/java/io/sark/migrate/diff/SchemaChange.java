package io.sark.migrate.diff;

import io.sark.migrate.schema.CheckConstraint;
import io.sark.migrate.schema.Expressions;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.EnumType;
import io.sark.migrate.schema.ExpandTrigger;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.Names;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Sequence;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Objects;

/**
 * One change that takes a schema towards another: the closed vocabulary the diff speaks and the writer writes.
 * Each change carries the state it replaces, so that its rollback is known exactly.
 */
public sealed interface SchemaChange {

    /** The table it concerns (or the type, for enum changes). */
    String subject();

    /** One line in plain words, for check's report and the changeset's comment; names in other schemas as {@code reporting.sales}. */
    default String describe() {
        return Names.display(words());
    }

    /** {@link #describe()}, with the model's names as they are. */
    String words();

    /**
     * The change that undoes this one exactly, when there is one (a rollback is then that change's forward steps); null
     * for a change whose undoing is not a change of this vocabulary (an enum value cannot be removed, a hypertable not
     * turned back, a dropped table comes back with its indexes and constraints).
     */
    default SchemaChange inverse() {
        return null;
    }

    /** Create a PostgreSQL schema the entities map into ({@code CREATE SCHEMA IF NOT EXISTS}); its rollback drops it. */
    record CreateSchema(String name) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropSchema(name); }
        public String subject() { return name; }
        public String words() { return "Create schema " + name + "."; }
    }

    /** Drop an empty schema (the rollback of its creation). */
    record DropSchema(String name) implements SchemaChange {
        @Override public SchemaChange inverse() { return new CreateSchema(name); }
        public String subject() { return name; }
        public String words() { return "Drop schema " + name + "."; }
    }

    /** Create an enum type. */
    record CreateEnumType(EnumType type) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropEnumType(type); }
        public String subject() { return type.name(); }
        public String words() { return "Create enum type " + type.name() + " (" + String.join(", ", type.labels()) + ")."; }
    }

    /** Drop an enum type no column uses any more. */
    record DropEnumType(EnumType type) implements SchemaChange {
        @Override public SchemaChange inverse() { return new CreateEnumType(type); }
        public String subject() { return type.name(); }
        public String words() { return "Drop enum type " + type.name() + "."; }
    }

    /**
     * Add a label to an enum type, placed before an existing label (or after one, when it goes last). PostgreSQL
     * cannot remove an enum label, so this change cannot be rolled back.
     *
     * @param type     the type
     * @param label    the new label
     * @param neighbor the existing label it goes next to
     * @param before   whether it goes before {@code neighbor} (else after it)
     */
    record AddEnumValue(String type, String label, String neighbor, boolean before) implements SchemaChange {
        public String subject() { return type; }
        public String words() {
            return "Add value '" + label + "' to enum type " + type + " (" + (before ? "before" : "after") + " '" + neighbor + "').";
        }
    }

    /** An enum type's labels changed in a way PostgreSQL cannot do in place (a label removed or moved): reported, not written. */
    record ChangeEnumLabels(EnumType from, EnumType to) implements SchemaChange {
        public String subject() { return to.name(); }
        public String words() {
            return "Change the labels of enum type " + to.name() + " from (" + String.join(", ", from.labels()) + ") to ("
                    + String.join(", ", to.labels()) + ").";
        }
    }

    /** Rename a table, as the entity declares ({@code @RenamedFrom}). */
    record RenameTable(String from, String to) implements SchemaChange {
        @Override public SchemaChange inverse() { return new RenameTable(to, from); }
        public String subject() { return to; }
        public String words() { return "Rename table " + from + " to " + to + "."; }
    }

    /** Rename a column, as the entity declares ({@code @RenamedFrom}). */
    record RenameColumn(String table, String from, String to, String type) implements SchemaChange {
        @Override public SchemaChange inverse() { return new RenameColumn(table, to, from, type); }
        public String subject() { return table; }
        public String words() { return "Rename column " + table + "." + from + " to " + to + "."; }
    }

    /**
     * Rename a constraint whose only difference from the one wanted is its name (a UNIQUE constraint's index is renamed
     * with it). Proposed only when asked for: a name alone is not a difference by default.
     *
     * @param kind "unique constraint", "check", "foreign key": what it is, in words
     */
    record RenameConstraint(String table, String kind, String from, String to) implements SchemaChange {
        @Override public SchemaChange inverse() { return new RenameConstraint(table, kind, to, from); }
        public String subject() { return table; }
        public String words() { return "Rename " + kind + " " + from + " on " + table + " to " + to + "."; }
    }

    /** Rename an index whose only difference from the one wanted is its name. Proposed only when asked for. */
    record RenameIndex(String table, String from, String to) implements SchemaChange {
        @Override public SchemaChange inverse() { return new RenameIndex(table, to, from); }
        public String subject() { return table; }
        public String words() { return "Rename index " + from + " on " + table + " to " + to + "."; }
    }

    /** Create a table with its columns and primary key (its other constraints and indexes are changes of their own). */
    record CreateTable(Table table) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropTable(table); }
        public String subject() { return table.name(); }
        public String words() {
            return "Create table " + table.name() + (table.checks().isEmpty() ? "" : ", with " + table.checks().values().stream()
                    .map(c -> "CHECK constraint " + c.name() + " (" + Expressions.asDeclared(c.expression()) + ")")
                    .collect(Collectors.joining(" and "))) + ".";
        }
    }

    /**
     * Drop a table, with the indexes and constraints that go with it (its rollback builds them again); the foreign
     * keys on it and pointing at it are dropped by earlier changes.
     */
    record DropTable(Table table) implements SchemaChange {
        public String subject() { return table.name(); }
        public String words() { return "Drop table " + table.name() + "."; }
    }

    /** Add a column. */
    record AddColumn(String table, Column column) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropColumn(table, column); }
        public String subject() { return table; }
        public String words() { return "Add column " + table + "." + column.name() + " " + column.type() + (column.nullable() ? "" : " NOT NULL") + "."; }
    }

    /** Fill a column's NULLs with a value, so that it can be made NOT NULL (the step between adding it and requiring it). */
    record Backfill(String table, String column, String expression) implements SchemaChange {
        public String subject() { return table; }
        public String words() { return "Fill " + table + "." + column + " with " + expression + " where it is NULL."; }
    }

    /**
     * Add an expand phase's trigger ({@link ExpandTrigger}): it keeps the application version still running working
     * while the schema is between two versions, until the contract phase drops it.
     */
    record CreateExpandTrigger(ExpandTrigger trigger) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropExpandTrigger(trigger); }
        public String subject() { return trigger.table(); }
        public String words() {
            return "Add trigger " + trigger.name() + " on " + trigger.table() + " (" + trigger.purpose().replaceFirst("^sark-migrate: ", "") + ").";
        }
    }

    /**
     * Drop an expand phase's trigger: the contract phase, once no application version that needs it runs (for a fill
     * trigger, one that inserts rows without the column).
     */
    record DropExpandTrigger(ExpandTrigger trigger) implements SchemaChange {
        @Override public SchemaChange inverse() { return new CreateExpandTrigger(trigger); }
        public String subject() { return trigger.table(); }
        public String words() {
            return "Drop trigger " + trigger.name() + " on " + trigger.table() + ", which an expand phase left (" + trigger.purpose()
                    .replaceFirst("^sark-migrate: ", "").replaceFirst(";? ?dropped by the contract phase$", "")
                    + "): from here on the application must write what it wrote.";
        }
    }

    /**
     * Drop a column. Its rollback adds it back; with {@code restore} (SQL computing its value from the row, as
     * {@code split_part(full_name, ' ', 1)}) it is added nullable, filled, and made NOT NULL again if it was, so that
     * rolling back puts the data back, not only the column.
     */
    record DropColumn(String table, Column column, String restore) implements SchemaChange {
        public DropColumn(String table, Column column) {
            this(table, column, null);
        }

        @Override public SchemaChange inverse() { return restore == null ? new AddColumn(table, column) : null; }
        public String subject() { return table; }
        public String words() {
            return "Drop column " + table + "." + column.name() + "." + (restore == null ? "" : " Rolling back fills it again with " + restore + ".");
        }
    }

    /**
     * Change a column's type, and its default with it ({@code fromDefault}, {@code toDefault}, null for none): the old
     * default is taken off and the new one put on in the same transaction as the type, so no insert meets the column
     * without its default.
     */
    record ChangeColumnType(String table, String column, String fromType, String toType, String fromDefault, String toDefault)
            implements SchemaChange {
        /** A type change of a column without a default. */
        public ChangeColumnType(String table, String column, String fromType, String toType) {
            this(table, column, fromType, toType, null, null);
        }
        @Override public SchemaChange inverse() { return new ChangeColumnType(table, column, toType, fromType, toDefault, fromDefault); }
        public String subject() { return table; }
        public String words() {
            String defaults = Objects.equals(fromDefault, toDefault) ? ""
                    : " Its default goes from " + (fromDefault == null ? "none" : fromDefault) + " to " + (toDefault == null ? "none" : toDefault)
                    + " in the same transaction.";
            return "Change the type of " + table + "." + column + " from " + fromType + " to " + toType + "." + defaults;
        }
    }

    /**
     * Change a column's type without rewriting the table under its lock (expand): a copy of the column in the new type,
     * kept in step by a trigger and filled in batches, takes the column's place in one short transaction; the old
     * column stays beside it, in step, as {@code sark_old_<column>}, until the contract phase drops it
     * ({@link DropColumnCopy}). For a column no index, key or check covers, on a table of its own rows.
     *
     * @param from      the column as it is
     * @param toType    its type to be
     * @param toDefault its default to be, or null
     */
    record ChangeColumnTypeByCopy(String table, Column from, String toType, String toDefault) implements SchemaChange {
        public String subject() { return table; }
        public String words() {
            return "Change the type of " + table + "." + from.name() + " from " + from.type() + " to " + toType
                    + " by a copy filled in batches and swapped in, not a rewrite under the lock; the old column stays, kept in step,"
                    + " until the contract phase drops it.";
        }
    }

    /**
     * Rename a column without breaking the application version still running (expand): the new column, kept in step
     * with the old both ways by a trigger and filled in batches; the old one stays until the contract phase drops it
     * ({@link DropColumnCopy}). For a column no index, key or check covers.
     */
    record RenameColumnByCopy(String table, Column from, String to) implements SchemaChange {
        public String subject() { return table; }
        public String words() {
            return "Rename column " + table + "." + from.name() + " to " + to + " by a copy kept in step both ways, so that the running"
                    + " application goes on with " + from.name() + "; " + from.name() + " stays until the contract phase drops it.";
        }
    }

    /**
     * The contract phase of a copy: drop the column an expand phase kept in step ({@code sark_old_<column>} after a type
     * change, the old name after a rename) with the trigger that kept it. Rolling back adds it again and fills it in
     * batches through that trigger.
     */
    record DropColumnCopy(String table, Column column, ExpandTrigger trigger) implements SchemaChange {
        public String subject() { return table; }
        public String words() {
            return "Drop column " + table + "." + column.name() + " and trigger " + trigger.name() + ", which kept it in step for the"
                    + " application version before (contract phase).";
        }
    }

    /** Make a column NOT NULL, or allow NULL in it. */
    record ChangeNullability(String table, String column, String type, boolean nullable) implements SchemaChange {
        @Override public SchemaChange inverse() { return new ChangeNullability(table, column, type, !nullable); }
        public String subject() { return table; }
        public String words() { return (nullable ? "Allow NULL in " : "Make NOT NULL: ") + table + "." + column + "."; }
    }

    /** Set, change or remove a column's server default. */
    record ChangeDefault(String table, String column, String type, String from, String to) implements SchemaChange {
        @Override public SchemaChange inverse() { return new ChangeDefault(table, column, type, to, from); }
        public String subject() { return table; }
        public String words() {
            return to == null ? "Remove the default of " + table + "." + column + " (was " + from + ")."
                    : "Set the default of " + table + "." + column + " to " + to + (from == null ? "" : " (was " + from + ")") + ".";
        }
    }

    /** Set, change or remove a column's comment. */
    record ChangeColumnComment(String table, String column, String from, String to) implements SchemaChange {
        @Override public SchemaChange inverse() { return new ChangeColumnComment(table, column, to, from); }
        public String subject() { return table; }
        public String words() {
            return to == null ? "Remove the comment on " + table + "." + column + "." : "Set the comment on " + table + "." + column + ".";
        }
    }

    /** Set, change or remove a table's comment. */
    record ChangeTableComment(String table, String from, String to) implements SchemaChange {
        @Override public SchemaChange inverse() { return new ChangeTableComment(table, to, from); }
        public String subject() { return table; }
        public String words() {
            return to == null ? "Remove the comment on table " + table + "." : "Set the comment on table " + table + ".";
        }
    }

    /** Add a primary key to an existing table. */
    record AddPrimaryKey(String table, PrimaryKey key) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropPrimaryKey(table, key); }
        public String subject() { return table; }
        public String words() { return "Add primary key " + key.name() + " on " + table + " (" + String.join(", ", key.columns()) + ")."; }
    }

    /** Drop a primary key. */
    record DropPrimaryKey(String table, PrimaryKey key) implements SchemaChange {
        @Override public SchemaChange inverse() { return new AddPrimaryKey(table, key); }
        public String subject() { return table; }
        public String words() { return "Drop primary key " + key.name() + " on " + table + "."; }
    }

    /**
     * Give a table a primary key on other columns, with no moment without one: the old key is dropped and the new one
     * added in one statement (after the new key's index is built, where PostgreSQL allows it without blocking writes).
     */
    record ReplacePrimaryKey(String table, PrimaryKey from, PrimaryKey to) implements SchemaChange {
        @Override public SchemaChange inverse() { return new ReplacePrimaryKey(table, to, from); }
        public String subject() { return table; }
        public String words() {
            return "Replace primary key " + from.name() + " on " + table + " (" + String.join(", ", from.columns()) + ") with " + to.name()
                    + " (" + String.join(", ", to.columns()) + ").";
        }
    }

    /** Add a UNIQUE constraint. */
    record AddUniqueConstraint(String table, UniqueConstraint constraint) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropUniqueConstraint(table, constraint); }
        public String subject() { return table; }
        public String words() {
            return "Add UNIQUE constraint " + constraint.name() + " on " + table + " (" + String.join(", ", constraint.columns()) + ").";
        }
    }

    /** Drop a UNIQUE constraint. */
    record DropUniqueConstraint(String table, UniqueConstraint constraint) implements SchemaChange {
        @Override public SchemaChange inverse() { return new AddUniqueConstraint(table, constraint); }
        public String subject() { return table; }
        public String words() { return "Drop UNIQUE constraint " + constraint.name() + " on " + table + "."; }
    }

    /** Create an index. */
    record CreateIndex(String table, Index index) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropIndex(table, index); }
        public String subject() { return table; }
        public String words() {
            return "Create " + (index.unique() ? "unique " : "") + "index " + index.name() + " on " + table
                    + (index.method().equals("btree") ? "" : " using " + index.method())
                    + " (" + String.join(", ", index.keys()) + ")" + (index.where() == null ? "" : " where " + index.where()) + ".";
        }
    }

    /** Drop an index. */
    record DropIndex(String table, Index index) implements SchemaChange {
        @Override public SchemaChange inverse() { return new CreateIndex(table, index); }
        public String subject() { return table; }
        public String words() { return "Drop index " + index.name() + " on " + table + "."; }
    }

    /** Make a table a TimescaleDB hypertable (guarded: skipped with a notice where the extension is not installed). */
    record ConvertToHypertable(String table, String timeColumn, String chunkInterval) implements SchemaChange {
        public String subject() { return table; }
        public String words() {
            return "Make " + table + " a TimescaleDB hypertable partitioned by " + timeColumn
                    + (chunkInterval.isEmpty() ? "" : " in chunks of " + chunkInterval) + ".";
        }
    }

    /** Change a hypertable's chunk interval (for new chunks). */
    record ChangeChunkInterval(String table, String from, String to) implements SchemaChange {
        public String subject() { return table; }
        public String words() { return "Set the chunk interval of hypertable " + table + " to " + (to.isEmpty() ? "the default" : to) + "."; }
    }

    /** Set, change or remove a hypertable's compression (segment-by columns and compression policy). */
    record ChangeCompression(String table, String fromSegmentBy, String fromAfter, String toSegmentBy, String toAfter) implements SchemaChange {
        public String subject() { return table; }
        public String words() {
            return toAfter.isEmpty() ? "Stop compressing hypertable " + table + "."
                    : "Compress hypertable " + table + " chunks older than " + toAfter
                    + (toSegmentBy.isEmpty() ? "" : ", segmented by " + toSegmentBy) + ".";
        }
    }

    /** Set, change or remove a hypertable's retention policy. */
    record ChangeRetention(String table, String from, String to) implements SchemaChange {
        public String subject() { return table; }
        public String words() {
            return to.isEmpty() ? "Remove the retention policy of hypertable " + table + "."
                    : "Drop " + table + " chunks older than " + to + " (TimescaleDB runs the policy as soon as it is added:"
                    + " rows older than that go at once)" + ".";
        }
    }

    /** A hypertable change TimescaleDB cannot make (or the table does not allow): reported, not written. */
    record RefusedHypertable(String table, String reason) implements SchemaChange {
        public String subject() { return table; }
        public String words() { return reason; }
    }

    /** Add a CHECK constraint. */
    record AddCheck(String table, CheckConstraint check) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropCheck(table, check); }
        public String subject() { return table; }
        public String words() { return "Add CHECK constraint " + check.name() + " on " + table + " (" + Expressions.asDeclared(check.expression()) + ")."; }
    }

    /** Drop a CHECK constraint. */
    record DropCheck(String table, CheckConstraint check) implements SchemaChange {
        @Override public SchemaChange inverse() { return new AddCheck(table, check); }
        public String subject() { return table; }
        public String words() { return "Drop CHECK constraint " + check.name() + " on " + table + "."; }
    }

    /** Add a foreign key. */
    record AddForeignKey(String table, ForeignKey key) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropForeignKey(table, key); }
        public String subject() { return table; }
        public String words() {
            return "Add foreign key " + key.name() + " on " + table + " (" + String.join(", ", key.columns()) + ") -> " + key.referencedTable()
                    + " (" + String.join(", ", key.referencedColumns()) + "), ON DELETE " + key.onDelete().sql() + ".";
        }
    }

    /** Drop a foreign key. */
    record DropForeignKey(String table, ForeignKey key) implements SchemaChange {
        @Override public SchemaChange inverse() { return new AddForeignKey(table, key); }
        public String subject() { return table; }
        public String words() { return "Drop foreign key " + key.name() + " on " + table + "."; }
    }

    /** Create a sequence (its owner, if any, is set by a {@link ChangeSequenceOwner} once the column exists). */
    record CreateSequence(Sequence sequence) implements SchemaChange {
        @Override public SchemaChange inverse() { return new DropSequence(sequence); }
        public String subject() { return sequence.name(); }
        public String words() {
            return "Create sequence " + sequence.name() + " (start " + sequence.start() + ", increment " + sequence.increment() + ").";
        }
    }

    /** Drop a sequence (no column owns it by then). */
    record DropSequence(Sequence sequence) implements SchemaChange {
        @Override public SchemaChange inverse() { return new CreateSequence(sequence); }
        public String subject() { return sequence.name(); }
        public String words() { return "Drop sequence " + sequence.name() + "."; }
    }

    /** Change a sequence's parameters (increment, bounds, cache, cycle, type). */
    record AlterSequence(Sequence from, Sequence to) implements SchemaChange {
        @Override public SchemaChange inverse() { return new AlterSequence(to, from); }
        public String subject() { return to.name(); }
        public String words() {
            List<String> what = new ArrayList<>();
            if (!from.type().equals(to.type())) what.add("type " + from.type() + " -> " + to.type());
            if (from.start() != to.start()) what.add("start " + from.start() + " -> " + to.start());
            if (from.increment() != to.increment()) what.add("increment " + from.increment() + " -> " + to.increment());
            if (from.minValue() != to.minValue()) what.add("minvalue " + from.minValue() + " -> " + to.minValue());
            if (from.maxValue() != to.maxValue()) what.add("maxvalue " + from.maxValue() + " -> " + to.maxValue());
            if (from.cache() != to.cache()) what.add("cache " + from.cache() + " -> " + to.cache());
            if (from.cycle() != to.cycle()) what.add(to.cycle() ? "cycle" : "no cycle");
            return "Alter sequence " + to.name() + ": " + String.join(", ", what) + ".";
        }
    }

    /** Make a column own a sequence (it is dropped with the column, as a {@code serial}'s is), or end that. */
    record ChangeSequenceOwner(String sequence, String from, String to) implements SchemaChange {
        @Override public SchemaChange inverse() { return new ChangeSequenceOwner(sequence, to, from); }
        public String subject() { return sequence; }
        public String words() {
            return to == null ? "Sequence " + sequence + " no longer owned by " + from + "." : "Sequence " + sequence + " owned by " + to + ".";
        }
    }

    /** Make a column an identity column, change its kind, or make it a plain column again. */
    record ChangeIdentity(String table, String column, Column.Identity from, Column.Identity to) implements SchemaChange {
        @Override public SchemaChange inverse() { return new ChangeIdentity(table, column, to, from); }
        public String subject() { return table; }
        public String words() {
            return to == null ? "Drop identity of " + table + "." + column + "."
                    : (from == null ? "Make " : "Change ") + table + "." + column + " GENERATED " + to.sql() + " AS IDENTITY.";
        }
    }
}
