package io.sark.migrate.changes;

import io.sark.migrate.schema.Identifiers;

import java.util.List;
import java.util.Set;

/**
 * One thing a change does: an operation on a table (or on a type, a sequence, a setting), with the object it names.
 * Names are as PostgreSQL folds them (unquoted lower-cased, quotes removed, {@code public.} dropped).
 *
 * @param operation what it does, and so the lock it takes
 * @param table     the table it works on, or null (a type, a setting, an index dropped by name)
 * @param name      the column, index, constraint, type, setting or function it names, or null
 * @param detail    what else it says, in words: the new type or name, the referenced table, a setting's or option's
 *                  value, a key's columns as a reader sees them
 * @param flags     how it does it
 * @param column    for ADD COLUMN, the column's definition; null otherwise
 * @param columns   for a key or an index (ADD PRIMARY KEY, ADD UNIQUE, CREATE INDEX, a CREATE TABLE's primary key), the
 *                  columns it names, each whole and folded (a quoted name may hold a comma); empty otherwise, and for an
 *                  index on expressions only
 */
public record Fact(Operation operation, String table, String name, String detail, Set<Flag> flags, ColumnDefinition column,
                   List<String> columns) {

    public enum Flag {
        /** CREATE UNIQUE INDEX. */
        UNIQUE,
        /** A primary key or unique constraint made of an index built before (ADD … USING INDEX): nothing is built under its lock. */
        USING_INDEX,
        /** A constraint added NOT VALID (checked later by VALIDATE CONSTRAINT). */
        NOT_VALID,
        /** SET LOCAL, or set_config(…, true): for the transaction only. */
        LOCAL,
        /** A conversion (or another statement) that checks at run time whether it may run, and skips with a notice. */
        GUARDED,
        /** A conversion to a hypertable that moves the table's rows into chunks ({@code migrate_data => TRUE}). */
        COPIES_ROWS,
        /** A conversion that copies a table with rows into a new hypertable beside it in batches, writes going on, and swaps them. */
        COPIES_BESIDE
    }

    /** The fact with its names as given: already folded (as a kept fact's are); the factories below fold them. */
    public Fact {
        flags = Set.copyOf(flags);
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    /** A fact on {@code table} naming {@code name}, both as written in SQL or a change (folded here). */
    public Fact(Operation operation, String table, String name, String detail, Set<Flag> flags) {
        this(operation, foldTable(table), fold(name), detail, flags, null, List.of());
    }

    /**
     * A key or index on {@code table} over {@code columns} (named as the catalog holds them, or as a Liquibase change
     * gives them), which its detail also lists for a reader; no columns (an index on expressions only) leave both empty.
     */
    public static Fact keyed(Operation operation, String table, String name, List<String> columns, Flag... flags) {
        List<String> named = columns == null ? List.of() : columns;
        return new Fact(operation, foldTable(table), fold(name), named.isEmpty() ? null : String.join(", ", named), Set.of(flags), null, named);
    }

    /** The same fact, done as {@code with} says. */
    public Fact withFlags(Set<Flag> with) {
        return new Fact(operation, table, name, detail, with, column, columns);
    }

    /** A column added to {@code table}, as defined. */
    public static Fact addColumn(String table, String name, ColumnDefinition definition) {
        return new Fact(Operation.ADD_COLUMN, foldTable(table), fold(name), null, Set.of(), definition, List.of());
    }

    public static Fact of(Operation operation, String table, String name) {
        return new Fact(operation, table, name, null, Set.of());
    }

    public static Fact of(Operation operation, String table, String name, String detail, Flag... flags) {
        return new Fact(operation, table, name, detail, Set.of(flags));
    }

    /** In words, for messages: "adds column widgets.note", "adds foreign key fk_owner on widgets", "drops table widgets". */
    public String describe() {
        String object = switch (operation) {
            case ADD_COLUMN, DROP_COLUMN, RENAME_COLUMN, ALTER_COLUMN_TYPE, SET_NOT_NULL, DROP_NOT_NULL, SET_DEFAULT, DROP_DEFAULT,
                 ALTER_IDENTITY -> name == null ? table : table + "." + name;
            case ADD_PRIMARY_KEY, ADD_UNIQUE, ADD_CHECK, ADD_FOREIGN_KEY, VALIDATE_CONSTRAINT, DROP_CONSTRAINT, RENAME_CONSTRAINT,
                 CREATE_INDEX, CREATE_INDEX_CONCURRENTLY -> (name == null ? "" : name + " on ") + table;
            default -> table != null ? table : name;
        };
        return Identifiers.display(object == null ? operation.verb() : operation.verb() + " " + object);
    }

    public LockLevel lock() {
        return operation == Operation.LOCK_TABLE && detail != null ? LockLevel.valueOf(detail) : operation.lock();
    }

    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /**
     * A table as the model names it: as the catalog holds it, bare in {@code public}, qualified in another schema
     * ({@code reporting.sales} → {@link Identifiers#qualified}), so that a guard counts its rows where they are.
     */
    public static String foldTable(String name) {
        if (name == null || name.isBlank() || name.indexOf(Identifiers.QUALIFIER) >= 0) {
            return fold(name);
        }
        List<String> parts = Identifiers.parts(name.strip());
        if (parts.size() == 2) {
            return parts.get(0).equals("public") ? parts.get(1) : Identifiers.qualified(parts.get(0), parts.get(1));
        }
        return fold(name);
    }

    /** A name as the catalog holds it ({@link Identifiers#fromSql}), without {@code public.}: sark-migrate manages that schema. */
    public static String fold(String name) {
        String folded = name == null || name.isBlank() ? null : Identifiers.fromSql(name.strip());
        return folded != null && folded.startsWith("public.") ? folded.substring("public.".length()) : folded;
    }
}
