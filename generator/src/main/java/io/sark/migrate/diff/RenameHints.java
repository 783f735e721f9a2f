package io.sark.migrate.diff;

import io.sark.migrate.schema.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops and adds that look like renames: the generator never guesses a rename, it says how to declare one, and what
 * is lost otherwise.
 */
public final class RenameHints {

    private RenameHints() {
    }

    /**
     * Drops and adds that look like renames (a column dropped and one of the same type added in the same table; a
     * table dropped and one with the same columns created): the generator never guesses a rename, it says how to
     * declare one.
     */
    public static List<String> of(List<SchemaChange> changes) {
        List<String> hints = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.DropColumn drop) {
                for (SchemaChange other : changes) {
                    if (other instanceof SchemaChange.AddColumn add && add.table().equals(drop.table()) && add.column().type().equals(drop.column().type())) {
                        hints.add("Column " + drop.table() + "." + drop.column().name() + " is dropped and " + add.column().name()
                                + " (" + add.column().type() + ") added: if it is a rename, declare @RenamedFrom(\"" + drop.column().name()
                                + "\") on the field, or the data in " + drop.column().name() + " is lost.");
                    }
                }
            }
            if (change instanceof SchemaChange.DropSequence drop) {
                for (SchemaChange other : changes) {
                    if (other instanceof SchemaChange.CreateSequence create) {
                        hints.add("Sequence " + drop.sequence().name() + " is dropped and " + create.sequence().name() + " created, starting at "
                                + create.sequence().start() + ": if the new one numbers the same table, its first ids repeat ones already"
                                + " there. Keep the sequence name in @SequenceGenerator, or add to the revision by hand: ALTER SEQUENCE "
                                + drop.sequence().name() + " RENAME TO " + create.sequence().name() + ".");
                    }
                }
            }
            if (change instanceof SchemaChange.DropTable drop) {
                for (SchemaChange other : changes) {
                    if (other instanceof SchemaChange.CreateTable create && sameColumns(create.table(), drop.table())) {
                        hints.add("Table " + drop.table().name() + " is dropped and " + create.table().name() + " created with the same"
                                + " columns: if it is a rename, declare @RenamedFrom(\"" + drop.table().name() + "\") on the entity,"
                                + " or the data in " + drop.table().name() + " is lost.");
                    }
                }
            }
        }
        return hints;
    }

    private static boolean sameColumns(Table a, Table b) {
        return a.columns().stream().map(c -> c.name() + " " + c.type()).toList()
                .equals(b.columns().stream().map(c -> c.name() + " " + c.type()).toList());
    }
}
