package io.sark.migrate.hibernate;

import io.sark.migrate.model.annotations.PgIndex;
import io.sark.migrate.model.annotations.RenamedFrom;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.EnumType;
import io.sark.migrate.schema.Hypertable;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Renames;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.Sequence;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.registry.selector.spi.StrategySelector;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
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

    private EntityModel(List<String> ddl, Renames renames, SortedMap<String, Hypertable> hypertables, Map<String, List<String>> columnOrder,
                        Map<String, List<String>> keyOrder, Map<String, Map<String, List<String>>> uniqueIndexes, Map<String, List<String>> enumLabels,
                        Set<String> tables, List<String> warnings) {
        this.warnings = List.copyOf(warnings);
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

    /** Reads the entities as the application's Hibernate would, with its settings. */
    public static EntityModel read(List<Class<?>> entities, HibernateSettings settings) {
        Map<String, Object> applied = settings.asMap();
        applied.keySet().removeIf(key -> key.startsWith("hibernate.connection") || key.startsWith("jakarta.persistence.jdbc")
                || key.startsWith("javax.persistence.jdbc") || key.startsWith("hibernate.hbm2ddl") || key.startsWith("jakarta.persistence.schema-generation"));
        String defaultSchema = settings.properties().get(AvailableSettings.DEFAULT_SCHEMA);
        if (defaultSchema != null && !defaultSchema.isBlank() && !defaultSchema.strip().equalsIgnoreCase("public")) {
            throw new EntityMappingException(AvailableSettings.DEFAULT_SCHEMA + "=" + defaultSchema.strip() + " maps every entity into schema "
                    + defaultSchema.strip() + ", and sark-migrate manages schema public only: leave the setting out.");
        }
        applied.remove(AvailableSettings.IMPLICIT_NAMING_STRATEGY); // resolved below, where Spring Boot's has a stand-in
        applied.put(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName());
        applied.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        applied.put(AvailableSettings.HBM2DDL_AUTO, "none");
        applied.put(AvailableSettings.HBM2DDL_CREATE_NAMESPACES, "false");
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder().applySettings(applied).build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            MetadataBuilder builder = sources.getMetadataBuilder()
                    .applyImplicitNamingStrategy(new PostgresConstraintNames(implicitNaming(registry, settings)));
            Metadata metadata;
            try {
                metadata = builder.build();
            } catch (RuntimeException e) {
                throw new EntityMappingException("Hibernate cannot read the entities: " + oneLine(e), e);
            }
            refuseOtherSchemas(metadata);
            List<String> ddl = new ArrayList<>();
            ddl.addAll(missingEnumTypes(metadata));
            try {
                ddl.addAll(HibernateDdl.create(metadata, registry));
            } catch (RuntimeException e) {
                throw new EntityMappingException("Hibernate cannot write the schema of the entities: " + oneLine(e), e);
            }
            ddl.addAll(pgIndexes(metadata, entities));
            Map<String, List<String>> keyOrder = compositeKeyOrder(metadata);
            return new EntityModel(ddl, renames(metadata, entities), hypertables(metadata, entities), declaredColumnOrder(metadata, keyOrder),
                    keyOrder, uniqueIndexNames(metadata, entities), enumLabels(metadata), tableNames(metadata), warnings(metadata));
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
        return new Schema(arranged, enums, hypertables, built.sequences());
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

    /**
     * sark-migrate manages one PostgreSQL schema, {@code public}: an entity, collection table or sequence mapped into
     * another is refused, naming it, rather than silently created in {@code public}.
     */
    private static void refuseOtherSchemas(Metadata metadata) {
        for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
            String schema = namespace.getPhysicalName().getSchema() == null ? null : namespace.getPhysicalName().getSchema().getText();
            if (schema == null || schema.equalsIgnoreCase("public")) {
                continue;
            }
            List<String> objects = new ArrayList<>();
            for (org.hibernate.mapping.Table table : namespace.getTables()) {
                objects.add("table " + table.getName() + ownerOf(metadata, table));
            }
            for (Sequence sequence : namespace.getSequences()) {
                objects.add("sequence " + sequence.getName().getSequenceName().getText());
            }
            if (!objects.isEmpty()) {
                throw new EntityMappingException("The entities map " + String.join(", ", objects) + " into schema " + schema
                        + ", and sark-migrate manages schema public only: remove schema = \"" + schema + "\" (from @Table, @SequenceGenerator,"
                        + " @JoinTable or hibernate.default_schema), or leave the entity out of --entities.");
            }
        }
    }

    private static String ownerOf(Metadata metadata, org.hibernate.mapping.Table table) {
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (entity.getTable() == table) {
                return " (entity " + entity.getEntityName().replaceFirst("^.*\\.", "") + ")";
            }
        }
        return "";
    }

    /**
     * An enum column whose {@code columnDefinition} names a PostgreSQL enum type Hibernate does not create (it names
     * its types after the Java enum): the type is created first, with the Java enum's constants.
     */
    private static List<String> missingEnumTypes(Metadata metadata) {
        Set<String> created = new HashSet<>();
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            for (Property property : properties(entity)) {
                forEachEnumColumn(property, metadata, (column, javaType) -> {
                    created.add(javaType.getSimpleName().toLowerCase(Locale.ROOT));
                    String type = column.getSqlType(metadata).strip();
                    if (column.getSqlType() != null && type.matches("[A-Za-z_][A-Za-z0-9_]*") && namedEnum(column, metadata)) {
                        wanted.putIfAbsent(type.toLowerCase(Locale.ROOT), constants(javaType));
                    }
                });
            }
        }
        List<String> statements = new ArrayList<>();
        wanted.forEach((type, labels) -> {
            if (!created.contains(type)) {
                statements.add("create type " + type + " as enum (" + labels.stream().map(l -> "'" + l.replace("'", "''") + "'")
                        .collect(Collectors.joining(", ")) + ")");
            }
        });
        return statements;
    }

    private static boolean namedEnum(org.hibernate.mapping.Column column, Metadata metadata) {
        try {
            int code = column.getSqlTypeCode(metadata);
            return code == org.hibernate.type.SqlTypes.NAMED_ENUM || code == org.hibernate.type.SqlTypes.ENUM;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The Java enum's constants by the PostgreSQL type its columns use, for the label order. */
    private static Map<String, List<String>> enumLabels(Metadata metadata) {
        Map<String, List<String>> labels = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            for (Property property : properties(entity)) {
                forEachEnumColumn(property, metadata, (column, javaType) -> {
                    String type = column.getSqlType(metadata).strip().toLowerCase(Locale.ROOT);
                    List<String> constants = constants(javaType);
                    List<String> earlier = labels.putIfAbsent(type, constants);
                    if (earlier != null && !earlier.equals(constants) && new HashSet<>(earlier).equals(new HashSet<>(constants))) {
                        throw new EntityMappingException("Enum type " + type + " is mapped from Java enums whose constants are in different orders: "
                                + earlier + " and " + constants + ". Map one Java enum per PostgreSQL type.");
                    }
                });
            }
        }
        return labels;
    }

    private interface EnumColumnVisitor {
        void visit(org.hibernate.mapping.Column column, Class<?> javaType);
    }

    private static void forEachEnumColumn(Property property, Metadata metadata, EnumColumnVisitor visitor) {
        Value value = property.getValue();
        if (value instanceof Component component) {
            component.getProperties().forEach(p -> forEachEnumColumn(p, metadata, visitor));
            return;
        }
        if (value instanceof org.hibernate.mapping.Collection) {
            return;
        }
        Class<?> javaType;
        try {
            javaType = property.getType().getReturnedClass();
        } catch (RuntimeException e) {
            return;
        }
        if (javaType == null || !javaType.isEnum()) {
            return;
        }
        for (Selectable selectable : value.getSelectables()) {
            if (selectable instanceof org.hibernate.mapping.Column column) {
                visitor.visit(column, javaType);
            }
        }
    }

    private static List<String> constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }

    private static List<Property> properties(PersistentClass entity) {
        List<Property> properties = new ArrayList<>(entity.getPropertyClosure());
        if (entity.getIdentifierProperty() != null) {
            properties.add(entity.getIdentifierProperty());
        }
        return properties;
    }

    private static List<String> warnings(Metadata metadata) {
        List<String> warnings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (org.hibernate.mapping.Table table : metadata.collectTableMappings()) {
            if (!table.isPhysicalTable()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            names.add(table.getName());
            table.getColumns().forEach(c -> names.add(c.getName()));
            table.getIndexes().values().forEach(i -> names.add(i.getName()));
            table.getUniqueKeys().values().forEach(u -> names.add(u.getName()));
            table.getForeignKeys().values().forEach(f -> names.add(f.getName()));
            for (String name : names) {
                if (name != null && io.sark.migrate.postgres.Identifiers.tooLong(name) && seen.add(name)) {
                    warnings.add("PostgreSQL keeps the first 63 bytes of " + name + " (in table " + table.getName() + "): it is "
                            + io.sark.migrate.postgres.Identifiers.truncate(name) + " in the database, and Hibernate's validate, which"
                            + " looks for the whole name, will not find it. Shorten it in the entity.");
                }
            }
            for (org.hibernate.mapping.Column column : table.getColumns()) {
                String type;
                try {
                    type = column.getSqlType(metadata);
                } catch (RuntimeException e) {
                    continue;
                }
                if ("oid".equalsIgnoreCase(type.strip())) {
                    warnings.add("Column " + table.getName() + "." + column.getName() + " (@Lob) is an oid: a large object that is not deleted"
                            + " with its row. For text map it as text (@JdbcTypeCode(SqlTypes.LONG32VARCHAR)); for bytes as bytea"
                            + " (@JdbcTypeCode(SqlTypes.VARBINARY)).");
                }
            }
        }
        return warnings;
    }

    private static Set<String> tableNames(Metadata metadata) {
        Set<String> names = new HashSet<>();
        for (org.hibernate.mapping.Table table : metadata.collectTableMappings()) {
            if (table.isPhysicalTable()) {
                names.add(fold(table.getName(), table.isQuoted()));
            }
        }
        return names;
    }

    static String fold(String name, boolean quoted) {
        return name == null || quoted ? name : name.toLowerCase(Locale.ROOT);
    }

    private static String fold(org.hibernate.mapping.Column column) {
        return fold(column.getName(), column.isQuoted());
    }

    private static String tableOf(PersistentClass entity) {
        return fold(entity.getTable().getName(), entity.getTable().isQuoted());
    }

    /** The composite keys' columns in the order the id class declares its fields (Hibernate sorts them by name). */
    private static Map<String, List<String>> compositeKeyOrder(Metadata metadata) {
        Map<String, List<String>> order = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (!(entity.getIdentifier() instanceof Component id) || id.getComponentClass() == null) {
                continue;
            }
            List<String> declared = declaredFields(id.getComponentClass());
            List<Property> parts = new ArrayList<>(id.getProperties());
            parts.sort(Comparator.comparingInt(p -> declared.indexOf(p.getName()) < 0 ? Integer.MAX_VALUE : declared.indexOf(p.getName())));
            List<String> columns = new ArrayList<>();
            for (Property part : parts) {
                part.getValue().getSelectables().stream().filter(s -> s instanceof org.hibernate.mapping.Column)
                        .forEach(s -> columns.add(fold((org.hibernate.mapping.Column) s)));
            }
            order.put(tableOf(entity), columns);
        }
        return order;
    }

    /** Each entity table's columns in the order the entity declares them: the key first, superclass fields before subclass ones. */
    private static Map<String, List<String>> declaredColumnOrder(Metadata metadata, Map<String, List<String>> keyOrder) {
        Map<String, List<String>> order = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            String table = tableOf(entity);
            List<String> columns = new ArrayList<>(keyOrder.getOrDefault(table, List.of()));
            if (entity.getIdentifierProperty() != null) {
                addColumns(entity.getIdentifierProperty(), columns);
            }
            List<String> fields = entity.getMappedClass() == null ? List.of() : declaredFields(entity.getMappedClass());
            List<Property> properties = new ArrayList<>(entity.getPropertyClosure());
            properties.sort(Comparator.comparingInt(p -> fields.indexOf(p.getName()) < 0 ? Integer.MAX_VALUE : fields.indexOf(p.getName())));
            properties.forEach(p -> addColumns(p, columns));
            order.merge(table, columns, (a, b) -> {
                List<String> merged = new ArrayList<>(a);
                b.stream().filter(c -> !merged.contains(c)).forEach(merged::add);
                return merged;
            });
        }
        return order;
    }

    private static void addColumns(Property property, List<String> columns) {
        Value value = property.getValue();
        if (value instanceof org.hibernate.mapping.Collection) {
            return;
        }
        if (value instanceof Component component && component.getComponentClass() != null) {
            List<String> fields = declaredFields(component.getComponentClass());
            List<Property> parts = new ArrayList<>(component.getProperties());
            parts.sort(Comparator.comparingInt(p -> fields.indexOf(p.getName()) < 0 ? Integer.MAX_VALUE : fields.indexOf(p.getName())));
            parts.forEach(p -> addColumns(p, columns));
            return;
        }
        for (Selectable selectable : value.getSelectables()) {
            if (selectable instanceof org.hibernate.mapping.Column column && !columns.contains(fold(column))) {
                columns.add(fold(column));
            }
        }
    }

    private static List<String> declaredFields(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        List<String> fields = new ArrayList<>();
        hierarchy.forEach(c -> Arrays.stream(c.getDeclaredFields()).map(java.lang.reflect.Field::getName).forEach(fields::add));
        return fields;
    }

    /** The hypertables declared with {@link io.sark.migrate.model.annotations.Hypertable}, by table. */
    private static SortedMap<String, Hypertable> hypertables(Metadata metadata, List<Class<?>> entities) {
        SortedMap<String, Hypertable> declared = new TreeMap<>();
        for (Class<?> entity : entities) {
            io.sark.migrate.model.annotations.Hypertable h = entity.getAnnotation(io.sark.migrate.model.annotations.Hypertable.class);
            PersistentClass binding = metadata.getEntityBinding(entity.getName());
            if (h != null && binding != null) {
                declared.put(tableOf(binding), new Hypertable(h.timeColumn().toLowerCase(Locale.ROOT), h.chunkInterval().strip(),
                        h.compressSegmentBy().strip(), h.compressAfter().strip(), h.retention().strip()));
            }
        }
        return declared;
    }

    /** The renames declared with {@link RenamedFrom}, folded to lower case as PostgreSQL folds them. */
    private static Renames renames(Metadata metadata, List<Class<?>> entities) {
        Map<String, String> tables = new HashMap<>();
        Map<String, Map<String, String>> columns = new HashMap<>();
        for (Class<?> entity : entities) {
            PersistentClass binding = metadata.getEntityBinding(entity.getName());
            if (binding == null) {
                continue;
            }
            String table = tableOf(binding);
            RenamedFrom renamedTable = entity.getAnnotation(RenamedFrom.class);
            if (renamedTable != null) {
                tables.put(table, renamedTable.value().toLowerCase(Locale.ROOT));
            }
            for (Class<?> c = entity; c != null && c != Object.class; c = c.getSuperclass()) {
                for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                    RenamedFrom renamed = field.getAnnotation(RenamedFrom.class);
                    if (renamed == null) {
                        continue;
                    }
                    Property property = binding.getProperty(field.getName());
                    List<Selectable> selectables = property.getValue().getSelectables();
                    if (selectables.size() != 1 || !(selectables.get(0) instanceof org.hibernate.mapping.Column column)) {
                        throw new EntityMappingException("@RenamedFrom on " + entity.getSimpleName() + "." + field.getName()
                                + ": the field maps to " + selectables.size() + " columns; rename them one field at a time.");
                    }
                    columns.computeIfAbsent(table, t -> new HashMap<>()).put(fold(column), renamed.value().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new Renames(tables, columns);
    }

    /** CREATE INDEX statements for the {@link PgIndex} declarations, run after Hibernate's DDL. */
    private static List<String> pgIndexes(Metadata metadata, List<Class<?>> entities) {
        List<String> statements = new ArrayList<>();
        for (Class<?> entity : entities) {
            PgIndex[] declared = entity.getAnnotationsByType(PgIndex.class);
            if (declared.length == 0) {
                continue;
            }
            PersistentClass binding = metadata.getEntityBinding(entity.getName());
            if (binding == null) {
                throw new EntityMappingException(entity.getName() + " has @PgIndex but is not an entity.");
            }
            for (PgIndex index : declared) {
                if (index.columns().length == 0) {
                    throw new EntityMappingException("@PgIndex " + index.name() + " on " + entity.getSimpleName() + " has no columns.");
                }
                String keys = Arrays.stream(index.columns()).map(String::strip)
                        .map(k -> Index.keySql(k, name -> quote(name.toLowerCase(Locale.ROOT)))).collect(Collectors.joining(", "));
                String where = index.where() == null || index.where().isBlank() ? "" : " WHERE " + index.where().strip();
                statements.add("CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX " + quote(index.name()) + " ON "
                        + quote(tableOf(binding)) + " USING " + index.using().toLowerCase(Locale.ROOT) + " (" + keys + ")" + where);
            }
        }
        return statements;
    }

    private static String quote(String name) {
        return io.sark.migrate.postgres.Identifiers.quote(name);
    }

    /**
     * The unique indexes declared with {@code @Table(indexes = @Index(unique = true))}, with their columns, by table:
     * Hibernate makes them UNIQUE constraints.
     */
    private static Map<String, Map<String, List<String>>> uniqueIndexNames(Metadata metadata, List<Class<?>> entities) {
        Map<String, Map<String, List<String>>> found = new HashMap<>();
        for (Class<?> entity : entities) {
            jakarta.persistence.Table annotation = entity.getAnnotation(jakarta.persistence.Table.class);
            PersistentClass binding = metadata.getEntityBinding(entity.getName());
            if (annotation == null || binding == null) {
                continue;
            }
            for (jakarta.persistence.Index index : annotation.indexes()) {
                if (!index.unique() || index.name().isEmpty()) {
                    continue;
                }
                for (org.hibernate.mapping.UniqueKey key : binding.getTable().getUniqueKeys().values()) {
                    if (index.name().equals(key.getName())) {
                        found.computeIfAbsent(tableOf(binding), t -> new TreeMap<>()).put(
                                io.sark.migrate.postgres.Identifiers.truncate(index.name().toLowerCase(Locale.ROOT)),
                                key.getColumns().stream().map(EntityModel::fold).toList());
                    }
                }
            }
        }
        return found;
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
