package io.sark.migrate.postgres.server;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.files.Folders;
import io.sark.migrate.files.PrivateFolders;
import io.sark.migrate.postgres.IoErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded server's processes: started under a watchdog that stops it when this JVM ends (see
 * {@link EmbeddedPostgresServer}), waited for, stopped, found running on a data folder, and the orphans a killed
 * process left removed; each PostgreSQL program run inside a user namespace when this process is root.
 */
final class ServerProcesses {

    private ServerProcesses() {
    }

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

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private static final String UNPRIVILEGED_UID = "65534";

    /**
     * Starts the server under its watchdog (see the class comment), or with {@code pg_ctl} where there is no
     * {@code setsid} to give it a session of its own (then it is stopped on close, but not when this process is killed).
     * Returns when it accepts connections; null for a server started by pg_ctl.
     */
    static Process launch(PostgresBinaries binaries, Path dataDir, Path throwawayFolder, int port, boolean asRoot) {
        Optional<Path> setsid = onPath("setsid");
        if (setsid.isEmpty() || !Files.isExecutable(Path.of("/bin/sh"))) {
            List<String> command = List.of(binaries.program("pg_ctl").toString(), "-D", dataDir.toString(),
                    "-l", dataDir.resolve("server.log").toString(), "-o", "-p " + port,
                    "-w", "-t", String.valueOf(START_TIMEOUT.toSeconds()), "start");
            ProcessOutcome started;
            try (var t = Timings.phase("pg_ctl start")) {
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
        try (var t = Timings.phase("start PostgreSQL")) {
            Process watchdog = builder.start();
            awaitReady(watchdog, dataDir, port);
            return watchdog;
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not start the embedded PostgreSQL: " + IoErrors.describe(e), e);
        }
    }

    /** Waits until the server on {@code dataDir} says it is ready, failing with the end of its log if it stops first. */
    static void awaitReady(Process watchdog, Path dataDir, int port) {
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
                    } catch (IOException | UncheckedIOException beingWritten) {
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

    static String logTail(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("server.log"));
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "no log";
        }
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : (path + ":/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Optional.of(Path.of(dir, program));
            }
        }
        return Optional.empty();
    }

    /** Stops a server left running on {@code dataDir} by a process that is gone. */
    static void stop(PostgresBinaries binaries, Path dataDir, boolean asRoot) {
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
        try (var entries = Files.newDirectoryStream(tmp, EmbeddedPostgresServer.THROWAWAY_PREFIX + "*")) {
            for (Path folder : entries) {
                try {
                    PrivateFolders.check(folder);
                } catch (IOException | RuntimeException notOurs) {
                    continue;
                }
                Path owner = folder.resolve(EmbeddedPostgresServer.OWNER_FILE);
                boolean orphan = Files.exists(owner) ? !ClusterFiles.Owner.alive(owner)
                        // made by an older sark-migrate, or half deleted: an orphan once no server runs in it (a new
                        // folder gets its owner at once, so one without an owner for a minute is not being made)
                        : !postmasterAlive(folder) && !postmasterAlive(folder.resolve("data"))
                        && Files.getLastModifiedTime(folder).toInstant().isBefore(Instant.now().minusSeconds(60));
                if (orphan) {
                    stopPostmaster(folder.resolve("data"));
                    Folders.deleteRecursively(folder);
                    removed++;
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Best effort: a leftover folder costs disk, not correctness.
        }
        return removed;
    }

    static Optional<ProcessHandle> postmaster(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean postmasterAlive(Path dataDir) {
        return postmaster(dataDir).map(ProcessHandle::isAlive).orElse(false);
    }

    
    
    /** Kills the server of a throwaway folder whose owner is gone (its data is deleted next, so nothing is lost). */
    static void stopPostmaster(Path dataDir) {
        postmaster(dataDir).ifPresent(server -> {
            server.destroyForcibly();
            try {
                server.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // deleted all the same; the server's files go with it
            }
        });
    }

    /** The port of a server already running on {@code dataDir}, or null when none is. */
    static Integer runningPort(PostgresBinaries binaries, Path dataDir, boolean asRoot) {
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

    static boolean ownedByRoot(Path path) {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(path, "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("No free TCP port on 127.0.0.1 for PostgreSQL: " + e.getMessage(), e);
        }
    }

    record ProcessOutcome(int exitCode, String output) {
        String lastLines() {
            String[] lines = output.strip().split("\n");
            return String.join(" | ", List.of(lines).subList(Math.max(0, lines.length - 5), lines.length));
        }
    }

    static ProcessOutcome run(List<String> command, boolean asRoot, Duration timeout) {
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
