package io.sark.migrate.hibernate;

import io.sark.migrate.model.annotations.PgIndex;
import io.sark.migrate.model.annotations.RenamedFrom;
import io.sark.migrate.schema.CheckConstraint;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.Defaults;
import io.sark.migrate.schema.EnumType;
import io.sark.migrate.schema.Expressions;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Renames;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.SqlTypes;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the neutral {@link Schema} the entities describe, through Hibernate's boot metadata (no database involved).
 *
 * <p>Hibernate is the reading of the mapping; a few things it folds together or leaves unnamed are settled here:
 * a unique {@code @Index} and a {@code @UniqueConstraint} both become Hibernate "unique keys", and the
 * {@code @Table} annotation tells them apart again; names Hibernate invents (hashes such as {@code FK3k9…}) are
 * replaced by PostgreSQL's own conventions ({@code <table>_<columns>_fkey}), as are primary key names, which JPA
 * cannot give; an enum attribute mapped to a named PostgreSQL type gives that type its labels, in order.
 */
public final class EntitySchemaReader {

    private static final Pattern INVENTED_NAME = Pattern.compile("(?i)(FK|UK|IDX)[0-9a-z]{8,}");

    private EntitySchemaReader() {
    }

    /** The schema the entities describe. */
    public static Schema read(List<Class<?>> entities) {
        return readModel(entities).schema();
    }

    /**
     * The schema the entities describe, and the renames they declare.
     *
     * @param schema  what the entities describe
     * @param renames what {@code @RenamedFrom} says was renamed
     */
    public record EntityModel(Schema schema, Renames renames) {
    }

