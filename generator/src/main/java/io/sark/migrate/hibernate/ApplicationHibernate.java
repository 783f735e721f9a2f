package io.sark.migrate.hibernate;

import io.sark.migrate.errors.SarkMigrateException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.jar.JarFile;

/**
 * The application's own Hibernate, where its class path carries one: the entities are loaded, and turned into DDL, in a
 * class loader of their own (the application's jars and classes first, and the JDK), so that the naming strategies,
 * types and dialect settings are those of the Hibernate the application runs (6.6 or 7.x), not sark-migrate's.
 *
 * <p>What crosses between the two: the {@link MappingReader} interface and the values it returns ({@link EntityModel},
 * the schema records, sark-migrate's exceptions and annotations), which this loader takes from sark-migrate's; and the
 * reader's implementation (package {@code hibernate.mapping}), whose class files it reads from sark-migrate's and
 * defines itself, so that it links against the application's Hibernate. Nothing else of sark-migrate's (its Hibernate
 * 6.6, Liquibase, the JDBC driver) is seen from inside.
 */
public final class ApplicationHibernate {

    /** Packages whose classes are sark-migrate's, shared by both sides. */
    private static final List<String> SHARED = List.of("io.sark.migrate.hibernate.", "io.sark.migrate.schema.", "io.sark.migrate.errors.",
            "io.sark.migrate.diagnostics.", "io.sark.migrate.model.annotations.");

    /** The package that runs inside the application's Hibernate. */
    private static final String MAPPING = "io.sark.migrate.hibernate.mapping.";

    private static final String HIBERNATE_MARKER = "org/hibernate/Version.class";

    private ApplicationHibernate() {
    }

    /** Whether the class path {@code entries} carry a Hibernate ORM of their own. */
    public static boolean carriedBy(List<Path> entries) {
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                if (Files.isRegularFile(entry.resolve(HIBERNATE_MARKER))) {
                    return true;
                }
            } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    if (jar.getEntry(HIBERNATE_MARKER) != null) {
                        return true;
                    }
                } catch (IOException e) {
                    // not a readable jar: the class loader says so when a class is looked for in it
                }
            }
        }
        return false;
    }

    /** A loader over the application's class path {@code entries}, with its own Hibernate. */
    public static ClassLoader loader(List<Path> entries, ClassLoader sarkMigrate) {
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            try {
                urls.add(entry.toAbsolutePath().normalize().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Loader(urls, sarkMigrate, List.of(MAPPING));
    }

    static {
        // JDBC drivers are found once, through the context loader of the first caller: sark-migrate's, never this one's
        // (its driver classes are not sark-migrate's, and DriverManager would hand sark-migrate none).
        DriverManager.getDrivers();
    }

    /**
     * As {@link #loader(List, ClassLoader)}, where the classes of {@code ownPackages} too are read from sark-migrate's
     * class path and defined inside (tests put classes that run Hibernate there, such as their entities and the oracle).
     */
    public static ClassLoader loader(List<URL> urls, ClassLoader sarkMigrate, List<String> ownPackages) {
        List<String> own = new ArrayList<>(ownPackages);
        own.add(MAPPING);
        return new Loader(urls, sarkMigrate, own);
    }

    /** Whether {@code loader} is one of these. */
    public static boolean isOne(ClassLoader loader) {
        return loader instanceof Loader;
    }

    /** {@code reader}, run with {@code loader} as the thread's context loader (Hibernate finds classes by name there). */
    static MappingReader inItsLoader(MappingReader reader, ClassLoader loader) {
        return new MappingReader() {
            @Override
            public EntityModel read(List<Class<?>> entities, HibernateSettings settings) {
                return within(loader, () -> reader.read(entities, settings));
            }

            @Override
            public void checkSettings(HibernateSettings settings) {
                within(loader, () -> {
                    reader.checkSettings(settings);
                    return null;
                });
            }

            @Override
            public String hibernateVersion() {
                return within(loader, reader::hibernateVersion);
            }
        };
    }

    private static <T> T within(ClassLoader loader, Supplier<T> step) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return step.get();
        } catch (LinkageError e) {
            throw incomplete(e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** The line for an application class path whose Hibernate lacks a class it needs. */
    static Incomplete incomplete(Throwable e) {
        return new Incomplete("The application's Hibernate on --classpath cannot run: " + e.getClass().getSimpleName() + " "
                + e.getMessage() + ". Give its whole run-time class path (for a Maven project: mvn dependency:build-classpath).", e);
    }

    /** The application's class path carries a Hibernate that lacks what it needs. */
    public static final class Incomplete extends SarkMigrateException {
        Incomplete(String message, Throwable cause) {
            super(Kind.USAGE, message, cause);
        }
    }

    /**
     * Child-first over the application's class path; the JDK from the platform loader; {@link #SHARED} packages from
     * sark-migrate's loader; the own packages defined here from sark-migrate's class files.
     */
    private static final class Loader extends URLClassLoader {

        static {
            ClassLoader.registerAsParallelCapable();
        }

        private final ClassLoader sarkMigrate;
        private final List<String> own;

        Loader(List<URL> urls, ClassLoader sarkMigrate, List<String> own) {
            super("application-hibernate", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            this.sarkMigrate = sarkMigrate;
            this.own = List.copyOf(own);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null) {
                    if (own.stream().anyMatch(name::startsWith)) {
                        type = defineOwn(name);
                    } else if (SHARED.stream().anyMatch(name::startsWith)) {
                        type = sarkMigrate.loadClass(name);
                    } else {
                        try {
                            type = getParent().loadClass(name);
                        } catch (ClassNotFoundException notInTheJdk) {
                            type = findClass(name);
                        }
                    }
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        private Class<?> defineOwn(String name) throws ClassNotFoundException {
            try (InputStream in = sarkMigrate.getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
