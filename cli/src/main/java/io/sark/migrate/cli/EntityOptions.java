package io.sark.migrate.cli;

import io.sark.migrate.hibernate.ApplicationHibernate;
import io.sark.migrate.hibernate.EntityClasses;
import io.sark.migrate.hibernate.HibernateSettings;
import io.sark.migrate.model.SarkEntities;
import jakarta.persistence.Entity;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Which entities are the desired schema: SARK's by default. */
final class EntityOptions {

    @Option(names = "--entities", paramLabel = "CLASS", split = ",",
            description = "The entities to compare: entity classes, or a class whose static field ALL lists them"
                    + " (default: SARK's, " + "io.sark.migrate.model.SarkEntities).")
    List<String> classNames;

    @Option(names = "--entities-package", paramLabel = "PACKAGE", split = ",",
            description = "Compare every @Entity, @Embeddable and @MappedSuperclass class in PACKAGE and below it, found on"
                    + " --classpath (or sark-migrate's own class path); '*': every one in the class folders of --classpath (a"
                    + " project's target/classes). With --entities too, both are compared.")
    List<String> packages;

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "Jars and class folders of another project holding its entities and what they need (e.g."
                    + " target/classes), separated by the platform's path separator (':', or ';' on Windows); repeatable."
                    + " The entities are read from there without rebuilding sark-migrate; where the path carries a Hibernate ORM"
                    + " (6.6 or 7.x: give the project's whole run-time class path), that Hibernate reads them.")
    List<String> classpath;

    @Option(names = "--keep-extras",
            description = "For an existing project's database: the entities are authoritative for what they declare, and what the"
                    + " database has beyond them is kept. Never proposed: dropping a table, column, index, constraint, sequence,"
                    + " enum type or default no entity declares, relaxing NOT NULL, narrowing a type held wider. An extra column"
                    + " that is NOT NULL without a default gets DROP NOT NULL (Hibernate's inserts would fail). Counted in one"
                    + " notice; listed with --verbose and in --json (kept).")
    boolean keepExtras;

    private ClassLoader loader;
    private Path workingDirectory = Path.of("").toAbsolutePath();

    /** Relative paths (--classpath, --spring-config, --hibernate-properties) are relative to {@code folder}, the command's working directory. */
    EntityOptions relativeTo(Path folder) {
        this.workingDirectory = folder;
        return this;
    }

    private List<Path> classpathEntries() {
        return EntityClasses.paths(classpath).stream().map(workingDirectory::resolve).toList();
    }

    /** Whether the entities are another project's: its classes, a package of them, or classes other than SARK's model. */
    boolean anotherProjects() {
        return classpath != null || packages != null
                || classNames != null && classNames.stream().anyMatch(name -> !name.strip().startsWith("io.sark.migrate."));
    }

    @Option(names = "--hibernate-properties", paramLabel = "FILE",
            description = "The application's Hibernate settings (hibernate.physical_naming_strategy, hibernate.type.preferred_*,"
                    + " ...), which shape the schema as the entities do.")
    Path hibernateProperties;

    @Option(names = "--spring-config", paramLabel = "FILE", split = ",",
            description = "A Spring Boot application.yml or .properties: spring.jpa.hibernate.naming.* (with Spring Boot's"
                    + " defaults) and spring.jpa.properties.hibernate.* are read as the application's Hibernate settings."
                    + " Repeat it (or separate files with commas) for overlays: a later file's settings win.")
    List<Path> springConfig;

    @Option(names = "--spring-profiles", paramLabel = "PROFILE", split = ",",
            description = "Spring Boot profiles, as spring.profiles.active: beside each --spring-config application.yml,"
                    + " application-PROFILE.yml (.yaml, .properties) is read too, a later profile's settings winning.")
    List<String> springProfiles;

    /** The application's Hibernate settings: Spring Boot's (each file, then its profiles'), then the properties file's over them. */
    HibernateSettings settings() {
        Map<String, String> settings = new TreeMap<>();
        for (Path file : springFiles()) {
            settings.putAll(HibernateSettings.fromSpringBoot(file).properties());
        }
        if (hibernateProperties != null) {
            settings.putAll(HibernateSettings.fromProperties(readable(hibernateProperties, "--hibernate-properties")).properties());
        }
        return new HibernateSettings(settings);
    }

    /**
     * The Spring Boot files to read, in Spring Boot's order of precedence (later wins): each --spring-config file, each
     * followed by the profile-specific files beside it ({@code application-dev.yml} for {@code application.yml}).
     */
    List<Path> springFiles() {
        List<Path> files = new ArrayList<>();
        for (Path file : springConfig == null ? List.<Path>of() : springConfig) {
            files.add(readable(file, "--spring-config"));
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                continue;
            }
            for (String profile : springProfiles == null ? List.<String>of() : springProfiles) {
                for (String extension : List.of(".properties", ".yaml", ".yml")) {
                    Path overlay = file.resolveSibling(name.substring(0, dot) + "-" + profile.strip() + extension);
                    if (!profile.isBlank() && Files.isRegularFile(overlay)) {
                        files.add(overlay);
                    }
                }
            }
        }
        if (springProfiles != null && !springProfiles.isEmpty() && (springConfig == null || springConfig.isEmpty())) {
            throw new UsageException("--spring-profiles: give the application's settings with --spring-config FILE too; the profiles'"
                    + " files are read beside it.");
        }
        return files;
    }

    /** {@code file} as given, relative to the command's working directory, when it is a file. */
    private Path readable(Path file, String option) {
        Path resolved = workingDirectory.resolve(file);
        if (!Files.isRegularFile(resolved)) {
            throw new UsageException(option + ": no file " + file + ".");
        }
        return resolved;
    }

    /** The loader the entities come from: --classpath in front of sark-migrate's own classes. */
    private synchronized ClassLoader loader() {
        if (loader == null) {
            loader = EntityClasses.loader(classpathEntries(), EntityOptions.class.getClassLoader());
            if (loader != EntityOptions.class.getClassLoader() && !ApplicationHibernate.isOne(loader)) {
                // Hibernate resolves what the entities name by class name (converters, types) through the context loader;
                // the application's own Hibernate has it set only while it reads them.
                Thread.currentThread().setContextClassLoader(loader);
            }
        }
        return loader;
    }

    List<Class<?>> entities() {
        boolean named = classNames != null && !classNames.isEmpty();
        boolean scanned = packages != null && !packages.isEmpty();
        if (!named && !scanned) {
            return SarkEntities.ALL;
        }
        List<Class<?>> result = new ArrayList<>();
        for (String name : named ? classNames : List.<String>of()) {
            Class<?> type;
            try {
                type = Class.forName(name.strip(), false, loader());
            } catch (ClassNotFoundException e) {
                throw new UsageException("--entities: no class " + name.strip() + " on sark-migrate's classpath"
                        + (classpath == null ? " (another project's classes go on --classpath)." : " or on --classpath."));
            } catch (UnsupportedClassVersionError e) {
                throw new UsageException(EntityClasses.tooNew("--entities", name.strip(), e));
            }
            result.addAll(listedIn(type));
        }
        for (String pkg : scanned ? packages : List.<String>of()) {
            for (Class<?> type : EntityClasses.inPackage(pkg, classpathEntries(), loader())) {
                if (!result.contains(type)) {
                    result.add(type);
                }
            }
        }
        return result;
    }

    private static List<Class<?>> listedIn(Class<?> type) {
        if (EntityClasses.annotated(type, Entity.class)) {
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
