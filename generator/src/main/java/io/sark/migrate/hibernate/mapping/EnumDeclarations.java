package io.sark.migrate.hibernate.mapping;

import io.sark.migrate.hibernate.EntityMappingException;
import io.sark.migrate.schema.Column;
import org.hibernate.boot.Metadata;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Component;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Selectable;
import org.hibernate.mapping.Value;
import org.hibernate.type.SqlTypes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the entities' Java enums declare that Hibernate's DDL leaves out or orders otherwise: the PostgreSQL enum types
 * its named-enum columns use but it does not create, and each type's labels in the Java enum's order.
 */
final class EnumDeclarations {

    private EnumDeclarations() {
    }

    /**
     * An enum column whose {@code columnDefinition} names a PostgreSQL enum type Hibernate does not create (it names
     * its types after the Java enum): the type is created first, with the Java enum's constants.
     */
    static List<String> missingEnumTypes(Metadata metadata) {
        Set<String> created = new HashSet<>();
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            for (Property property : EntityDeclarations.properties(entity)) {
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

    static boolean namedEnum(org.hibernate.mapping.Column column, Metadata metadata) {
        try {
            int code = sqlTypeCode(column, metadata);
            return code == SqlTypes.NAMED_ENUM || code == SqlTypes.ENUM;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * {@code Column.getSqlTypeCode} with the metadata: its parameter is 6.6's {@code Mapping} and 7's {@code MappingContext}
     * (both implemented by the metadata), so it is found by name, and each major links its own.
     */
    static int sqlTypeCode(org.hibernate.mapping.Column column, Metadata metadata) {
        for (Method method : column.getClass().getMethods()) {
            if (method.getName().equals("getSqlTypeCode") && method.getParameterCount() == 1 && method.getParameterTypes()[0].isInstance(metadata)) {
                try {
                    return (Integer) method.invoke(column, metadata);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("this Hibernate's Column has no getSqlTypeCode for its metadata");
    }

    /** The Java enum's constants by the PostgreSQL type its columns use, for the label order. */
    static Map<String, List<String>> enumLabels(Metadata metadata) {
        Map<String, List<String>> labels = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            for (Property property : EntityDeclarations.properties(entity)) {
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

    interface EnumColumnVisitor {
        void visit(org.hibernate.mapping.Column column, Class<?> javaType);
    }

    static void forEachEnumColumn(Property property, Metadata metadata, EnumColumnVisitor visitor) {
        Value value = property.getValue();
        if (value instanceof Component component) {
            component.getProperties().forEach(p -> forEachEnumColumn(p, metadata, visitor));
            return;
        }
        if (value instanceof Collection) {
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

    static List<String> constants(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList();
    }
}
