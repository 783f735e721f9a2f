package io.sark.migrate.cli;

import io.sark.migrate.model.SarkEntities;
import io.sark.migrate.hibernate.HibernateSettings;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

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

    @Option(names = "--hibernate-properties", paramLabel = "FILE",
            description = "The application's Hibernate settings (hibernate.physical_naming_strategy, hibernate.type.preferred_*,"
                    + " ...), which shape the schema as the entities do.")
    Path hibernateProperties;

    @Option(names = "--spring-config", paramLabel = "FILE",
            description = "A Spring Boot application.yml or .properties: spring.jpa.hibernate.naming.* (with Spring Boot's"
                    + " defaults) and spring.jpa.properties.hibernate.* are read as the application's Hibernate settings.")
    Path springConfig;

    /** The application's Hibernate settings: Spring Boot's, then the properties file's over them. */
    HibernateSettings settings() {
        Map<String, String> settings = new TreeMap<>();
        if (springConfig != null) {
            settings.putAll(HibernateSettings.fromSpringBoot(readable(springConfig, "--spring-config")).properties());
        }
        if (hibernateProperties != null) {
            settings.putAll(HibernateSettings.fromProperties(readable(hibernateProperties, "--hibernate-properties")).properties());
        }
        return new HibernateSettings(settings);
    }

    private static Path readable(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(option + ": no file " + file + ".");
        }
        return file;
    }

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
