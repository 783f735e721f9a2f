package io.sark.migrate.hibernate;

import io.sark.migrate.errors.SarkMigrateException;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Indexer;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.net.JarURLConnection;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Another project's compiled entities: a class loader over its jars and class folders ({@code --classpath}), and the
 * classes a package holds that JPA maps ({@code --entities-package}: {@code @Entity}, {@code @Embeddable},
 * {@code @MappedSuperclass}), found by their class files' annotations and loaded without running their static
 * initialisers.
 */
public final class EntityClasses {

    /** The value of --entities-package that means every mapped class of the class folders on --classpath. */
    public static final String EVERY_PACKAGE = "*";

    /** What cannot be found or loaded as asked: a usage error, in one line that says what to give instead. */
    public static final class Refused extends SarkMigrateException {

        Refused(String message) {
            super(Kind.USAGE, message);
        }
    }

    private EntityClasses() {
    }

    /**
     * A loader over {@code entries} (jars and class folders, checked to exist): in front of sark-migrate's own classes,
     * or, where they carry a Hibernate of their own, in a loader of their own with it ({@link ApplicationHibernate}).
     */
    public static ClassLoader loader(List<Path> entries, ClassLoader parent) {
        if (entries.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (Path entry : entries) {
            if (!Files.isDirectory(entry) && !(Files.isRegularFile(entry) && entry.toString().endsWith(".jar"))) {
                throw new Refused("--classpath: " + entry + " is neither a class folder nor a .jar file.");
            }
            try {
                urls.add(entry.toAbsolutePath().normalize().toUri().toURL());
            } catch (MalformedURLException e) {
                throw new Refused("--classpath: " + entry + " cannot be read as a class path entry.");
            }
        }
        if (ApplicationHibernate.carriedBy(entries)) {
            return ApplicationHibernate.loader(entries, parent);
        }
        return new URLClassLoader("entities", urls.toArray(URL[]::new), parent);
    }

    /** The paths of a {@code --classpath} value (separated by the platform's path separator). */
    public static List<Path> paths(List<String> values) {
        List<Path> paths = new ArrayList<>();
        for (String value : values == null ? List.<String>of() : values) {
            for (String part : value.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    paths.add(Path.of(part.strip()));
                }
            }
        }
        return paths;
    }

