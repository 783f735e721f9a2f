package io.sark.migrate.hibernate.mapping;

import io.sark.migrate.hibernate.EntityMappingException;
import io.sark.migrate.model.annotations.PgIndex;
import io.sark.migrate.model.annotations.RenamedFrom;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.Hypertable;
import io.sark.migrate.schema.Identifiers;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.Renames;
import io.sark.migrate.schema.Table;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.UniqueKey;
import org.hibernate.mapping.Value;
import org.hibernate.type.SqlTypes;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the entities declare beyond the DDL Hibernate writes, read from Hibernate's metadata and the classes: the
 * schema each table is mapped into (refused unless {@code public}), the Java order of columns and composite keys,
 * {@code @Hypertable}, {@code @RenamedFrom}, {@code @PgIndex}, unique indexes, and the mappings that work but not as a
 * reader would guess (warnings). The enums' part is {@link EnumDeclarations}.
 */
final class EntityDeclarations {

    private EntityDeclarations() {
    }

    /**
     * The schemas besides {@code public} the entities map tables or sequences into ({@code @Table(schema)},
     * {@code @JoinTable(schema)}, {@code @CollectionTable(schema)}, {@code @SequenceGenerator(schema)}), as PostgreSQL
     * names them. Refused where sark-migrate cannot yet follow them: a hypertable there.
     */
    static SortedSet<String> otherSchemas(Metadata metadata, List<Class<?>> entities) {
        SortedSet<String> schemas = new TreeSet<>();
        for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
            String schema = schemaName(namespace.getPhysicalName().getSchema());
            if (schema != null && (!namespace.getTables().isEmpty() || namespace.getSequences().iterator().hasNext())) {
                refuseUnusableSchema(schema, "mapped by " + namespace.getTables().stream().map(t -> "table " + t.getName()).findFirst()
                        .orElse("a sequence"));
                schemas.add(schema);
            }
        }
        for (Class<?> entity : entities) {
            PersistentClass binding = metadata.getEntityBinding(entity.getName());
            if (binding != null && entity.isAnnotationPresent(io.sark.migrate.model.annotations.Hypertable.class)
                    && Identifiers.schemaOf(tableOf(binding)) != null) {
                throw new EntityMappingException("@Hypertable on " + entity.getSimpleName() + ", whose table is in schema "
                        + Identifiers.schemaOf(tableOf(binding)) + ": sark-migrate makes hypertables in schema public only;"
                        + " map the entity there, or leave @Hypertable out.");
            }
        }
        return schemas;
    }

    /**
     * Refuses a schema PostgreSQL would refuse to create, before anything runs (the entities' schema is built in scratch
     * schemas of other names, so PostgreSQL would say so only when the revision is applied).
     */
    static void refuseUnusableSchema(String schema, String where) {
        if (schema.startsWith("pg_")) {
            throw new EntityMappingException("Schema " + schema + " (" + where + "): PostgreSQL reserves names beginning with pg_ for its"
                    + " own schemas and refuses to create one. Name the schema otherwise.");
        }
        if (Identifiers.tooLong(schema)) {
            throw new EntityMappingException("Schema " + schema + " (" + where + ") is longer than the 63 bytes PostgreSQL keeps of a name."
                    + " Name it shorter.");
        }
    }

    /** A schema as PostgreSQL names it, or null for {@code public} (the home schema) and none. */
    static String schemaName(Identifier schema) {
        if (schema == null) {
            return null;
        }
        String name = fold(schema.getText(), schema.isQuoted());
        return name.equals("public") ? null : name;
    }

    static String ownerOf(Metadata metadata, org.hibernate.mapping.Table table) {
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (entity.getTable() == table) {
                return " (entity " + entity.getEntityName().replaceFirst("^.*\\.", "") + ")";
            }
        }
        return "";
    }

    static List<Property> properties(PersistentClass entity) {
        List<Property> properties = new ArrayList<>(entity.getPropertyClosure());
        if (entity.getIdentifierProperty() != null) {
            properties.add(entity.getIdentifierProperty());
        }
        return properties;
    }

    static List<String> warnings(Metadata metadata) {
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
                if (name != null && Identifiers.tooLong(name) && seen.add(name)) {
                    warnings.add("PostgreSQL keeps the first 63 bytes of " + name + " (in table " + table.getName() + "): it is "
                            + Identifiers.truncate(name) + " in the database, and Hibernate's validate, which"
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

    static Set<String> tableNames(Metadata metadata) {
        Set<String> names = new HashSet<>();
        for (org.hibernate.mapping.Table table : metadata.collectTableMappings()) {
            if (table.isPhysicalTable()) {
                names.add(tableName(table));
            }
        }
        return names;
    }

    static String fold(String name, boolean quoted) {
        return name == null || quoted ? name : name.toLowerCase(Locale.ROOT);
    }

    static String fold(org.hibernate.mapping.Column column) {
        return fold(column.getName(), column.isQuoted());
    }

    static String tableOf(PersistentClass entity) {
        return tableName(entity.getTable());
    }

    /** A table as the model names it: bare in {@code public}, else qualified with its schema. */
    static String tableName(org.hibernate.mapping.Table table) {
        String schema = table.getSchema() == null ? null : schemaName(Identifier.toIdentifier(table.getSchema()));
        return Identifiers.qualified(schema, fold(table.getName(), table.isQuoted()));
    }

    /** The composite keys' columns in the order the id class declares its fields (Hibernate sorts them by name). */
    static Map<String, List<String>> compositeKeyOrder(Metadata metadata) {
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
    static Map<String, List<String>> declaredColumnOrder(Metadata metadata, Map<String, List<String>> keyOrder) {
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

    static void addColumns(Property property, List<String> columns) {
        Value value = property.getValue();
        if (value instanceof Collection) {
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

    static List<String> declaredFields(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(0, c);
        }
        List<String> fields = new ArrayList<>();
        hierarchy.forEach(c -> Arrays.stream(c.getDeclaredFields()).map(Field::getName).forEach(fields::add));
        return fields;
    }

    /** The hypertables declared with {@link io.sark.migrate.model.annotations.Hypertable}, by table. */
    static SortedMap<String, Hypertable> hypertables(Metadata metadata, List<Class<?>> entities) {
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
    static Renames renames(Metadata metadata, List<Class<?>> entities) {
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
                // "reporting.sales": a table moved from another schema (or from public, "public.sales")
                List<String> parts = Identifiers.parts(renamedTable.value().strip());
                tables.put(table, parts.size() == 2 ? Identifiers.qualified(parts.get(0).equals("public") ? null : parts.get(0),
                        parts.get(1)) : renamedTable.value().toLowerCase(Locale.ROOT));
            }
            for (Class<?> c = entity; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
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
    static List<String> pgIndexes(Metadata metadata, List<Class<?>> entities) {
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

    static String quote(String name) {
        return Identifiers.quote(name);
    }

    /**
     * The unique indexes declared with {@code @Table(indexes = @Index(unique = true))}, with their columns, by table:
     * Hibernate makes them UNIQUE constraints.
     */
    static Map<String, Map<String, List<String>>> uniqueIndexNames(Metadata metadata, List<Class<?>> entities) {
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
                for (UniqueKey key : binding.getTable().getUniqueKeys().values()) {
                    if (index.name().equals(key.getName())) {
                        found.computeIfAbsent(tableOf(binding), t -> new TreeMap<>()).put(
                                Identifiers.truncate(index.name().toLowerCase(Locale.ROOT)),
                                key.getColumns().stream().map(EntityDeclarations::fold).toList());
                    }
                }
            }
        }
        return found;
    }
}
