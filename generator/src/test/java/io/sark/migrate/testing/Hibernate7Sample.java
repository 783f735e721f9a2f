package io.sark.migrate.testing;

import io.sark.migrate.hibernate.ApplicationHibernate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hibernate 7, as an application that runs it has it: module {@code hibernate7-sample} (built before this one) is a
 * small application on Hibernate 7.4 whose run-time class path Maven resolved into its
 * {@code target/runtime-classpath.txt}. Tests read its entities through that class path, and reload the scenario
 * corpus's entities into it ({@link #reload}) to run them, and the Hibernate oracle, on Hibernate 7.
 */
public final class Hibernate7Sample {

    /** The sample module's folder, beside this module's. */
    public static final Path MODULE = Path.of("..", "hibernate7-sample").toAbsolutePath().normalize();

    private static final String ORACLE = "io.sark.migrate.testing.HibernateOracle";

    private static ClassLoader hibernate7;

    private Hibernate7Sample() {
    }

    /** The application's run-time class path: its compiled classes, then Hibernate 7 and what it needs. */
    public static List<Path> classpath() {
        Path file = MODULE.resolve("target/runtime-classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build module hibernate7-sample first (mvn -pl hibernate7-sample package).");
        }
        List<Path> entries = new ArrayList<>();
        entries.add(MODULE.resolve("target/classes"));
        try {
            for (String entry : Files.readString(file).strip().split(Pattern.quote(java.io.File.pathSeparator))) {
                entries.add(Path.of(entry));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    /** The sample's Spring Boot settings. */
    public static Path applicationProperties() {
        return MODULE.resolve("src/main/resources/application.properties");
    }

    /**
     * {@code entities} (of this module's tests, compiled against 6.6's JPA 3.1, which 3.2 reads), loaded again beside
     * Hibernate 7: the scenario corpus's classes and the oracle are defined in a loader over the sample's class path.
     */
    public static List<Class<?>> reload(List<Class<?>> entities) {
        List<Class<?>> reloaded = new ArrayList<>();
        for (Class<?> entity : entities) {
            try {
                reloaded.add(Class.forName(entity.getName(), false, loader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return reloaded;
    }

    /** The sample application's own entities, loaded beside its Hibernate 7 (where the {@link #oracle} runs). */
    public static List<Class<?>> entities() {
        List<Class<?>> entities = new ArrayList<>();
        for (String name : List.of("com.example.library.Author", "com.example.library.Book")) {
            try {
                entities.add(Class.forName(name, false, loader()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return entities;
    }

    private static synchronized ClassLoader loader() {
        if (hibernate7 == null) {
            List<URL> urls = new ArrayList<>();
            for (Path entry : classpath()) {
                try {
                    urls.add(entry.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new UncheckedIOException(e);
                }
            }
            hibernate7 = ApplicationHibernate.loader(urls, Hibernate7Sample.class.getClassLoader(),
                    List.of("io.sark.migrate.scenarios.", ORACLE, "io.sark.migrate.testing.TestDatabase"));
        }
        return hibernate7;
    }

    /** {@link HibernateOracle#check(String, List, Map, boolean)}, run by Hibernate 7 on entities {@link #reload}ed. */
    public static void oracle(TestDatabase db, List<Class<?>> reloaded, Map<String, String> settings, boolean validate) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader());
        try {
            Method check = loader().loadClass(ORACLE).getMethod("check", String.class, List.class, Map.class, boolean.class);
            check.invoke(null, db.jdbcUrl(), reloaded, settings, validate);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new AssertionError("Hibernate 7's oracle: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}
