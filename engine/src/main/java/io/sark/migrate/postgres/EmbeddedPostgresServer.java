package io.sark.migrate.postgres;

import io.sark.migrate.files.Folders;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server on 127.0.0.1, run from the binaries on the classpath: nothing to install, no Docker.
 *
 * <p>Two flavours: a <em>throwaway</em> server (temporary data folder, durability off for speed, deleted on close),
 * for tests and shadow databases; and a <em>persistent</em> one whose data folder survives between runs, for a
 * developer's local database. A persistent server that is already running (left by a killed process) is reused
 * rather than started twice.
 *
 * <p>PostgreSQL refuses to run as root. When this process is root (containers, CI machines), the server programs run
 * inside a user namespace ({@code unshare --user}) where they are an ordinary user, and the files they write stay
 * owned by the real user outside.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String UNPRIVILEGED_UID = "65534";

    private final PostgresBinaries binaries;
    private final Path dataDir;
    private final int port;
    private final boolean throwaway;
    private final boolean startedHere;
    private final boolean asRoot;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedPostgresServer(PostgresBinaries binaries, Path dataDir, int port, boolean throwaway,
                                   boolean startedHere, boolean asRoot) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.port = port;
        this.throwaway = throwaway;
        this.startedHere = startedHere;
        this.asRoot = asRoot;
        this.shutdownHook = new Thread(this::closeQuietly, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server in a new temporary folder, tuned for speed over durability, and deleted on close. */
    public static EmbeddedPostgresServer startThrowaway() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("sark-migrate-pgdata-");
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not create a temporary folder for PostgreSQL: " + e.getMessage(), e);
        }
        return start(dataDir, true, false);
    }

    /**
     * Starts (or reuses, when it is already running) a server whose data lives in {@code dataDir}, creating the
     * cluster on first use.
     */
    public static EmbeddedPostgresServer startPersistent(Path dataDir) {
        return start(dataDir.toAbsolutePath(), false, true);
    }

    /**
     * Starts a server for a cache kept in {@code dataDir}: the data survives between runs (tuned for speed over
     * durability, like a throwaway one), and the server is stopped on close, also when it was found running (a
     * process that was killed left it). The caller makes sure no other process uses the folder at the same time.
     */
    public static EmbeddedPostgresServer startCache(Path dataDir) {
        EmbeddedPostgresServer server = start(dataDir.toAbsolutePath(), false, false);
        if (!server.startedHere) {
            server.close(); // only forgets it: a server this object did not start is not stopped
            ProcessOutcome stopped = run(List.of(server.binaries.program("pg_ctl").toString(), "-D", server.dataDir.toString(),
                    "-m", "fast", "-w", "-t", "30", "stop"), server.asRoot, Duration.ofSeconds(40));
            if (stopped.exitCode() != 0) {
                throw new EmbeddedPostgresException("A server left running in " + dataDir + " did not stop: " + stopped.lastLines());
            }
            return start(dataDir.toAbsolutePath(), false, false);
        }
        return server;
    }

    private static EmbeddedPostgresServer start(Path dataDir, boolean throwaway, boolean durable) {
        PostgresBinaries binaries;
        try (var t = io.sark.migrate.diagnostics.Timings.phase("find the PostgreSQL binaries")) {
            binaries = PostgresBinaries.forThisMachine();
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not create the PostgreSQL data folder " + dataDir + " (" + IoErrors.describe(e)
                    + "); choose a writable folder.", e);
        }
        boolean asRoot = ownedByRoot(dataDir);
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            try (var t = io.sark.migrate.diagnostics.Timings.phase("initdb")) {
                initdb(binaries, dataDir, !durable, asRoot);
            }
        } else {
            Integer running = runningPort(binaries, dataDir, asRoot);
            if (running != null) {
                return new EmbeddedPostgresServer(binaries, dataDir, running, false, false, asRoot);
            }
        }
        int port = freePort();
        List<String> command = List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(),
                "-l", dataDir.resolve("server.log").toString(), "-o", "-p " + port,
                "-w", "-t", String.valueOf(START_TIMEOUT.toSeconds()), "start");
        ProcessOutcome started;
        try (var t = io.sark.migrate.diagnostics.Timings.phase("pg_ctl start")) {
            started = run(command, asRoot, START_TIMEOUT.plusSeconds(5));
        }
        if (started.exitCode() != 0) {
            throw new EmbeddedPostgresException("The embedded PostgreSQL server did not start (see "
                    + dataDir.resolve("server.log") + "): " + started.lastLines());
        }
        return new EmbeddedPostgresServer(binaries, dataDir, port, throwaway, true, asRoot);
    }

    private static void initdb(PostgresBinaries binaries, Path dataDir, boolean fast, boolean asRoot) {
        List<String> command = List.of(binaries.program("initdb").toString(), "-D", dataDir.toString(),
                "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-instructions");
        ProcessOutcome outcome = run(command, asRoot, Duration.ofMinutes(2));
        if (outcome.exitCode() != 0) {
            throw new EmbeddedPostgresException("initdb could not create a PostgreSQL cluster in " + dataDir + ": "
                    + outcome.lastLines());
        }
        StringBuilder conf = new StringBuilder("\n# sark-migrate: local only\n")
                .append("listen_addresses = '127.0.0.1'\n")
                .append("unix_socket_directories = ''\n")
                .append("timezone = 'UTC'\n")
                .append("max_connections = 100\n");
        if (fast) {
            // Nothing in a throwaway cluster (or a cache) needs to survive a crash; these make DDL-heavy work several times faster.
            conf.append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        try {
            Files.writeString(dataDir.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not configure " + dataDir.resolve("postgresql.conf") + ": " + e.getMessage(), e);
        }
    }

    /** The port of a server already running on {@code dataDir}, or null when none is. */
    private static Integer runningPort(PostgresBinaries binaries, Path dataDir, boolean asRoot) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return null;
        }
        ProcessOutcome status = run(List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(), "status"),
                asRoot, Duration.ofSeconds(30));
        if (status.exitCode() != 0) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.size() > 3 ? Integer.valueOf(lines.get(3).trim()) : null;
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return dataDir;
    }

    /** The PostgreSQL installation the server runs from (its {@code bin}, {@code lib} and {@code share} folders). */
    public Path installation() {
        return binaries.home();
    }

    /** A JDBC URL for {@code database} on this server, as the superuser. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", ConnectionSettings.APPLICATION_NAME);
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Creates an empty database, a copy of {@code template0}. */
    public void createDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + Identifiers.quote(name) + " TEMPLATE template0");
        }
    }

    public void dropDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
        }
    }

    public boolean databaseExists(String name) throws SQLException {
        try (Connection c = connect("postgres");
             var ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Stops the server if this object started it; deletes a throwaway server's data. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from the hook itself.
        }
        if (startedHere) {
            ProcessOutcome stopped = run(List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(),
                    "-m", "fast", "-w", "-t", "30", "stop"), asRoot, Duration.ofSeconds(40));
            if (stopped.exitCode() != 0 && !throwaway) {
                throw new EmbeddedPostgresException("The embedded PostgreSQL server in " + dataDir
                        + " did not stop: " + stopped.lastLines());
            }
        }
        if (throwaway) {
            Folders.deleteRecursively(dataDir);
        }
    }

    /**
     * Something the process must let finish before a server it started is stopped on exit: a command interrupted by
     * Ctrl-C still rolls back its changeset and reads where the database stands, on this server. Shutdown hooks run
     * together, so the server's hook waits for it.
     */
    private static volatile Runnable beforeStopOnExit = () -> { };

    public static void beforeStopOnExit(Runnable wait) {
        beforeStopOnExit = wait;
    }

    private void closeQuietly() {
        try {
            beforeStopOnExit.run();
        } catch (RuntimeException e) {
            // Stop the server all the same.
        }
        try {
            close();
        } catch (RuntimeException e) {
            // The JVM is going down; nothing more to do.
        }
    }

    private static boolean ownedByRoot(Path path) {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(path, "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("No free TCP port on 127.0.0.1 for PostgreSQL: " + e.getMessage(), e);
        }
    }

    private record ProcessOutcome(int exitCode, String output) {
        String lastLines() {
            String[] lines = output.strip().split("\n");
            return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 5), lines.length));
        }
    }

    private static ProcessOutcome run(List<String> command, boolean asRoot, Duration timeout) {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("unshare", "--user", "--map-user=" + UNPRIVILEGED_UID, "--map-group=" + UNPRIVILEGED_UID));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            if (asRoot) {
                throw new EmbeddedPostgresException("PostgreSQL will not run as root, and 'unshare' (util-linux) is not"
                        + " available to run it as an unprivileged user. Run sark-migrate as a regular user, or point it"
                        + " at a server with --url.", e);
            }
            throw new EmbeddedPostgresException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        }
        try {
            // pg_ctl hands its output file to the server it starts; read until our child exits, not until EOF.
            process.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // The stream closes with the process.
                }
            }, "embedded-postgres-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new EmbeddedPostgresException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            reader.join(2000);
            String text = output.toString();
            if (asRoot && process.exitValue() != 0 && text.contains("unshare")) {
                throw new EmbeddedPostgresException("PostgreSQL will not run as root, and this machine does not allow"
                        + " user namespaces to run it as an unprivileged user (" + text.strip() + "). Run sark-migrate"
                        + " as a regular user, or point it at a server with --url.");
            }
            return new ProcessOutcome(process.exitValue(), text);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new EmbeddedPostgresException("Interrupted while running " + command.get(0), e);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }
}
