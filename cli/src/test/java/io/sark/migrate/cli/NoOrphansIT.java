package io.sark.migrate.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} in the middle of {@code validate}, {@code check} and {@code upgrade} on the embedded database leaves
 * no PostgreSQL running, and after the next run no data folder of the killed run either: whether only the JVM was
 * killed (its watchdog stops the server) or the watchdog with it (the server gets SIGINT as its parent dies). Each
 * trial kills at a random moment once the server is up. {@code -Dsark.test.killTrials=N} runs N trials of each.
 */
class NoOrphansIT {

    private static final int TRIALS = Integer.getInteger("sark.test.killTrials", 1);

    static Stream<Arguments> trials() {
        List<Arguments> trials = new ArrayList<>();
        for (int i = 0; i < TRIALS; i++) {
            for (String command : List.of("validate", "check", "upgrade")) {
                trials.add(Arguments.of(command, false));
                trials.add(Arguments.of(command, true));
            }
        }
        return trials.stream();
    }

    @ParameterizedTest(name = "kill -9 {0} (its watchdog too: {1})")
    @MethodSource("trials")
    void aKilledCommandLeavesNoServerAndNoDataFolder(String command, boolean watchdogToo, @TempDir Path workDir) throws Exception {
        String changelog = Launcher.PROJECT_CHANGELOG.toString();
        if (command.equals("upgrade")) {
            assertThat(Launcher.run(workDir, "upgrade", "001_initial", "--changelog-root", changelog).exitCode()).isZero();
        }
        Launcher.Started run = Launcher.start(workDir, command, "--changelog-root", changelog);
        ProcessHandle jvm = run.process().toHandle();
        List<ProcessHandle> servers = awaitServer(jvm);
        assertThat(servers).as("%s started a server under it", command).isNotEmpty();
        Thread.sleep(ThreadLocalRandom.current().nextInt(0, 1500));
        List<ProcessHandle> watchdogs = jvm.descendants().filter(p -> !isPostgres(p)).toList();
        List<Path> folders = throwawayFoldersOf(jvm.pid());

        run.kill();
        if (watchdogToo) {
            watchdogs.forEach(ProcessHandle::destroyForcibly);
        }
        for (ProcessHandle server : servers) {
            server.onExit().get(30, TimeUnit.SECONDS);
        }
        Launcher.Result next = Launcher.run(workDir, command.equals("upgrade") ? "current" : "validate", "--changelog-root", changelog);

        assertThat(servers).as("servers alive after the kill").noneMatch(ProcessHandle::isAlive);
        assertThat(next.exitCode()).as(next.err()).isZero();
        assertThat(throwawayFoldersOf(jvm.pid())).as("throwaway folders of the killed run, after the next run").isEmpty();
        assertThat(folders).as("nothing left of them either").noneMatch(Files::exists);
        assertThat(runningOn(workDir.resolve(".sark-migrate/pgdata"))).as("the embedded database's server after the next run").isEmpty();
    }

    private static List<ProcessHandle> awaitServer(ProcessHandle jvm) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && jvm.isAlive()) {
            List<ProcessHandle> servers = jvm.descendants().filter(NoOrphansIT::isPostgres).filter(p -> p.parent().map(parent -> !isPostgres(parent)).orElse(true)).toList();
            if (!servers.isEmpty()) {
                return servers;
            }
            Thread.sleep(20);
        }
        return List.of();
    }

    private static boolean isPostgres(ProcessHandle p) {
        return p.info().command().map(c -> c.endsWith("/postgres")).orElse(false);
    }

    private static List<Path> throwawayFoldersOf(long pid) throws Exception {
        List<Path> found = new ArrayList<>();
        try (var folders = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "sark-migrate-pgdata-*")) {
            for (Path folder : folders) {
                Path owner = folder.resolve("sark-migrate.owner");
                if (Files.exists(owner) && Files.readString(owner).startsWith(pid + " ")) {
                    found.add(folder);
                }
            }
        }
        return found;
    }

    private static Optional<ProcessHandle> runningOn(Path dataDir) throws Exception {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).filter(ProcessHandle::isAlive).filter(NoOrphansIT::isPostgres);
    }
}
