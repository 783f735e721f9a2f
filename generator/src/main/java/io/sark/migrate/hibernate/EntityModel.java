package io.sark.migrate.hibernate;

import io.sark.migrate.model.annotations.PgIndex;
import io.sark.migrate.model.annotations.RenamedFrom;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.EnumType;
import io.sark.migrate.schema.Hypertable;
import io.sark.migrate.schema.Identifiers;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Renames;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The entities as Hibernate maps them, with the application's settings: the DDL Hibernate's own schema tool writes
 * for PostgreSQL ({@link #ddl()}), which is the desired schema by construction, whatever mapping the entities use,
 * and what sark-migrate's own annotations add to it ({@link #arrange}).
 *
 * <p>What is layered on Hibernate's schema, and why:
 * <ul>
 *   <li>{@link PgIndex} indexes (what JPA cannot say: expressions, predicates, methods), created after Hibernate's
 *       DDL so that PostgreSQL prints them;</li>
 *   <li>{@code @Table(indexes = @Index(unique = true))} stays a unique index, where Hibernate makes it a UNIQUE
 *       constraint (SARK's schema has both, on the same columns);</li>
 *   <li>columns in the order the entity declares them, and a composite key in the order its id class declares its
 *       fields (Hibernate sorts both by name): what a reviewer reads, and the order the key's index serves;</li>
 *   <li>an enum type's labels in the Java enum's order (Hibernate sorts them by name), which is the order PostgreSQL
 *       compares them in;</li>
 *   <li>{@code @Hypertable} and {@code @RenamedFrom}, which are not schema objects.</li>
 * </ul>
 */
public final class EntityModel implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> ddl;
    private final Renames renames;
    private final SortedMap<String, Hypertable> hypertables;
    private final Map<String, List<String>> columnOrder;
    private final Map<String, List<String>> keyOrder;
    private final Map<String, Map<String, List<String>>> uniqueIndexes;
    private final Map<String, List<String>> enumLabels;
    private final Set<String> tables;
    private final List<String> warnings;
    private final SortedSet<String> schemas;

    /** Made by the {@link MappingReader} that read the entities; the fields are described at their accessors. */
    public EntityModel(List<String> ddl, Renames renames, SortedMap<String, Hypertable> hypertables, Map<String, List<String>> columnOrder,
                        Map<String, List<String>> keyOrder, Map<String, Map<String, List<String>>> uniqueIndexes, Map<String, List<String>> enumLabels,
                        Set<String> tables, List<String> warnings, SortedSet<String> schemas) {
        this.warnings = List.copyOf(warnings);
        this.schemas = Collections.unmodifiableSortedSet(new TreeSet<>(schemas));
        this.ddl = List.copyOf(ddl);
        this.renames = renames;
        this.hypertables = hypertables;
        this.columnOrder = columnOrder;
        this.keyOrder = keyOrder;
        this.uniqueIndexes = uniqueIndexes;
        this.enumLabels = enumLabels;
        this.tables = Set.copyOf(tables);
    }

    /** Reads the entities with Hibernate's defaults. */
    public static EntityModel read(List<Class<?>> entities) {
        return read(entities, HibernateSettings.none());
    }

    /**
     * Refuses, quickly and before any entity is read, the settings {@link #read} would refuse: a default schema other
     * than {@code public}, an implicit naming strategy that cannot be loaded.
     */
    public static void checkSettings(List<Class<?>> entities, HibernateSettings settings) {
        MappingReader.of(entities).checkSettings(settings);
    }

    /**
     * Reads the entities as the application's Hibernate would, with its settings: the Hibernate of the class loader the
     * entities come from when it is the application's ({@link ApplicationHibernate}), sark-migrate's own otherwise.
     */
    public static EntityModel read(List<Class<?>> entities, HibernateSettings settings) {
        return MappingReader.of(entities).read(entities, settings);
    }

    /**
     * What the entities map that works, but not as a reader would guess: names PostgreSQL shortens (Hibernate's
     * validate then misses them), and {@code @Lob} attributes that became {@code oid} large objects.
     */
    public List<String> warnings() {
        return warnings;
    }

    /** Hibernate's CREATE statements for the entities on PostgreSQL, then the {@link PgIndex} indexes. */
    public List<String> ddl() {
        return ddl;
    }

    /** The renames {@code @RenamedFrom} declares. */
    public Renames renames() {
        return renames;
    }

    /** The hypertables {@code @Hypertable} declares, by table. */
    public SortedMap<String, Hypertable> hypertables() {
        return hypertables;
    }

    /** The schemas besides {@code public} the entities map tables or sequences into, as PostgreSQL names them. */
    public SortedSet<String> schemas() {
        return schemas;
    }

    /**
     * The schemas besides {@code public} a comparison reads: those the entities map into, and those a table is declared
     * moved from ({@code @RenamedFrom("reporting.sales")}). Others are left alone.
     */
    public SortedSet<String> comparedSchemas() {
        SortedSet<String> compared = new TreeSet<>(schemas);
        renames.tables().values().stream().map(Identifiers::schemaOf).filter(Objects::nonNull).forEach(compared::add);
        return compared;
    }

    /** The tables the entities map (entity, join, collection and secondary tables), as PostgreSQL names them. */
    public Set<String> tables() {
        return tables;
    }

    /** Hibernate's schema, read back from PostgreSQL, with sark-migrate's own declarations laid over it. */
    public Schema arrange(Schema built) {
        SortedMap<String, Table> arranged = new TreeMap<>();
        for (Table table : built.tables().values()) {
            arranged.put(table.name(), arrange(table));
        }
        Set<String> usedTypes = arranged.values().stream().flatMap(t -> t.columns().stream()).map(c -> c.type().replace("[]", ""))
                .collect(Collectors.toSet());
        SortedMap<String, EnumType> enums = new TreeMap<>();
        for (EnumType type : built.enumTypes().values()) {
            if (!usedTypes.contains(type.name())) {
                continue; // made by Hibernate for a Java enum whose columns name another type
            }
            List<String> declared = enumLabels.get(type.name());
            enums.put(type.name(), declared != null && new HashSet<>(declared).equals(new HashSet<>(type.labels()))
                    ? new EnumType(type.name(), declared) : type);
        }
        return new Schema(arranged, enums, hypertables, built.sequences()).withNamespaces(built.namespaces());
    }

    private Table arrange(Table table) {
        List<String> order = columnOrder.getOrDefault(table.name(), List.of());
        List<Column> columns = new ArrayList<>(table.columns());
        columns.sort(Comparator.comparingInt(c -> order.indexOf(c.name()) < 0 ? Integer.MAX_VALUE : order.indexOf(c.name())));
        PrimaryKey key = table.primaryKey();
        List<String> declaredKey = keyOrder.get(table.name());
        if (key != null && declaredKey != null && new HashSet<>(declaredKey).equals(new HashSet<>(key.columns()))) {
            key = new PrimaryKey(key.name(), declaredKey);
        }
        SortedMap<String, UniqueConstraint> uniques = new TreeMap<>(table.uniqueConstraints());
        SortedMap<String, Index> indexes = new TreeMap<>(table.indexes());
        // PostgreSQL keeps one of two equal UNIQUE constraints in a CREATE TABLE, so the declared one may be gone.
        uniqueIndexes.getOrDefault(table.name(), Map.of()).forEach((name, keyColumns) -> {
            uniques.remove(name);
            indexes.put(name, new Index(name, keyColumns, true));
        });
        return table.withColumns(columns, key).withUniquesAndIndexes(uniques, indexes);
    }
}
