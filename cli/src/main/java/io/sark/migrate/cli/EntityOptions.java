package io.sark.migrate.cli;

import io.sark.migrate.model.SarkEntities;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Which entities are the desired schema: SARK's by default. */
final class EntityOptions {

    @Option(names = "--entities", paramLabel = "CLASS", split = ",",
            description = "The entities to compare: entity classes, or a class whose static field ALL lists them"
                    + " (default: SARK's, " + "io.sark.migrate.model.SarkEntities).")
    List<String> classNames;

    List<Class<?>> entities() {
        if (classNames == null || classNames.isEmpty()) {
            return SarkEntities.ALL;
        }
        List<Class<?>> result = new ArrayList<>();
        for (String name : classNames) {
            Class<?> type;
            try {
                type = Class.forName(name.strip(), false, EntityOptions.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new UsageException("--entities: no class " + name.strip() + " on sark-migrate's classpath.");
            }
            result.addAll(listedIn(type));
        }
        return result;
    }

    private static List<Class<?>> listedIn(Class<?> type) {
        if (type.isAnnotationPresent(jakarta.persistence.Entity.class)) {
            return List.of(type);
        }
        try {
            Field all = type.getField("ALL");
            if (Modifier.isStatic(all.getModifiers()) && List.class.isAssignableFrom(all.getType())) {
                List<Class<?>> listed = new ArrayList<>();
                for (Object o : (List<?>) all.get(null)) {
                    listed.add((Class<?>) o);
                }
                return listed;
            }
        } catch (NoSuchFieldException | IllegalAccessException | ClassCastException e) {
            // Fall through to the message below.
        }
        throw new UsageException("--entities: " + type.getName() + " is neither an @Entity nor a class with a static List ALL of them.");
    }
}
