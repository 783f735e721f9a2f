package io.sark.migrate.schema;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The tables and enum types of one PostgreSQL schema, by name, and the tables declared TimescaleDB hypertables.
 *
 * @param tables      the tables, by name
 * @param enumTypes   the enum types, by name
 * @param hypertables the hypertable declarations, by table name
 */
public record Schema(SortedMap<String, Table> tables, SortedMap<String, EnumType> enumTypes, SortedMap<String, Hypertable> hypertables) {

    public Schema {
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
        enumTypes = Collections.unmodifiableSortedMap(new TreeMap<>(enumTypes));
        hypertables = Collections.unmodifiableSortedMap(new TreeMap<>(hypertables));
    }

    /** A schema without hypertables. */
    public Schema(SortedMap<String, Table> tables, SortedMap<String, EnumType> enumTypes) {
        this(tables, enumTypes, new TreeMap<>());
    }

    public static Schema empty() {
        return new Schema(new TreeMap<>(), new TreeMap<>());
    }

    /** The same schema with these hypertable declarations. */
    public Schema withHypertables(SortedMap<String, Hypertable> declared) {
        return new Schema(tables, enumTypes, declared);
    }

    /** The same schema with only these tables and enum types. */
    public Schema restrictedTo(java.util.Set<String> keptTables, java.util.Set<String> keptTypes) {
        SortedMap<String, Table> t = new TreeMap<>(tables);
        t.keySet().retainAll(keptTables);
        SortedMap<String, EnumType> e = new TreeMap<>(enumTypes);
        e.keySet().retainAll(keptTypes);
        return new Schema(t, e, hypertables);
    }

    public boolean isEmpty() {
        return tables.isEmpty() && enumTypes.isEmpty();
    }
}
