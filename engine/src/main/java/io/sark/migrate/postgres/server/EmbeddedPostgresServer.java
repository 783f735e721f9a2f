package io.sark.migrate.postgres.server;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.files.Folders;
import io.sark.migrate.files.PrivateFolders;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.IoErrors;
import io.sark.migrate.schema.Identifiers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real PostgreSQL server on 127.0.0.1, run from the binaries on the classpath: nothing to install, no Docker.
 *
 * <p>Two flavours: a <em>throwaway</em> server (temporary data folder, durability off for speed, deleted on close),
 * for tests and shadow databases; and a <em>persistent</em> one whose data folder survives between runs, for a
 * developer's local database (and the shadow cache).
 *
 * <p><b>Only its owner gets in.</b> Each cluster has a random superuser password, made when it is created and kept
 * in {@value #PASSWORD_FILE} inside its data folder (which PostgreSQL keeps {@code 0700}); {@code pg_hba.conf} asks
 * every connection for it ({@code scram-sha-256}), so another local account reaching the TCP port gets nowhere. A
 * cluster made by an older sark-migrate, which trusted every local connection, is given a password on its next start.
 *
 * <p><b>It dies with its process.</b> The server is not daemonized: it runs under a small shell watchdog whose standard
 * input is a pipe from this JVM. When the JVM ends in any way (a normal exit, Ctrl-C, {@code kill -9}), the pipe closes
 * and the watchdog stops the server at once and, for a throwaway one, deletes its data; if the watchdog itself is
 * killed, the server gets SIGINT as its parent dies ({@code setpriv --pdeathsig}). The server runs in a session of its
 * own, so a Ctrl-C at the terminal reaches this JVM (which rolls back what it was doing) and not the server under it.
 * A throwaway folder whose owner is gone all the same is removed by the next throwaway server's start, and a persistent
 * server found running is reused only while the process that started it lives, else stopped and started afresh.
 *
 * <p>PostgreSQL refuses to run as root. When this process is root (containers, CI machines), the server programs run
 * inside a user namespace ({@code unshare --user}) where they are an ordinary user, and the files they write stay
 * owned by the real user outside.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    /** The superuser's password, in the data folder. */
    static final String PASSWORD_FILE = "sark-migrate.password";
    /** Which process started the server running on the data folder: "PID START-MILLIS". */
    static final String OWNER_FILE = "sark-migrate.owner";
    static final String THROWAWAY_PREFIX = "sark-migrate-pgdata-";
                private static final AtomicBoolean ORPHANS_LOOKED_FOR = new AtomicBoolean();

    private final PostgresBinaries binaries;
    private final Path dataDir;
    private final Path throwawayFolder;
    private final int port;
    private final String password;
    private final Process watchdog;
    private final boolean startedHere;
    private final boolean asRoot;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedPostgresServer(PostgresBinaries binaries, Path dataDir, Path throwawayFolder, int port, String password,
                                   Process watchdog, boolean startedHere, boolean asRoot) {
        this.binaries = binaries;
        this.dataDir = dataDir;
        this.throwawayFolder = throwawayFolder;
        this.port = port;
        this.password = password;
        this.watchdog = watchdog;
        this.startedHere = startedHere;
        this.asRoot = asRoot;
        this.shutdownHook = new Thread(this::closeQuietly, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server in a new private temporary folder, tuned for speed over durability, and deleted on close (or by
     * its watchdog, or by the next run, when this process dies first).
     */
    public static EmbeddedPostgresServer startThrowaway() {
        if (ORPHANS_LOOKED_FOR.compareAndSet(false, true)) {
            ServerProcesses.removeOrphans(Path.of(System.getProperty("java.io.tmpdir")));
        }
        PostgresBinaries binaries;
        try (var t = Timings.phase("find the PostgreSQL binaries")) {
            binaries = PostgresBinaries.forThisMachine();
        }
        return startThrowaway(binaries, Map.of());
    }

    /**
     * {@link #startThrowaway()} on another installation ({@link PostgresBinaries#installed}), with server settings of
     * its own in {@code postgresql.conf} ({@code shared_preload_libraries = 'timescaledb'}, for one).
     */
    public static EmbeddedPostgresServer startThrowaway(PostgresBinaries binaries, Map<String, String> settings) {
        Path folder;
        try {
            folder = Files.createTempDirectory(THROWAWAY_PREFIX); // 0700
            ClusterFiles.Owner.write(folder.resolve(OWNER_FILE));
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not create a temporary folder for PostgreSQL: " + IoErrors.describe(e), e);
        }
        try {
            return start(binaries, settings, folder.resolve("data"), folder, false);
        } catch (RuntimeException | Error e) {
            Folders.deleteRecursively(folder);
            throw e;
        }
    }

    /**
     * Starts a server whose data lives in {@code dataDir}, creating the cluster on first use. A server already running
     * there is reused while the process that started it lives (this one, or another that shares the folder); one whose
     * owner is gone (a killed process left it) is stopped and started afresh, so that it dies with this process.
     */
    public static EmbeddedPostgresServer startPersistent(Path dataDir) {
        return start(dataDir.toAbsolutePath(), null, true);
    }

    /**
     * Starts a server for a cache kept in {@code dataDir}: the data survives between runs, tuned for speed over
     * durability like a throwaway one. The caller makes sure no other process uses the folder at the same time.
     */
    public static EmbeddedPostgresServer startCache(Path dataDir) {
        return start(dataDir.toAbsolutePath(), null, false);
    }

    private static EmbeddedPostgresServer start(Path dataDir, Path throwawayFolder, boolean durable) {
        PostgresBinaries binaries;
        try (var t = Timings.phase("find the PostgreSQL binaries")) {
            binaries = PostgresBinaries.forThisMachine();
        }
        return start(binaries, Map.of(), dataDir, throwawayFolder, durable);
    }

    private static EmbeddedPostgresServer start(PostgresBinaries binaries, Map<String, String> settings, Path dataDir,
                                                Path throwawayFolder, boolean durable) {
        try {
            Files.createDirectories(dataDir.getParent());
            PrivateFolders.ensure(dataDir);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not create the PostgreSQL data folder " + dataDir + " (" + IoErrors.describe(e)
                    + "); choose a writable folder.", e);
        }
        boolean asRoot = ServerProcesses.ownedByRoot(dataDir);
        String password = null;
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            try (var t = Timings.phase("initdb")) {
                password = ClusterFiles.initdb(binaries, dataDir, throwawayFolder != null || !durable, asRoot, settings);
            }
        } else {
            Integer running = ServerProcesses.runningPort(binaries, dataDir, asRoot);
            if (running != null) {
                if (ClusterFiles.Owner.alive(dataDir.resolve(OWNER_FILE)) && Files.exists(dataDir.resolve(PASSWORD_FILE))) {
                    return new EmbeddedPostgresServer(binaries, dataDir, null, running, ClusterFiles.readPassword(dataDir), null, false, asRoot);
                }
                ServerProcesses.stop(binaries, dataDir, asRoot); // its owner is gone: it must not outlive this process either
            }
        }
        int port = ServerProcesses.freePort();
        Process watchdog = ServerProcesses.launch(binaries, dataDir, throwawayFolder, port, asRoot);
        EmbeddedPostgresServer server = null;
        try {
            if (Files.exists(dataDir.resolve(PASSWORD_FILE))) {
                password = ClusterFiles.readPassword(dataDir);
            }
            server = new EmbeddedPostgresServer(binaries, dataDir, throwawayFolder, port, password, watchdog, true, asRoot);
            if (password == null) {
                server = server.withPasswordSet(); // made by an older sark-migrate, which trusted every local connection
            }
            if (throwawayFolder == null) {
                ClusterFiles.Owner.write(dataDir.resolve(OWNER_FILE));
            }
            return server;
        } catch (IOException e) {
            abandon(server, watchdog);
            throw new EmbeddedPostgresException("Could not prepare the embedded PostgreSQL in " + dataDir + " (" + IoErrors.describe(e) + ").", e);
        } catch (RuntimeException | Error e) {
            abandon(server, watchdog);
            throw e;
        }
    }

    private static void abandon(EmbeddedPostgresServer server, Process watchdog) {
        if (server != null) {
            server.closeQuietly();
        } else if (watchdog != null) {
            try {
                watchdog.getOutputStream().close();
            } catch (IOException e) {
                watchdog.destroyForcibly();
            }
        }
    }

    /**
     * Gives a cluster made by an older sark-migrate (whose pg_hba.conf trusted every local connection) a password,
     * and from then on asks every connection for it.
     */
    private EmbeddedPostgresServer withPasswordSet() throws IOException {
        String made = ClusterFiles.randomPassword();
        try (Connection c = DriverManager.getConnection(jdbcUrlWithoutPassword("postgres"), new Properties()); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + made + "'");
            Files.writeString(dataDir.resolve("pg_hba.conf"), ClusterFiles.HBA);
            ClusterFiles.writePassword(dataDir, made);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Could not give the embedded PostgreSQL in " + dataDir + " a password: " + e.getMessage(), e);
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        return new EmbeddedPostgresServer(binaries, dataDir, throwawayFolder, port, made, watchdog, startedHere, asRoot);
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
        return jdbcUrlWithoutPassword(database) + (password == null ? "" : "&password=" + password);
    }

    /** The URL without the password, to show or to hand on with the password apart ({@link #password()}). */
    public String jdbcUrlWithoutPassword(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /** The superuser's password (random, made with the cluster; URL-safe characters only). */
    public String password() {
        return password;
    }

    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("ApplicationName", ConnectionSettings.APPLICATION_NAME);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrlWithoutPassword(database), properties);
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
        if (startedHere && watchdog != null) {
            try {
                watchdog.getOutputStream().close(); // the watchdog stops the server (fast shutdown), then exits
                if (!watchdog.waitFor(ServerProcesses.STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    ServerProcesses.postmaster(dataDir).ifPresent(ProcessHandle::destroyForcibly);
                    watchdog.destroyForcibly();
                    if (throwawayFolder == null) {
                        throw new EmbeddedPostgresException("The embedded PostgreSQL server in " + dataDir + " did not stop within "
                                + ServerProcesses.STOP_TIMEOUT.toSeconds() + " s; it was killed.");
                    }
                }
            } catch (IOException e) {
                watchdog.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ServerProcesses.postmaster(dataDir).ifPresent(ProcessHandle::destroyForcibly);
            }
        } else if (startedHere) {
            ServerProcesses.ProcessOutcome stopped = ServerProcesses.run(List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(),
                    "-m", "fast", "-w", "-t", "30", "stop"), asRoot, Duration.ofSeconds(40));
            if (stopped.exitCode() != 0 && throwawayFolder == null) {
                throw new EmbeddedPostgresException("The embedded PostgreSQL server in " + dataDir
                        + " did not stop: " + stopped.lastLines());
            }
        }
        if (throwawayFolder != null) {
            Folders.deleteRecursively(throwawayFolder);
        } else if (startedHere) {
            try {
                Files.deleteIfExists(dataDir.resolve(OWNER_FILE));
            } catch (IOException ignored) {
                // an owner that is gone is told by its process id
            }
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

    
    
    
    }
