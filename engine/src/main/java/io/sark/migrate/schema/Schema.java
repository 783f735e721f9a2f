package io.sark.migrate.schema;

import java.io.Serializable;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables, enum types and sequences of one PostgreSQL schema, by name, and the tables declared TimescaleDB
 * hypertables.
 *
 * @param tables      the tables, by name
 * @param enumTypes   the enum types, by name
 * @param hypertables the hypertable declarations, by table name
 * @param sequences   the sequences (not those of identity columns), by name
 * @param expandTriggers the triggers an expand phase left for its contract phase, by name ({@link ExpandTrigger})
 * @param namespaces  the PostgreSQL schemas besides the home one ({@code public}) that exist, by name: where the
 *                    objects named in them ({@code Identifiers.qualified}) live
 */
public record Schema(SortedMap<String, Table> tables, SortedMap<String, EnumType> enumTypes, SortedMap<String, Hypertable> hypertables,
                     SortedMap<String, Sequence> sequences, SortedMap<String, ExpandTrigger> expandTriggers, SortedSet<String> namespaces) implements Serializable {

    public Schema {
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
        enumTypes = Collections.unmodifiableSortedMap(new TreeMap<>(enumTypes));
        hypertables = Collections.unmodifiableSortedMap(new TreeMap<>(hypertables));
        sequences = Collections.unmodifiableSortedMap(new TreeMap<>(sequences));
        expandTriggers = Collections.unmodifiableSortedMap(new TreeMap<>(expandTriggers));
        namespaces = Collections.unmodifiableSortedSet(new TreeSet<>(namespaces));
    }

    /** A schema of the home schema alone. */
    public Schema(SortedMap<String, Table> tables, SortedMap<String, EnumType> enumTypes, SortedMap<String, Hypertable> hypertables,
                  SortedMap<String, Sequence> sequences, SortedMap<String, ExpandTrigger> expandTriggers) {
        this(tables, enumTypes, hypertables, sequences, expandTriggers, new TreeSet<>());
    }

    /** The same schema, where these other schemas exist. */
    public Schema withNamespaces(Set<String> existing) {
        return new Schema(tables, enumTypes, hypertables, sequences, expandTriggers, new TreeSet<>(existing));
    }

    /** A schema between no expand and contract phases. */
    public Schema(SortedMap<String, Table> tables, SortedMap<String, EnumType> enumTypes, SortedMap<String, Hypertable> hypertables,
                  SortedMap<String, Sequence> sequences) {
        this(tables, enumTypes, hypertables, sequences, new TreeMap<>());
    }

    /** A schema without sequences. */
    public Schema(SortedMap<String, Table> tables, SortedMap<String, EnumType> enumTypes, SortedMap<String, Hypertable> hypertables) {
        this(tables, enumTypes, hypertables, new TreeMap<>());
    }

    /** A schema without hypertables or sequences. */
    public Schema(SortedMap<String, Table> tables, SortedMap<String, EnumType> enumTypes) {
        this(tables, enumTypes, new TreeMap<>());
    }

    public static Schema empty() {
        return new Schema(new TreeMap<>(), new TreeMap<>());
    }

    /** The same schema with these hypertable declarations. */
    public Schema withHypertables(SortedMap<String, Hypertable> declared) {
        return new Schema(tables, enumTypes, declared, sequences, expandTriggers, namespaces);
    }

    /** The same schema with these tables. */
    public Schema withTables(SortedMap<String, Table> replaced) {
        return new Schema(replaced, enumTypes, hypertables, sequences, expandTriggers, namespaces);
    }

    /**
     * The same schema with only these tables, enum types and sequences (and the sequences the kept tables' columns
     * own).
     */
    public Schema restrictedTo(Set<String> keptTables, Set<String> keptTypes, Set<String> keptSequences) {
        SortedMap<String, Table> t = new TreeMap<>(tables);
        t.keySet().retainAll(keptTables);
        SortedMap<String, EnumType> e = new TreeMap<>(enumTypes);
        e.keySet().retainAll(keptTypes);
        SortedMap<String, Sequence> s = new TreeMap<>(sequences);
        s.values().removeIf(q -> !keptSequences.contains(q.name()) && (q.ownedBy() == null || !keptTables.contains(q.ownerTable())));
        SortedMap<String, ExpandTrigger> x = new TreeMap<>(expandTriggers);
        x.values().removeIf(trigger -> !keptTables.contains(trigger.table()));
        return new Schema(t, e, hypertables, s, x, namespaces);
    }

    public boolean isEmpty() {
        return tables.isEmpty() && enumTypes.isEmpty() && sequences.isEmpty() && expandTriggers.isEmpty();
    }
}