    /**
     * The JPA-mapped classes in {@code packageName} (and below it), by name, as {@code loader} sees them: those in the
     * {@code entries} (jars are read entry by entry, so a jar without folder entries is read too), and those in the
     * folders and jars the loader finds the package in.
     */
    public static List<Class<?>> inPackage(String packageName, List<Path> entries, ClassLoader loader) {
        boolean everywhere = packageName.strip().equals(EVERY_PACKAGE);
        String folder = everywhere ? "" : packageName.strip().replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            for (Path entry : entries) {
                if (everywhere) {
                    // the project's own classes, not every library's
                    if (Files.isDirectory(entry)) {
                        addFromFolder(entry, "", names);
                    }
                } else if (Files.isDirectory(entry)) {
                    addFromFolder(entry.resolve(folder), folder, names);
                } else {
                    try (JarFile jar = new JarFile(entry.toFile())) {
                        addFromJar(jar, folder, names);
                    }
                }
            }
            for (URL url : everywhere ? List.<URL>of() : Collections.list(loader.getResources(folder))) {
                if (url.getProtocol().equals("file")) {
                    addFromFolder(Path.of(url.toURI()), folder, names);
                } else if (url.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false); // a JarFile of our own, closed here, not the one classes are loaded from
                    try (JarFile jar = connection.getJarFile()) {
                        addFromJar(jar, folder, names);
                    }
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new Refused("--entities-package: cannot read the classes of package " + packageName.strip() + ": " + e.getMessage());
        }
        List<Class<?>> mapped = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith("module-info") || name.endsWith("package-info") || !mappedByItsAnnotations(name, loader)) {
                continue;
            }
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (UnsupportedClassVersionError e) {
                throw new Refused(tooNew("--entities-package", name, e));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new Refused("--entities-package: class " + name + " cannot be loaded (" + e.getMessage()
                        + "): put what it needs on --classpath too.");
            }
            if (annotated(type, Entity.class) || annotated(type, Embeddable.class) || annotated(type, MappedSuperclass.class)) {
                mapped.add(type);
            }
        }
        if (mapped.isEmpty() && everywhere) {
            throw new Refused("--entities-package " + EVERY_PACKAGE + ": no @Entity, @Embeddable or @MappedSuperclass class in the class"
                    + " folders of --classpath" + (entries.stream().anyMatch(Files::isDirectory) ? "" : " (it names none: give the project's"
                    + " compiled classes, e.g. target/classes)") + "; entities in a jar are found by their package: --entities-package PACKAGE.");
        }
        if (mapped.isEmpty()) {
            throw new Refused("--entities-package: no @Entity, @Embeddable or @MappedSuperclass class in package " + packageName.strip()
                    + " (check the name, and that its classes are on --classpath).");
        }
        return mapped;
    }

    /**
     * Whether {@code type} carries {@code annotation}, by the annotation's name: an application with a Hibernate of its
     * own has its own {@code jakarta.persistence} classes.
     */
    public static boolean annotated(Class<?> type, Class<? extends Annotation> annotation) {
        return Arrays.stream(type.getDeclaredAnnotations()).anyMatch(a -> a.annotationType().getName().equals(annotation.getName()));
    }

    private static final List<DotName> MAPPING = List.of(DotName.createSimple(Entity.class.getName()),
            DotName.createSimple(Embeddable.class.getName()), DotName.createSimple(MappedSuperclass.class.getName()));

    /**
     * Whether class {@code name}'s own annotations, read from its class file (Jandex, which Hibernate reads entities
     * with too), make it JPA-mapped: the package's other classes (controllers, repositories, the application class) are
     * never loaded, so their dependencies need not be on --classpath. A class file Jandex cannot read is loaded to see.
     */
    private static boolean mappedByItsAnnotations(String name, ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                return true;
            }
            Indexer indexer = new Indexer();
            indexer.index(in);
            ClassInfo info = indexer.complete().getClassByName(DotName.createSimple(name));
            return info == null || MAPPING.stream().anyMatch(annotation -> info.declaredAnnotation(annotation) != null);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static void addFromFolder(Path root, String folder, Set<String> names) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> names.add(
                    className((folder.isEmpty() ? "" : folder + "/") + root.relativize(f).toString().replace(File.separatorChar, '/'))));
        }
    }

    private static void addFromJar(JarFile jar, String folder, Set<String> names) {
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (entry.getName().startsWith(folder + "/") && entry.getName().endsWith(".class")) {
                names.add(className(entry.getName()));
            }
        }
    }

    private static String className(String resource) {
        return resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
    }

    private static final Pattern CLASS_FILE_VERSION = Pattern.compile("class file version (\\d+)");

    /**
     * The line for a class compiled for a newer Java than the one sark-migrate runs on: the JDK it needs, not the class
     * path (class file version 65 is Java 21: the major version less 44).
     */
    public static String tooNew(String option, String name, UnsupportedClassVersionError e) {
        Matcher version = CLASS_FILE_VERSION.matcher(String.valueOf(e.getMessage()));
        if (!version.find()) {
            return option + ": class " + name + " was compiled for a newer Java than the " + Runtime.version().feature()
                    + " sark-migrate runs on: run it with a newer JDK (JAVA_HOME).";
        }
        int java = Integer.parseInt(version.group(1)) - 44;
        return option + ": class " + name + " was compiled for Java " + java + ", and sark-migrate runs on Java " + Runtime.version().feature()
                + ": run it with JDK " + java + " or newer (JAVA_HOME).";
    }
}
