package io.sark.migrate.hibernate;

import io.sark.migrate.errors.SarkMigrateException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The application's own Hibernate settings, which shape its schema as much as the entities do: naming strategies,
 * {@code hibernate.type.preferred_*_jdbc_type}, id generator settings, quoting. Read from a Hibernate properties
 * file, or from a Spring Boot {@code application.yml}/{@code .properties} as Spring Boot would hand them to Hibernate.
 *
 * @param properties the {@code hibernate.*} settings, by name
 */
public record HibernateSettings(Map<String, String> properties) {

    /** Spring Boot's default physical naming: {@code firstName} becomes {@code first_name}. */
    public static final String SPRING_PHYSICAL_DEFAULT = "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy";
    /** Spring Boot's default implicit naming (join tables named after the owning table and attribute). */
    public static final String SPRING_IMPLICIT_DEFAULT = "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy";

    public HibernateSettings {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
    }

    /** Hibernate's defaults. */
    public static HibernateSettings none() {
        return new HibernateSettings(Map.of());
    }

    /** A Hibernate properties file ({@code hibernate.physical_naming_strategy=...}). */
    public static HibernateSettings fromProperties(Path file) {
        Properties loaded = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            loaded.load(in);
        } catch (IOException e) {
            throw new SettingsException("Could not read Hibernate settings from " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> settings = new TreeMap<>();
        loaded.stringPropertyNames().forEach(name -> settings.put(name.strip(), loaded.getProperty(name).strip()));
        return new HibernateSettings(settings);
    }

    /**
     * A Spring Boot configuration file: {@code spring.jpa.properties.hibernate.*} as they are, and
     * {@code spring.jpa.hibernate.naming.physical-strategy} / {@code implicit-strategy} with Spring Boot's defaults
     * where they are not set.
     */
    public static HibernateSettings fromSpringBoot(Path file) {
        Map<String, String> flat = new TreeMap<>();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".yml") || name.endsWith(".yaml")) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                    if (document instanceof Map<?, ?> map) {
                        flatten("", map, flat);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new SettingsException("Could not read Spring Boot settings from " + file + ": " + firstLine(e.getMessage()), e);
            }
        } else {
            fromProperties(file).properties().forEach(flat::put);
        }
        Map<String, String> settings = new TreeMap<>();
        String jpaProperties = "spring.jpa.properties.";
        flat.forEach((key, value) -> {
            if (key.startsWith(jpaProperties)) {
                settings.put(key.substring(jpaProperties.length()), value);
            }
        });
        settings.put("hibernate.physical_naming_strategy", springNaming(flat, "physical", SPRING_PHYSICAL_DEFAULT));
        settings.put("hibernate.implicit_naming_strategy", springNaming(flat, "implicit", SPRING_IMPLICIT_DEFAULT));
        return new HibernateSettings(settings);
    }

    /** The setting, in any of the spellings Spring Boot's relaxed binding accepts, or its default. */
    private static String springNaming(Map<String, String> flat, String kind, String fallback) {
        for (String spelling : List.of(kind + "-strategy", kind + "Strategy", kind + "_strategy")) {
            String value = flat.get("spring.jpa.hibernate.naming." + spelling);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return fallback;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                flatten(key + ".", nested, into);
            } else if (e.getValue() != null) {
                into.put(key, String.valueOf(e.getValue()));
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** A settings file that cannot be read. */
    public static final class SettingsException extends SarkMigrateException {
        public SettingsException(String message, Throwable cause) {
            super(Kind.USAGE, message, cause);
        }
    }
}