    public static EntityModel readModel(List<Class<?>> entities) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName())
                .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false")
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            Metadata metadata;
            try {
                metadata = sources.buildMetadata();
            } catch (RuntimeException e) {
                throw new EntityMappingException("Hibernate cannot read the entities: " + e.getMessage(), e);
            }
            return new EntityModel(read(metadata, entities), renames(metadata, entities));
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    private static Schema read(Metadata metadata, List<Class<?>> entities) {
        Map<String, Set<String>> uniqueIndexNames = uniqueIndexNames(entities);
        Map<String, List<String>> keyOrder = compositeKeyOrder(metadata);
        Map<String, List<String>> declaredOrder = declaredColumnOrder(metadata, keyOrder);
        Map<String, EnumType> enums = enumTypes(metadata);
        Map<String, List<Index>> pgIndexes = pgIndexes(metadata, entities);
        Map<String, Table> tables = new TreeMap<>();
        for (org.hibernate.mapping.Table table : metadata.collectTableMappings()) {
            if (!table.isPhysicalTable() || table.isAbstract()) {
                continue;
            }
            String name = table.getName();
            List<Column> columns = new ArrayList<>();
            for (org.hibernate.mapping.Column c : inOrder(table.getColumns(), declaredOrder.getOrDefault(name, List.of()))) {
                String type = SqlTypes.normalize(c.getSqlType(metadata));
                columns.add(new Column(c.getName(), type, c.isNullable(), Defaults.normalize(c.getDefaultValue(), type), c.getComment()));
            }
            PrimaryKey primaryKey = table.getPrimaryKey() == null ? null
                    : new PrimaryKey(name + "_pkey", keyOrder.getOrDefault(name,
                    table.getPrimaryKey().getColumns().stream().map(org.hibernate.mapping.Column::getName).toList()));

            Map<String, UniqueConstraint> uniques = new TreeMap<>();
            Map<String, Index> indexes = new TreeMap<>();
            Set<String> declaredUniqueIndexes = uniqueIndexNames.getOrDefault(name, Set.of());
            for (org.hibernate.mapping.UniqueKey key : table.getUniqueKeys().values()) {
                List<String> keyColumns = key.getColumns().stream().map(org.hibernate.mapping.Column::getName).toList();
                if (declaredUniqueIndexes.contains(key.getName())) {
                    indexes.put(key.getName(), new Index(key.getName(), keyColumns, true));
                } else {
                    String keyName = invented(key.getName()) ? name + "_" + String.join("_", keyColumns) + "_key" : key.getName();
                    uniques.put(keyName, new UniqueConstraint(keyName, keyColumns));
                }
            }
            for (org.hibernate.mapping.Column c : table.getColumns()) {
                // @Column(unique = true): PostgreSQL would name the constraint <table>_<column>_key.
                boolean covered = uniques.values().stream().anyMatch(u -> u.columns().equals(List.of(c.getName())));
                if (c.isUnique() && !covered) {
                    String keyName = name + "_" + c.getName() + "_key";
                    uniques.put(keyName, new UniqueConstraint(keyName, List.of(c.getName())));
                }
            }
            for (org.hibernate.mapping.Index index : table.getIndexes().values()) {
                List<String> indexColumns = index.getSelectables().stream().map(Selectable::getText).toList();
                String indexName = invented(index.getName()) ? name + "_" + String.join("_", indexColumns) + "_idx" : index.getName();
                indexes.put(indexName, new Index(indexName, indexColumns, false));
            }
            Map<String, ForeignKey> foreignKeys = new TreeMap<>();
            for (org.hibernate.mapping.ForeignKey fk : table.getForeignKeys().values()) {
                if (!fk.isCreationEnabled() || fk.getReferencedTable() == null) {
                    continue;
                }
                List<String> fkColumns = fk.getColumns().stream().map(org.hibernate.mapping.Column::getName).toList();
                List<String> referenced = fk.getReferencedColumns().isEmpty()
                        ? fk.getReferencedTable().getPrimaryKey().getColumns().stream().map(org.hibernate.mapping.Column::getName).toList()
                        : fk.getReferencedColumns().stream().map(org.hibernate.mapping.Column::getName).toList();
                String fkName = invented(fk.getName()) ? name + "_" + String.join("_", fkColumns) + "_fkey" : fk.getName();
                foreignKeys.put(fkName, new ForeignKey(fkName, fkColumns, fk.getReferencedTable().getName(), referenced,
                        action(fk.getOnDeleteAction()), ForeignKey.Action.NO_ACTION));
            }
            for (Index index : pgIndexes.getOrDefault(name, List.of())) {
                indexes.put(index.name(), index);
            }
            Map<String, CheckConstraint> checks = new TreeMap<>();
            List<org.hibernate.mapping.CheckConstraint> tableChecks = new ArrayList<>(table.getChecks());
            for (org.hibernate.mapping.CheckConstraint check : tableChecks) {
                String checkName = check.isNamed() ? check.getName() : name + "_check" + (checks.isEmpty() ? "" : String.valueOf(checks.size()));
                checks.put(checkName, new CheckConstraint(checkName, Expressions.tidy(check.getConstraint())));
            }
            for (org.hibernate.mapping.Column c : table.getColumns()) {
                for (org.hibernate.mapping.CheckConstraint check : c.getCheckConstraints()) {
                    String checkName = check.isNamed() ? check.getName() : name + "_" + c.getName() + "_check";
                    checks.put(checkName, new CheckConstraint(checkName, Expressions.tidy(check.getConstraint())));
                }
            }
            tables.put(name, new Table(name, columns, primaryKey, new TreeMap<>(uniques), new TreeMap<>(indexes), new TreeMap<>(foreignKeys),
                    null, new TreeMap<>(checks)));
        }
        return foldCase(new Schema(new TreeMap<>(tables), new TreeMap<>(enums), hypertables(metadata, entities)), quotedNames(metadata));
    }

    /** Names written with quotes in the mapping, which keep their case; PostgreSQL folds every other name to lower case. */
    private static Set<String> quotedNames(Metadata metadata) {
        Set<String> quoted = new HashSet<>();
        for (org.hibernate.mapping.Table table : metadata.collectTableMappings()) {
            if (table.isQuoted()) {
                quoted.add(table.getName());
            }
            table.getColumns().stream().filter(org.hibernate.mapping.Column::isQuoted).forEach(c -> quoted.add(c.getName()));
        }
        return quoted;
    }

    private static Schema foldCase(Schema schema, Set<String> quoted) {
        java.util.function.UnaryOperator<String> f = n -> n == null || quoted.contains(n) ? n : n.toLowerCase(Locale.ROOT);
        java.util.function.Function<List<String>, List<String>> all = names -> names.stream().map(f).toList();
        Map<String, Table> tables = new TreeMap<>();
        for (Table t : schema.tables().values()) {
            List<Column> columns = t.columns().stream()
                    .map(c -> new Column(f.apply(c.name()), c.type(), c.nullable(), c.defaultValue(), c.comment())).toList();
            PrimaryKey pk = t.primaryKey() == null ? null : new PrimaryKey(f.apply(t.primaryKey().name()), all.apply(t.primaryKey().columns()));
            Map<String, UniqueConstraint> uniques = new TreeMap<>();
            t.uniqueConstraints().values().forEach(u -> uniques.put(f.apply(u.name()), new UniqueConstraint(f.apply(u.name()), all.apply(u.columns()))));
            Map<String, Index> indexes = new TreeMap<>();
            t.indexes().values().forEach(i -> indexes.put(f.apply(i.name()), new Index(f.apply(i.name()),
                    i.plain() ? all.apply(i.keys()) : i.keys(), i.unique(), i.method(), i.where())));
            Map<String, ForeignKey> fks = new TreeMap<>();
            t.foreignKeys().values().forEach(k -> fks.put(f.apply(k.name()), new ForeignKey(f.apply(k.name()), all.apply(k.columns()),
                    f.apply(k.referencedTable()), all.apply(k.referencedColumns()), k.onDelete(), k.onUpdate())));
            Map<String, CheckConstraint> checks = new TreeMap<>();
            t.checks().values().forEach(c -> checks.put(f.apply(c.name()), new CheckConstraint(f.apply(c.name()), c.expression())));
            tables.put(f.apply(t.name()), new Table(f.apply(t.name()), columns, pk, new TreeMap<>(uniques), new TreeMap<>(indexes),
                    new TreeMap<>(fks), t.comment(), new TreeMap<>(checks)));
        }
        TreeMap<String, io.sark.migrate.schema.Hypertable> hypertables = new TreeMap<>();
        schema.hypertables().forEach((table, h) -> hypertables.put(f.apply(table), new io.sark.migrate.schema.Hypertable(f.apply(h.timeColumn()),
                h.chunkInterval(), h.compressSegmentBy(), h.compressAfter(), h.retention())));
        return new Schema(new TreeMap<>(tables), new TreeMap<>(schema.enumTypes()), hypertables);
    }

    private static boolean invented(String name) {
        return name == null || INVENTED_NAME.matcher(name).matches();
    }

    private static ForeignKey.Action action(org.hibernate.annotations.OnDeleteAction action) {
        if (action == null) {
            return ForeignKey.Action.NO_ACTION;
        }
        return switch (action) {
            case CASCADE -> ForeignKey.Action.CASCADE;
            case SET_NULL -> ForeignKey.Action.SET_NULL;
            case SET_DEFAULT -> ForeignKey.Action.SET_DEFAULT;
            case RESTRICT -> ForeignKey.Action.RESTRICT;
            default -> ForeignKey.Action.NO_ACTION;
        };
    }

    /**
     * The column order of composite primary keys: Hibernate sorts an embedded id's attributes by name, but the order
     * that reads from the entity, and that the key's index serves, is the order the id class declares them in.
     */
    private static Map<String, List<String>> compositeKeyOrder(Metadata metadata) {
        Map<String, List<String>> order = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (!(entity.getIdentifier() instanceof Component id) || id.getComponentClass() == null) {
                continue;
            }
            List<String> declared = Arrays.stream(id.getComponentClass().getDeclaredFields()).map(java.lang.reflect.Field::getName).toList();
            List<Property> properties = new ArrayList<>(id.getProperties());
            properties.sort(java.util.Comparator.comparingInt(p -> declared.indexOf(p.getName())));
            List<String> columns = new ArrayList<>();
            for (Property property : properties) {
                property.getValue().getSelectables().forEach(sel -> columns.add(sel.getText()));
            }
            order.put(entity.getTable().getName(), columns);
        }
        return order;
    }

    /**
     * Each entity table's columns in the order the entity declares them: the key first, then the fields as written
     * (superclass fields before subclass ones). Hibernate itself sorts them by name.
     */
    private static Map<String, List<String>> declaredColumnOrder(Metadata metadata, Map<String, List<String>> keyOrder) {
        Map<String, List<String>> order = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            String table = entity.getTable().getName();
            List<String> columns = new ArrayList<>(keyOrder.getOrDefault(table, List.of()));
            if (entity.getIdentifierProperty() != null) {
                addColumns(entity.getIdentifierProperty(), columns);
            }
            List<String> fields = declaredFields(entity.getMappedClass());
            List<Property> properties = new ArrayList<>(entity.getPropertyClosure());
            properties.sort(java.util.Comparator.comparingInt(p -> fields.indexOf(p.getName()) < 0 ? Integer.MAX_VALUE : fields.indexOf(p.getName())));
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
            parts.sort(java.util.Comparator.comparingInt(p -> fields.indexOf(p.getName())));
            parts.forEach(p -> addColumns(p, columns));
            return;
        }
        for (Selectable selectable : value.getSelectables()) {
            if (!selectable.isFormula() && !columns.contains(selectable.getText())) {
                columns.add(selectable.getText());
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

    private static List<org.hibernate.mapping.Column> inOrder(java.util.Collection<org.hibernate.mapping.Column> columns, List<String> order) {
        List<org.hibernate.mapping.Column> sorted = new ArrayList<>(columns);
        sorted.sort(java.util.Comparator.comparingInt(c -> order.indexOf(c.getName()) < 0 ? Integer.MAX_VALUE : order.indexOf(c.getName())));
        return sorted;
    }

    /** The hypertables declared with {@link io.sark.migrate.model.annotations.Hypertable}, by table. */
    private static TreeMap<String, io.sark.migrate.schema.Hypertable> hypertables(Metadata metadata, List<Class<?>> entities) {
        TreeMap<String, io.sark.migrate.schema.Hypertable> declared = new TreeMap<>();
        for (Class<?> entity : entities) {
            io.sark.migrate.model.annotations.Hypertable h = entity.getAnnotation(io.sark.migrate.model.annotations.Hypertable.class);
            PersistentClass binding = metadata.getEntityBinding(entity.getName());
            if (h != null && binding != null) {
                declared.put(binding.getTable().getName(), new io.sark.migrate.schema.Hypertable(h.timeColumn(), h.chunkInterval().strip(),
                        h.compressSegmentBy().strip(), h.compressAfter().strip(), h.retention().strip()));
            }
        }
        return declared;
    }

    /** The renames declared with {@link RenamedFrom}, folded to lower case as the schema is. */
    private static Renames renames(Metadata metadata, List<Class<?>> entities) {
        Map<String, String> tables = new HashMap<>();
        Map<String, Map<String, String>> columns = new HashMap<>();
        for (Class<?> entity : entities) {
            PersistentClass binding = metadata.getEntityBinding(entity.getName());
            if (binding == null) {
                continue;
            }
            String table = binding.getTable().getName().toLowerCase(Locale.ROOT);
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
                    if (selectables.size() != 1) {
                        throw new EntityMappingException("@RenamedFrom on " + entity.getSimpleName() + "." + field.getName()
                                + ": the field maps to " + selectables.size() + " columns; rename them one field at a time.");
                    }
                    columns.computeIfAbsent(table, t -> new HashMap<>())
                            .put(selectables.get(0).getText().toLowerCase(Locale.ROOT), renamed.value().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new Renames(tables, columns);
    }

    /** The indexes declared with {@link PgIndex}, by table. */
    private static Map<String, List<Index>> pgIndexes(Metadata metadata, List<Class<?>> entities) {
        Map<String, List<Index>> byTable = new HashMap<>();
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
                List<String> keys = Arrays.stream(index.columns()).map(Expressions::tidy).toList();
                byTable.computeIfAbsent(binding.getTable().getName(), t -> new ArrayList<>()).add(new Index(index.name(), keys, index.unique(),
                        index.using().toLowerCase(Locale.ROOT), Expressions.tidy(index.where())));
            }
        }
        return byTable;
    }

    /** The names of the unique indexes declared with {@code @Table(indexes = @Index(unique = true))}, by table. */
    private static Map<String, Set<String>> uniqueIndexNames(List<Class<?>> entities) {
        Map<String, Set<String>> names = new HashMap<>();
        for (Class<?> entity : entities) {
            jakarta.persistence.Table table = entity.getAnnotation(jakarta.persistence.Table.class);
            if (table == null) {
                continue;
            }
            for (jakarta.persistence.Index index : table.indexes()) {
                if (index.unique() && !index.name().isEmpty()) {
                    names.computeIfAbsent(table.name(), t -> new HashSet<>()).add(index.name());
                }
            }
        }
        return names;
    }

    /**
     * The enum types: every enum attribute whose column has a type that is not a built-in one names a PostgreSQL enum
     * type, whose labels are the Java constants' names, in declaration order.
     */
    private static Map<String, EnumType> enumTypes(Metadata metadata) {
        Map<String, EnumType> types = new LinkedHashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            List<Property> properties = new ArrayList<>(entity.getPropertyClosure());
            if (entity.getIdentifierProperty() != null) {
                properties.add(entity.getIdentifierProperty());
            }
            for (Property property : properties) {
                collectEnums(property, metadata, types);
            }
        }
        return types;
    }

    private static void collectEnums(Property property, Metadata metadata, Map<String, EnumType> types) {
        Value value = property.getValue();
        if (value instanceof Component component) {
            component.getProperties().forEach(p -> collectEnums(p, metadata, types));
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
                String type = SqlTypes.normalize(column.getSqlType(metadata));
                if (!BUILT_IN.contains(SqlTypes.base(type))) {
                    List<String> labels = Arrays.stream(javaType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
                    EnumType declared = new EnumType(type.toLowerCase(Locale.ROOT), labels);
                    EnumType earlier = types.putIfAbsent(declared.name(), declared);
                    if (earlier != null && !earlier.labels().equals(labels)) {
                        throw new EntityMappingException("Enum type " + declared.name() + " is mapped from Java enums with different"
                                + " constants: " + earlier.labels() + " and " + labels + ". Map one Java enum per PostgreSQL type.");
                    }
                }
            }
        }
    }

    private static final Set<String> BUILT_IN = Set.of("character varying", "character", "text", "integer", "smallint", "bigint",
            "numeric", "real", "double precision", "boolean", "tinyint");
}
