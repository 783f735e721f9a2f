package io.sark.migrate.changes;

/**
 * A column as a change defines it, in a CREATE TABLE or an ADD COLUMN: for the rules about types (a char(n), a serial, a
 * timestamp without time zone), which read what was written, not what the database made of it.
 *
 * @param table      the table, folded as {@link Fact#table()} is
 * @param name       the column, folded
 * @param definition its type, default and constraints as written
 * @param primaryKey whether it is (part of) the table's primary key
 */
public record DefinedColumn(String table, String name, ColumnDefinition definition, boolean primaryKey) {

    public DefinedColumn {
        table = Fact.foldTable(table);
        name = Fact.fold(name);
    }
}
