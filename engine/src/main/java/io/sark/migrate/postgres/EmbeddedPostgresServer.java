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
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

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
    private static final String OWNER_FILE = "sark-migrate.owner";
    private static final String THROWAWAY_PREFIX = "sark-migrate-pgdata-";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final String UNPRIVILEGED_UID = "65534";
    private static final java.util.concurrent.atomic.AtomicBoolean ORPHANS_LOOKED_FOR = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * The watchdog: starts the server (the arguments after the first) in the background, and stops it with SIGINT
     * (PostgreSQL's fast shutdown) when its standard input closes, that is when the JVM that holds the other end is
     * gone. It ignores the terminal's signals, which are for the JVM. Then, for a throwaway server, it deletes the
     * folder named by its first argument.
     */
    private static final String WATCHDOG = String.join("\n",
            "trap '' INT TERM HUP QUIT",
            "folder=$1; shift",
            "exec 3<&0",
            "\"$@\" </dev/null &",
            "server=$!",
            "( while read -r _ <&3; do :; done; kill -INT \"$server\" 2>/dev/null ) &",
            "watcher=$!",
            "exec 3<&-",
            "wait \"$server\"; status=$?",
            "kill -KILL \"$watcher\" 2>/dev/null",
            "[ -n \"$folder\" ] && rm -rf \"$folder\"",
            "exit $status");

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
            removeOrphans(Path.of(System.getProperty("java.io.tmpdir")));
        }
        PostgresBinaries binaries;
        try (var t = io.sark.migrate.diagnostics.Timings.phase("find the PostgreSQL binaries")) {
            binaries = PostgresBinaries.forThisMachine();
        }
        return startThrowaway(binaries, java.util.Map.of());
    }

    /**
     * {@link #startThrowaway()} on another installation ({@link PostgresBinaries#installed}), with server settings of
     * its own in {@code postgresql.conf} ({@code shared_preload_libraries = 'timescaledb'}, for one).
     */
    public static EmbeddedPostgresServer startThrowaway(PostgresBinaries binaries, java.util.Map<String, String> settings) {
        Path folder;
        try {
            folder = Files.createTempDirectory(THROWAWAY_PREFIX); // 0700
            Owner.write(folder.resolve(OWNER_FILE));
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
        try (var t = io.sark.migrate.diagnostics.Timings.phase("find the PostgreSQL binaries")) {
            binaries = PostgresBinaries.forThisMachine();
        }
        return start(binaries, java.util.Map.of(), dataDir, throwawayFolder, durable);
    }

    private static EmbeddedPostgresServer start(PostgresBinaries binaries, java.util.Map<String, String> settings, Path dataDir,
                                                Path throwawayFolder, boolean durable) {
        try {
            Files.createDirectories(dataDir.getParent());
            io.sark.migrate.files.PrivateFolders.ensure(dataDir);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not create the PostgreSQL data folder " + dataDir + " (" + IoErrors.describe(e)
                    + "); choose a writable folder.", e);
        }
        boolean asRoot = ownedByRoot(dataDir);
        String password = null;
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            try (var t = io.sark.migrate.diagnostics.Timings.phase("initdb")) {
                password = initdb(binaries, dataDir, throwawayFolder != null || !durable, asRoot, settings);
            }
        } else {
            Integer running = runningPort(binaries, dataDir, asRoot);
            if (running != null) {
                if (Owner.alive(dataDir.resolve(OWNER_FILE)) && Files.exists(dataDir.resolve(PASSWORD_FILE))) {
                    return new EmbeddedPostgresServer(binaries, dataDir, null, running, readPassword(dataDir), null, false, asRoot);
                }
                stop(binaries, dataDir, asRoot); // its owner is gone: it must not outlive this process either
            }
        }
        int port = freePort();
        Process watchdog = launch(binaries, dataDir, throwawayFolder, port, asRoot);
        EmbeddedPostgresServer server = null;
        try {
            if (Files.exists(dataDir.resolve(PASSWORD_FILE))) {
                password = readPassword(dataDir);
            }
            server = new EmbeddedPostgresServer(binaries, dataDir, throwawayFolder, port, password, watchdog, true, asRoot);
            if (password == null) {
                server = server.withPasswordSet(); // made by an older sark-migrate, which trusted every local connection
            }
            if (throwawayFolder == null) {
                Owner.write(dataDir.resolve(OWNER_FILE));
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
     * Starts the server under its watchdog (see the class comment), or with {@code pg_ctl} where there is no
     * {@code setsid} to give it a session of its own (then it is stopped on close, but not when this process is killed).
     * Returns when it accepts connections; null for a server started by pg_ctl.
     */
    private static Process launch(PostgresBinaries binaries, Path dataDir, Path throwawayFolder, int port, boolean asRoot) {
        Optional<Path> setsid = onPath("setsid");
        if (setsid.isEmpty() || !Files.isExecutable(Path.of("/bin/sh"))) {
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
            return null;
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "sark-migrate-postgres",
                throwawayFolder == null ? "" : throwawayFolder.toString(), setsid.get().toString(), "--wait"));
        onPath("setpriv").ifPresent(setpriv -> command.addAll(List.of(setpriv.toString(), "--pdeathsig", "INT")));
        if (asRoot) {
            command.addAll(List.of("unshare", "--user", "--map-user=" + UNPRIVILEGED_UID, "--map-group=" + UNPRIVILEGED_UID));
        }
        command.addAll(List.of(binaries.program("postgres").toString(), "-D", dataDir.toString(), "-p", String.valueOf(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
        builder.environment().put("LC_ALL", "C");
        try (var t = io.sark.migrate.diagnostics.Timings.phase("start PostgreSQL")) {
            Process watchdog = builder.start();
            awaitReady(watchdog, dataDir, port);
            return watchdog;
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not start the embedded PostgreSQL: " + IoErrors.describe(e), e);
        }
    }

    /** Waits until the server on {@code dataDir} says it is ready, failing with the end of its log if it stops first. */
    private static void awaitReady(Process watchdog, Path dataDir, int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            while (true) {
                if (Files.exists(pidFile)) {
                    try {
                        List<String> lines = Files.readAllLines(pidFile);
                        if (lines.size() > 7 && lines.get(3).strip().equals(String.valueOf(port)) && lines.get(7).strip().equals("ready")) {
                            return;
                        }
                    } catch (IOException | java.io.UncheckedIOException beingWritten) {
                        // read again
                    }
                }
                if (!watchdog.isAlive() || System.nanoTime() > deadline) {
                    watchdog.getOutputStream().close();
                    watchdog.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    throw new EmbeddedPostgresException("The embedded PostgreSQL server did not start" + (watchdog.isAlive() ? " within "
                            + START_TIMEOUT.toSeconds() + " s" : "") + " (see " + dataDir.resolve("server.log") + "): " + logTail(dataDir));
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watchdog.destroyForcibly();
            throw new EmbeddedPostgresException("Interrupted while the embedded PostgreSQL started", e);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not start the embedded PostgreSQL: " + IoErrors.describe(e), e);
        }
    }

    private static String logTail(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("server.log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "no log";
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Optional.of(Path.of(dir, program));
            }
        }
        return Optional.empty();
    }

    /** Creates the cluster with a random superuser password (returned, and kept in the data folder). */
    private static String initdb(PostgresBinaries binaries, Path dataDir, boolean fast, boolean asRoot, java.util.Map<String, String> settings) {
        String password = randomPassword();
        Path passwordFile;
        try {
            passwordFile = Files.createTempFile(dataDir.getParent(), ".initdb-", ".pw"); // 0600, beside the folder initdb fills
            Files.writeString(passwordFile, password + "\n");
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not write beside " + dataDir + " (" + IoErrors.describe(e) + ").", e);
        }
        try {
            List<String> command = List.of(binaries.program("initdb").toString(), "-D", dataDir.toString(),
                    "-U", SUPERUSER, "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C", "--no-instructions");
            ProcessOutcome outcome = run(command, asRoot, Duration.ofMinutes(2));
            if (outcome.exitCode() != 0) {
                throw new EmbeddedPostgresException("initdb could not create a PostgreSQL cluster in " + dataDir + ": "
                        + outcome.lastLines());
            }
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException ignored) {
                // 0600, and named as scratch
            }
        }
        StringBuilder conf = new StringBuilder("\n# sark-migrate: local only\n")
                .append("listen_addresses = '127.0.0.1'\n")
                .append("unix_socket_directories = ''\n")
                .append("password_encryption = 'scram-sha-256'\n")
                .append("timezone = 'UTC'\n")
                .append("max_connections = 100\n");
        if (fast) {
            // Nothing in a throwaway cluster (or a cache) needs to survive a crash; these make DDL-heavy work several times faster.
            conf.append("fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        }
        settings.forEach((name, value) -> conf.append(name).append(" = ").append(value).append('\n'));
        try {
            Files.writeString(dataDir.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            writePassword(dataDir, password);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not configure " + dataDir.resolve("postgresql.conf") + ": " + IoErrors.describe(e), e);
        }
        return password;
    }

    /**
     * Gives a cluster made by an older sark-migrate (whose pg_hba.conf trusted every local connection) a password,
     * and from then on asks every connection for it.
     */
    private EmbeddedPostgresServer withPasswordSet() throws IOException {
        String made = randomPassword();
        try (Connection c = DriverManager.getConnection(jdbcUrlWithoutPassword("postgres"), new Properties()); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + made + "'");
            Files.writeString(dataDir.resolve("pg_hba.conf"), HBA);
            writePassword(dataDir, made);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new EmbeddedPostgresException("Could not give the embedded PostgreSQL in " + dataDir + " a password: " + e.getMessage(), e);
        }
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
        return new EmbeddedPostgresServer(binaries, dataDir, throwawayFolder, port, made, watchdog, startedHere, asRoot);
    }

    private static final String HBA = "# sark-migrate: every connection gives the superuser's password (see " + PASSWORD_FILE + ")\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n";

    private static void writePassword(Path dataDir, String password) throws IOException {
        Path file = dataDir.resolve(PASSWORD_FILE);
        Path scratch = Files.createTempFile(dataDir, ".password-", ".tmp"); // 0600
        Files.writeString(scratch, password + "\n");
        Files.move(scratch, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String readPassword(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve(PASSWORD_FILE)).strip();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not read the embedded PostgreSQL's password in " + dataDir + " ("
                    + IoErrors.describe(e) + ").", e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Stops a server left running on {@code dataDir} by a process that is gone. */
    private static void stop(PostgresBinaries binaries, Path dataDir, boolean asRoot) {
        ProcessOutcome stopped = run(List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(),
                "-m", "fast", "-w", "-t", "30", "stop"), asRoot, Duration.ofSeconds(40));
        if (stopped.exitCode() != 0 && runningPort(binaries, dataDir, asRoot) != null) {
            throw new EmbeddedPostgresException("A server left running in " + dataDir + " did not stop: " + stopped.lastLines());
        }
    }

    /**
     * Removes what killed processes left in {@code tmp}: each throwaway folder of this user whose owner is gone, with
     * the server still running in it, if any. Folders of live processes, and of other users, are left alone.
     */
    static int removeOrphans(Path tmp) {
        int removed = 0;
        try (var entries = Files.newDirectoryStream(tmp, THROWAWAY_PREFIX + "*")) {
            for (Path folder : entries) {
                try {
                    io.sark.migrate.files.PrivateFolders.check(folder);
                } catch (IOException | RuntimeException notOurs) {
                    continue;
                }
                Path owner = folder.resolve(OWNER_FILE);
                boolean orphan = Files.exists(owner) ? !Owner.alive(owner)
                        // made by an older sark-migrate, or half deleted: an orphan once no server runs in it (a new
                        // folder gets its owner at once, so one without an owner for a minute is not being made)
                        : !postmasterAlive(folder) && !postmasterAlive(folder.resolve("data"))
                        && Files.getLastModifiedTime(folder).toInstant().isBefore(java.time.Instant.now().minusSeconds(60));
                if (orphan) {
                    stopPostmaster(folder.resolve("data"));
                    Folders.deleteRecursively(folder);
                    removed++;
                }
            }
        } catch (IOException | java.nio.file.DirectoryIteratorException e) {
            // Best effort: a leftover folder costs disk, not correctness.
        }
        return removed;
    }

    private static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean postmasterAlive(Path dataDir) {
        return postmaster(dataDir).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Kills the server of a throwaway folder whose owner is gone (its data is deleted next, so nothing is lost). */
    private static void stopPostmaster(Path dataDir) {
        postmaster(dataDir).ifPresent(server -> {
            server.destroyForcibly();
            try {
                server.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // deleted all the same; the server's files go with it
            }
        });
    }

    /** Who started a server: a process is known by its id and its start time, since ids are reused. */
    static final class Owner {

        private Owner() {
        }

        static void write(Path file) throws IOException {
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(file, self.pid() + " " + self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L) + "\n");
        }

        static boolean alive(Path file) {
            try {
                String[] fields = Files.readString(file).strip().split(" ");
                long started = Long.parseLong(fields[1]);
                return ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive)
                        .map(p -> started == 0 || p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(started) == started)
                        .orElse(false);
            } catch (IOException | RuntimeException e) {
                return false;
            }
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
                if (!watchdog.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    postmaster(dataDir).ifPresent(ProcessHandle::destroyForcibly);
                    watchdog.destroyForcibly();
                    if (throwawayFolder == null) {
                        throw new EmbeddedPostgresException("The embedded PostgreSQL server in " + dataDir + " did not stop within "
                                + STOP_TIMEOUT.toSeconds() + " s; it was killed.");
                    }
                }
            } catch (IOException e) {
                watchdog.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                postmaster(dataDir).ifPresent(ProcessHandle::destroyForcibly);
            }
        } else if (startedHere) {
            ProcessOutcome stopped = run(List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(),
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
