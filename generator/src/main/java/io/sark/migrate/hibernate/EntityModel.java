package io.sark.migrate.hibernate;

import io.sark.migrate.diagnostics.Timings;
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
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.registry.selector.spi.StrategySelectionException;
import org.hibernate.boot.registry.selector.spi.StrategySelector;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.PostgreSQLDialect;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
public final class EntityModel {

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

    private EntityModel(List<String> ddl, Renames renames, SortedMap<String, Hypertable> hypertables, Map<String, List<String>> columnOrder,
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
    public static void checkSettings(HibernateSettings settings) {
        refuseOtherSchema(settings);
        String naming = settings.properties().get(AvailableSettings.IMPLICIT_NAMING_STRATEGY);
        if (naming == null || naming.isBlank() || HibernateSettings.SPRING_IMPLICIT_DEFAULT.equals(naming)) {
            return;
        }
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName())
                .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false").build();
        try {
            implicitNaming(registry, settings);
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    private static void refuseOtherSchema(HibernateSettings settings) {
        String defaultSchema = settings.properties().get(AvailableSettings.DEFAULT_SCHEMA);
        if (defaultSchema != null && !defaultSchema.isBlank()) {
            EntityDeclarations.refuseUnusableSchema(defaultSchema.strip().toLowerCase(Locale.ROOT), AvailableSettings.DEFAULT_SCHEMA);
        }
    }

    /** Reads the entities as the application's Hibernate would, with its settings. */
    public static EntityModel read(List<Class<?>> entities, HibernateSettings settings) {
        Map<String, Object> applied = settings.asMap();
        applied.keySet().removeIf(key -> key.startsWith("hibernate.connection") || key.startsWith("jakarta.persistence.jdbc")
                || key.startsWith("javax.persistence.jdbc") || key.startsWith("hibernate.hbm2ddl") || key.startsWith("jakarta.persistence.schema-generation"));
        refuseOtherSchema(settings);
        applied.remove(AvailableSettings.IMPLICIT_NAMING_STRATEGY); // resolved below, where Spring Boot's has a stand-in
        // Spring Boot 4's physical naming is Hibernate 7's, which 6.6 lacks: its stand-in names as it does.
        if (SnakeCaseNaming.HIBERNATE_7.equals(applied.get(AvailableSettings.PHYSICAL_NAMING_STRATEGY)) && !onClassPath(SnakeCaseNaming.HIBERNATE_7)) {
            applied.put(AvailableSettings.PHYSICAL_NAMING_STRATEGY, SnakeCaseNaming.class.getName());
        }
        applied.put(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName());
        applied.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        applied.put(AvailableSettings.HBM2DDL_AUTO, "none");
        applied.put(AvailableSettings.HBM2DDL_CREATE_NAMESPACES, "false");
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(applied).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            MetadataBuilder builder;
            try {
                builder = sources.getMetadataBuilder().applyImplicitNamingStrategy(new PostgresConstraintNames(implicitNaming(registry, settings)));
            } catch (StrategySelectionException e) {
                // a naming strategy (hibernate.physical_naming_strategy) that cannot be loaded: the settings' mistake
                throw new HibernateSettings.SettingsException(oneLine(e) + ": put the class on --classpath, or leave the setting out.", e);
            }
            Metadata metadata;
            try (var t = Timings.phase("Hibernate reads the mappings")) {
                metadata = builder.build();
            } catch (RuntimeException e) {
                throw new EntityMappingException("Hibernate cannot read the entities: " + oneLine(e), e);
            }
            // hibernate.default_schema places every table no mapping places: said on each, so that it is named as any other.
            String defaultSchema = settings.properties().get(AvailableSettings.DEFAULT_SCHEMA);
            boolean placed = false;
            if (defaultSchema != null && !defaultSchema.isBlank()) {
                for (org.hibernate.mapping.Table table : metadata.collectTableMappings()) {
                    if (table.getSchema() == null) {
                        table.setSchema(defaultSchema.strip());
                        placed = true;
                    }
                }
            }
            SortedSet<String> schemas = EntityDeclarations.otherSchemas(metadata, entities);
            if (placed) {
                String folded = EntityDeclarations.schemaName(Identifier.toIdentifier(defaultSchema.strip()));
                if (folded != null) {
                    schemas.add(folded);
                }
            }
            List<String> ddl = new ArrayList<>();
            ddl.addAll(EntityDeclarations.missingEnumTypes(metadata));
            try (var t = Timings.phase("Hibernate writes their DDL")) {
                ddl.addAll(HibernateDdl.create(metadata, registry));
            } catch (RuntimeException e) {
                throw new EntityMappingException("Hibernate cannot write the schema of the entities: " + oneLine(e), e);
            }
            try (var t = Timings.phase("what the mappings declare besides")) {
            ddl.addAll(EntityDeclarations.pgIndexes(metadata, entities));
            Map<String, List<String>> keyOrder = EntityDeclarations.compositeKeyOrder(metadata);
            return new EntityModel(ddl, EntityDeclarations.renames(metadata, entities), EntityDeclarations.hypertables(metadata, entities),
                    EntityDeclarations.declaredColumnOrder(metadata, keyOrder), keyOrder, EntityDeclarations.uniqueIndexNames(metadata, entities),
                    EntityDeclarations.enumLabels(metadata), EntityDeclarations.tableNames(metadata), EntityDeclarations.warnings(metadata), schemas);
            }
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
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

    /** The application's implicit naming strategy, as Hibernate would resolve it; Spring Boot's without Spring Boot. */
    private static ImplicitNamingStrategy implicitNaming(StandardServiceRegistry registry, HibernateSettings settings) {
        String setting = settings.properties().get(AvailableSettings.IMPLICIT_NAMING_STRATEGY);
        if (HibernateSettings.SPRING_IMPLICIT_DEFAULT.equals(setting) && !onClassPath(setting)) {
            return new SpringBootImplicitNaming();
        }
        try {
            return registry.getService(StrategySelector.class)
                    .resolveDefaultableStrategy(ImplicitNamingStrategy.class, setting, ImplicitNamingStrategyJpaCompliantImpl.INSTANCE);
        } catch (RuntimeException e) {
            throw new HibernateSettings.SettingsException(AvailableSettings.IMPLICIT_NAMING_STRATEGY + "=" + setting + " cannot be loaded: "
                    + oneLine(e) + ". Put the class on sark-migrate's class path, or leave the setting out.", e);
        }
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, EntityModel.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        return message.lines().findFirst().orElse(message);
    }
}
