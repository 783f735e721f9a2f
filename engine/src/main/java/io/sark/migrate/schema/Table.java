package io.sark.migrate.schema;

import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A table and what belongs to it.
 *
 * @param name              its name
 * @param columns           its columns, in their order
 * @param primaryKey        its primary key, or null
 * @param uniqueConstraints its UNIQUE constraints, by name
 * @param indexes           its indexes (unique or not) that are not there for a constraint, by name
 * @param foreignKeys       its foreign keys, by name
 * @param comment           its comment, or null
 * @param checks            its CHECK constraints, by name
 */
public record Table(String name, List<Column> columns, PrimaryKey primaryKey,
                    SortedMap<String, UniqueConstraint> uniqueConstraints, SortedMap<String, Index> indexes,
                    SortedMap<String, ForeignKey> foreignKeys, String comment, SortedMap<String, CheckConstraint> checks) implements Serializable {

    public Table {
        columns = List.copyOf(columns);
        uniqueConstraints = Collections.unmodifiableSortedMap(new TreeMap<>(uniqueConstraints));
        indexes = Collections.unmodifiableSortedMap(new TreeMap<>(indexes));
        foreignKeys = Collections.unmodifiableSortedMap(new TreeMap<>(foreignKeys));
        checks = Collections.unmodifiableSortedMap(new TreeMap<>(checks));
    }

    /** A table without check constraints. */
    public Table(String name, List<Column> columns, PrimaryKey primaryKey, SortedMap<String, UniqueConstraint> uniqueConstraints,
                 SortedMap<String, Index> indexes, SortedMap<String, ForeignKey> foreignKeys, String comment) {
        this(name, columns, primaryKey, uniqueConstraints, indexes, foreignKeys, comment, new TreeMap<>());
    }

    /** The same table under another name. */
    public Table withName(String newName) {
        return new Table(newName, columns, primaryKey, uniqueConstraints, indexes, foreignKeys, comment, checks);
    }

    /** The same table with these columns and primary key. */
    public Table withColumns(List<Column> newColumns, PrimaryKey newPrimaryKey) {
        return new Table(name, newColumns, newPrimaryKey, uniqueConstraints, indexes, foreignKeys, comment, checks);
    }

    /** The same table with these UNIQUE constraints and indexes. */
    public Table withUniquesAndIndexes(SortedMap<String, UniqueConstraint> newUniques, SortedMap<String, Index> newIndexes) {
        return new Table(name, columns, primaryKey, newUniques, newIndexes, foreignKeys, comment, checks);
    }

    /** The same table with these indexes and checks. */
    public Table withIndexesAndChecks(SortedMap<String, Index> newIndexes, SortedMap<String, CheckConstraint> newChecks) {
        return new Table(name, columns, primaryKey, uniqueConstraints, newIndexes, foreignKeys, comment, newChecks);
    }

    /** The same table with these foreign keys. */
    public Table withForeignKeys(SortedMap<String, ForeignKey> newForeignKeys) {
        return new Table(name, columns, primaryKey, uniqueConstraints, indexes, newForeignKeys, comment, checks);
    }

    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
