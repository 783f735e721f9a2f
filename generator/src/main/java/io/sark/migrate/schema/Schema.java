package io.sark.migrate.schema;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tables and enum types of one PostgreSQL schema, by name.
 *
 * @param tables    the tables, by name
 * @param enumTypes the enum types, by name
 */
public record Schema(SortedMap<String, Table> tables, SortedMap<String, EnumType> enumTypes) {

    public Schema {
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
        enumTypes = Collections.unmodifiableSortedMap(new TreeMap<>(enumTypes));
    }

    public static Schema empty() {
        return new Schema(new TreeMap<>(), new TreeMap<>());
    }

    public boolean isEmpty() {
        return tables.isEmpty() && enumTypes.isEmpty();
    }
}
