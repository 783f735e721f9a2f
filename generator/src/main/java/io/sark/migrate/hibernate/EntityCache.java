package io.sark.migrate.hibernate;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.files.CacheFiles;
import io.sark.migrate.files.PrivateFolders;
import io.sark.migrate.schema.Schema;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the entities describe, kept from one run to the next, so that an unchanged model skips Hibernate's metadata
 * (1.6 s of 500 entities) and the scratch schema PostgreSQL builds from its DDL (1.3 s more). Two entries:
 * <ul>
 *   <li>the {@link EntityModel}, keyed by the bytes of every entity class and of every class their class files name
 *       that comes from the same class folders or jars (embeddables, enums, converters, superclasses), the size and
 *       time of every jar on the class path (the application's Hibernate, libraries), the settings, and the build of
 *       sark-migrate that read them;</li>
 *   <li>the schema PostgreSQL built from that model's DDL, keyed besides by what of the database the build depends
 *       on: the server's version, its extensions, its schemas, and the types and functions of {@code public} the DDL
 *       may name.</li>
 * </ul>
 * A key that cannot be taken (a class whose bytes cannot be read), an unreadable or foreign entry: the model is read
 * as before. Entries live in a folder of the user's own ({@code SARK_MIGRATE_ENTITY_CACHE} names another, or {@code off}
 * for none); the newest {@value #KEEP} models and as many schemas are kept.
 */
public final class EntityCache {

    private static final String FORMAT = "sark-migrate entities 1";
    private static final int KEEP = 32;
    /** What an entry may hold: the model's and the schema's values, and the JDK's collections and boxes. */
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "io.sark.migrate.schema.*;io.sark.migrate.hibernate.EntityModel;java.util.*;java.lang.*;!*");
    /** Packages whose classes are the platform's or Hibernate's, never the model's own. */
    private static final List<String> PLATFORM = List.of("java/", "javax/", "jakarta/", "jdk/", "sun/", "org/hibernate/");
    /** A class entry's name: {@code com/acme/Level}. */
    private static final Pattern INTERNAL_NAME = Pattern.compile("[\\w/$]+");
    /** A class named in a descriptor or signature: {@code Lcom/acme/Level;}. */
    private static final Pattern NAMED = Pattern.compile("L([\\w/$]+)[;<]");
    private static final String BUILD = build();

    private EntityCache() {
    }

    /** The entities' model: from the cache under {@code key} ({@link #key}) when there is one, else read and kept. */
    public static EntityModel model(Optional<String> key, List<Class<?>> entities, HibernateSettings settings) {
        Optional<EntityModel> kept;
        try (var t = Timings.phase("the model kept in the entity cache")) {
            kept = key.flatMap(k -> read(k + ".model", EntityModel.class));
        }
        if (kept.isPresent()) {
            return kept.get();
        }
        EntityModel model = EntityModel.read(entities, settings);
        key.ifPresent(k -> write(k + ".model", model));
        return model;
    }

    /** The key of the entities' model; empty when one cannot be taken. */
    public static Optional<String> key(List<Class<?>> entities, HibernateSettings settings) {
        if (entities.isEmpty() || "off".equals(configuredFolder())) {
            return Optional.empty();
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, FORMAT);
            update(digest, BUILD);
            update(digest, new TreeMap<>(settings.properties()).toString());
            for (Class<?> entity : entities) {
                update(digest, entity.getName());
            }
            for (String stamp : jarStamps(entities)) {
                update(digest, stamp);
            }
            for (var entry : classBytes(entities).entrySet()) {
                update(digest, entry.getKey());
                digest.update(entry.getValue());
            }
            return Optional.of(HexFormat.of().formatHex(digest.digest()).substring(0, 40));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The schema PostgreSQL builds from {@code model}'s DDL on {@code connection}'s server: kept under the model's key
     * and what of the database the build depends on; {@code build} makes it when none is kept.
     */
    public static Schema schema(Optional<String> modelKey, Connection connection, SchemaBuild build) throws SQLException {
        Optional<String> key;
        Optional<Schema> kept;
        try (var t = Timings.phase("the schema kept in the entity cache, for this server")) {
            key = modelKey == null || modelKey.isEmpty() ? Optional.empty() : serverKey(connection).map(server -> modelKey.get() + "-" + server);
            kept = key.flatMap(k -> read(k + ".schema", Schema.class));
        }
        if (kept.isPresent()) {
            return kept.get();
        }
        Schema schema = build.build();
        key.ifPresent(k -> write(k + ".schema", schema));
        return schema;
    }

    /** Builds the entities' schema when the cache has none. */
    @FunctionalInterface
    public interface SchemaBuild {
        Schema build() throws SQLException;
    }

    /** What of the database the scratch build depends on, as a short hash; empty when it cannot be read. */
    private static Optional<String> serverKey(Connection connection) {
        String query = "SELECT current_setting('server_version_num')"
                + " || '|' || coalesce((SELECT string_agg(extname || ' ' || extversion, ',' ORDER BY extname) FROM pg_extension), '')"
                + " || '|' || coalesce((SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace"
                + "     WHERE nspname NOT LIKE 'pg\\_temp\\_%' AND nspname NOT LIKE 'pg\\_toast\\_temp\\_%'), '')"
                + " || '|' || coalesce((SELECT string_agg(typname, ',' ORDER BY typname) FROM pg_type"
                + "     WHERE typnamespace = 'public'::regnamespace AND typrelid = 0 AND typcategory <> 'A'), '')"
                + " || '|' || coalesce((SELECT string_agg(p.oid::regprocedure::text, ',' ORDER BY 1) FROM pg_proc p"
                + "     WHERE pronamespace = 'public'::regnamespace), '')";
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, rs.getString(1));
            return Optional.of(HexFormat.of().formatHex(digest.digest()).substring(0, 24));
        } catch (SQLException | NoSuchAlgorithmException e) {
            return Optional.empty();
        } finally {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // the query's snapshot, not the build's
                }
            } catch (SQLException e) {
                // the build that follows reports a broken session
            }
        }
    }

    /**
     * The bytes of every entity class and of every class their class files name, transitively, that is found in the
     * same class folder or jar as an entity, by internal name. Names are looked up in those folders and jars alone
     * (the class path's other jars are stamped whole), which keeps the key of 500 entities to tens of milliseconds.
     */
    static TreeMap<String, byte[]> classBytes(List<Class<?>> entities) throws IOException {
        Map<String, ClassSource> roots = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>();
        try {
            for (Class<?> entity : entities) {
                String name = entity.getName().replace('.', '/');
                String root = rootOf(entity, name);
                if (!roots.containsKey(root)) {
                    roots.put(root, ClassSource.of(root));
                }
                todo.add(name);
            }
            TreeMap<String, byte[]> classes = new TreeMap<>();
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String name = todo.poll();
                if (!seen.add(name) || PLATFORM.stream().anyMatch(name::startsWith)) {
                    continue;
                }
                for (ClassSource source : roots.values()) {
                    byte[] bytes = source.read(name + ".class");
                    if (bytes != null) {
                        classes.put(name, bytes);
                        todo.addAll(namedIn(bytes));
                        break;
                    }
                }
            }
            return classes;
        } finally {
            for (ClassSource source : roots.values()) {
                source.close();
            }
        }
    }

    /**
     * Where {@code entity}'s class file is: its class folder ({@code file:/…/classes/}) or jar ({@code jar:file:/…!/}),
     * from its code source (asking the loader for the file searches every jar of a long class path first).
     */
    private static String rootOf(Class<?> entity, String name) throws IOException {
        var codeSource = entity.getProtectionDomain().getCodeSource();
        URL location = codeSource == null ? null : codeSource.getLocation();
        if (location != null && "file".equals(location.getProtocol())) {
            String text = location.toString();
            return text.endsWith("/") ? text : "jar:" + text + "!/";
        }
        ClassLoader loader = entity.getClassLoader() != null ? entity.getClassLoader() : ClassLoader.getSystemClassLoader();
        URL url = loader.getResource(name + ".class");
        if (url == null) {
            throw new IOException("no class file for " + entity.getName());
        }
        String text = url.toString();
        return text.substring(0, text.length() - (name + ".class").length());
    }

    /** A class folder or a jar, read by entry name. */
    private interface ClassSource {

        /** The entry's bytes, or null when it has none by that name. */
        byte[] read(String entry) throws IOException;

        default void close() throws IOException {
        }

        static ClassSource of(String root) throws IOException {
            try {
                if (root.startsWith("file:")) {
                    Path folder = Path.of(new URI(root));
                    return entry -> {
                        Path file = folder.resolve(entry);
                        return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
                    };
                }
                if (root.startsWith("jar:file:") && root.endsWith("!/")) {
                    JarFile jar = new JarFile(Path.of(new URI(root.substring("jar:".length(), root.length() - "!/".length()))).toFile());
                    return new ClassSource() {
                        @Override
                        public byte[] read(String entry) throws IOException {
                            JarEntry found = jar.getJarEntry(entry);
                            if (found == null) {
                                return null;
                            }
                            try (InputStream in = jar.getInputStream(found)) {
                                return in.readAllBytes();
                            }
                        }

                        @Override
                        public void close() throws IOException {
                            jar.close();
                        }
                    };
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IOException("cannot read classes from " + root, e);
            }
            throw new IOException("cannot read classes from " + root);
        }
    }

    /** The classes a class file names: its class entries, and those its descriptors, signatures and annotations name. */
    static Set<String> namedIn(byte[] classFile) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> {
                    String utf8 = in.readUTF();
                    if (utf8.indexOf('/') > 0 && INTERNAL_NAME.matcher(utf8).matches()) {
                        names.add(utf8); // a class entry's name
                    }
                    Matcher named = NAMED.matcher(utf8);
                    while (named.find()) {
                        names.add(named.group(1));
                    }
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // takes two entries
                }
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return names;
    }

    /** The path, size and time of every jar the entities' class loaders and the JVM's class path read. */
    private static List<String> jarStamps(List<Class<?>> entities) throws IOException {
        Set<String> jars = new LinkedHashSet<>();
        for (ClassLoader l = entities.get(0).getClassLoader(); l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol()) && url.getPath().endsWith(".jar")) {
                        jars.add(url.getPath());
                    }
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                jars.add(entry);
            }
        }
        List<String> stamps = new ArrayList<>();
        for (String jar : jars) {
            Path path = Path.of(jar);
            stamps.add(jar + " " + (Files.isRegularFile(path) ? Files.size(path) + " " + Files.getLastModifiedTime(path).toMillis() : "absent"));
        }
        return stamps;
    }

    private static <T> Optional<T> read(String entry, Class<T> type) {
        Path file = file(entry);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            in.setObjectInputFilter(FILTER);
            if (!FORMAT.equals(in.readUTF())) {
                return Optional.empty();
            }
            return Optional.of(type.cast(in.readObject()));
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return Optional.empty(); // another build's or a damaged entry: read again, and written over
        }
    }

    private static void write(String entry, Serializable value) {
        Path file = file(entry);
        if (file == null) {
            return;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeUTF(FORMAT);
                out.writeObject(value);
            }
            CacheFiles.write(file, bytes.toByteArray());
            CacheFiles.keepNewest(file.getParent(), ".model", KEEP);
            CacheFiles.keepNewest(file.getParent(), ".schema", KEEP);
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written: the next run reads the entities again
        }
    }

    /** An entry's file, in a folder of this user's own; null when there is none to be had. */
    private static Path file(String entry) {
        try {
            String configured = configuredFolder();
            if ("off".equals(configured)) {
                return null;
            }
            Path folder = configured != null ? Path.of(configured) : PrivateFolders.ensure(PrivateFolders.userCache()).resolve("entities");
            PrivateFolders.ensure(folder);
            return folder.resolve(entry);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The folder the user names for the cache ({@code off} for none), or null for the default. */
    private static String configuredFolder() {
        return System.getProperty("sark.migrate.entity-cache-dir", System.getenv("SARK_MIGRATE_ENTITY_CACHE"));
    }

    /**
     * What read the entities and built their schema: sark-migrate's code (the generator's, and the engine's catalog
     * reader). A jar by its path, size and time; a class folder (a build in progress) by the bytes of its classes.
     */
    private static String build() {
        StringBuilder stamp = new StringBuilder(String.valueOf(EntityCache.class.getPackage().getImplementationVersion()));
        for (Class<?> code : List.of(EntityCache.class, Schema.class)) {
            try {
                Path location = Path.of(code.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (Files.isDirectory(location)) {
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    try (var files = Files.walk(location)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                            update(digest, location.relativize(file).toString());
                            digest.update(Files.readAllBytes(file));
                        }
                    }
                    stamp.append(' ').append(HexFormat.of().formatHex(digest.digest()));
                } else {
                    stamp.append(' ').append(location).append(' ').append(Files.size(location)).append(' ')
                            .append(Files.getLastModifiedTime(location).toMillis());
                }
            } catch (Exception | LinkageError e) {
                stamp.append(" ?"); // no code source to stamp (a custom class loader): the version alone
            }
        }
        return stamp.toString();
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) (bytes.length >>> 24));
        digest.update((byte) (bytes.length >>> 16));
        digest.update((byte) (bytes.length >>> 8));
        digest.update((byte) bytes.length);
        digest.update(bytes);
    }
}
