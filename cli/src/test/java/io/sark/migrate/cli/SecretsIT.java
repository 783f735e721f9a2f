package io.sark.migrate.cli;

import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords never appear in what sark-migrate prints: its output, its errors, --json, or the libraries' logs under
 * --verbose (stack traces included), whether the password came in the URL, a file or POSTGRES_PASSWORD.
 */
@ExtendWith(FreshDatabase.class)
class SecretsIT {

    private static final String PASSWORD = "Pa55-w0rd-4c9e";
    private static final String WRONG = "Wr0ng-77b1";
    private static final String SENTINEL = "Sentinel-9f3a-right";
    private static final String WRONG_SENTINEL = "Sentinel-51d0-wrong";

    @Test
    void noPasswordInAnyOutputOrLog(TestDatabase db, @TempDir Path workDir) throws Exception {
        String user = PasswordLogin.require("secret_user", PASSWORD);
        db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + user + "; ALTER SCHEMA public OWNER TO " + user);
        String url = db.jdbcUrl().replaceFirst("\\?.*", "") + "?user=" + user;
        Path passwordFile = Files.writeString(workDir.resolve("pw"), PASSWORD + "\n");
        String changelog = Launcher.PROJECT_CHANGELOG.toString();

        List<Launcher.Result> runs = new ArrayList<>();
        runs.add(Launcher.run(workDir, "upgrade", "--verbose", "--url", url + "&password=" + PASSWORD, "--changelog-root", changelog));
        runs.add(Launcher.run(workDir, "history", "--verbose", "--json", "--url", url + "&password=" + PASSWORD, "--changelog-root", changelog));
        runs.add(Launcher.run(workDir, "upgrade", "--sql", "--verbose", "--url", url, "--password-file", passwordFile.toString(),
                "--changelog-root", changelog));
        runs.add(Launcher.run(workDir, "check", "--verbose", "--url", url + "&password=" + PASSWORD, "--changelog-root", changelog));
        runs.add(Launcher.run(workDir, "downgrade", "nope", "--verbose", "--json", "--url", url + "&password=" + PASSWORD,
                "--changelog-root", changelog));
        runs.add(Launcher.run(workDir, "current", "--verbose", "--json", "--url", url + "&password=" + WRONG));
        runs.add(Launcher.run(workDir, "current", "--verbose", "--url", url, "--password-file",
                Files.writeString(workDir.resolve("wrong"), WRONG).toString()));
        runs.add(withEnvironment(workDir, "POSTGRES_HOST=127.0.0.1", "POSTGRES_PORT=" + TestPostgres.server().port(),
                "POSTGRES_DB=" + db.name(), "POSTGRES_USER=" + user, "POSTGRES_PASSWORD=" + WRONG));

        assertThat(runs.get(0).exitCode()).as(runs.get(0).err()).isZero();
        assertThat(runs.get(1).out()).contains("\"revisions\"");
        assertThat(runs.get(2).out()).contains("-- Against: " + user + "@jdbc:postgresql://");
        assertThat(runs.get(5).exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(runs.get(5).err()).contains("\tat ");
        for (Launcher.Result run : runs) {
            assertThat(run.out() + run.err()).doesNotContain(PASSWORD, WRONG);
        }
    }

    /**
     * A sentinel password in every form a URL can carry it (user-info, password=, sslpassword=) and in the environment,
     * through every command that takes a database, failing at login and at the connection, with --verbose and --json;
     * then --targets, whose children's command lines are read from /proc while they run. The sentinel may appear nowhere.
     */
    @Test
    void aSentinelPasswordAppearsInNoOutputAndOnNoCommandLine(TestDatabase db, @TempDir Path workDir) throws Exception {
        String user = PasswordLogin.require("sentinel_user", SENTINEL);
        db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + user + "; ALTER SCHEMA public OWNER TO " + user);
        String hostAndDb = "127.0.0.1:" + TestPostgres.server().port() + "/" + db.name();
        String changelog = Launcher.PROJECT_CHANGELOG.toString();
        List<String> urls = List.of(
                "jdbc:postgresql://" + user + ":" + WRONG_SENTINEL + "@" + hostAndDb,
                "postgresql://" + user + ":" + WRONG_SENTINEL + "@127.0.0.1:1/" + db.name(),
                "jdbc:postgresql://" + hostAndDb + "?user=" + user + "&password=" + WRONG_SENTINEL + "&sslpassword=" + WRONG_SENTINEL,
                "jdbc:postgresql://" + hostAndDb + "?user=" + user + "&sslmode=require&sslcert=/nonexistent&sslpassword=" + WRONG_SENTINEL);
        List<List<String>> commands = List.of(List.of("current"), List.of("history"), List.of("upgrade"), List.of("upgrade", "--sql"),
                List.of("downgrade", "base"), List.of("stamp", "head"), List.of("adopt"), List.of("unlock"),
                List.of("accept-edit", "0001-initial"), List.of("check", "--target"), List.of("validate", "--target"));
        List<Map<String, String>> envs = new ArrayList<>();
        List<List<String>> runs = new ArrayList<>();
        for (int i = 0; i < commands.size() + urls.size(); i++) { // each command once, each URL form at least twice
            List<String> args = new ArrayList<>(i < commands.size() ? commands.get(i) : List.of("current"));
            args.addAll(List.of("--verbose", "--json", "--url", urls.get(i % urls.size()), "--changelog-root", changelog));
            runs.add(args);
            envs.add(Map.of());
        }
        runs.add(List.of("current", "--verbose", "--url", "jdbc:postgresql://" + hostAndDb + "?user=" + user));
        envs.add(Map.of("SARK_MIGRATE_PASSWORD", WRONG_SENTINEL));
        runs.add(List.of("check", "--verbose", "--json", "--shadow-url", urls.get(0), "--changelog-root", changelog));
        envs.add(Map.of());
        ExecutorService four = Executors.newFixedThreadPool(4);
        List<Future<Launcher.Result>> started = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Map<String, String> env = envs.get(i);
            String[] args = runs.get(i).toArray(String[]::new);
            started.add(four.submit(() -> Launcher.run(workDir, env, args)));
        }
        four.shutdown();
        List<Launcher.Result> results = new ArrayList<>();
        for (Future<Launcher.Result> run : started) {
            results.add(run.get()); // all done before the watcher below starts: their own command lines hold the sentinel
        }

        Path targets = Files.writeString(workDir.resolve("targets"), String.join("\n",
                "right=jdbc:postgresql://" + user + ":" + SENTINEL + "@" + hostAndDb,
                "wrong=postgres://" + user + ":" + WRONG_SENTINEL + "@" + hostAndDb,
                "unreachable=jdbc:postgresql://127.0.0.1:1/x?user=u&password=" + WRONG_SENTINEL + "&sslpassword=" + WRONG_SENTINEL) + "\n");
        Set<String> childCommandLines = ConcurrentHashMap.newKeySet();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                childCommandLines.addAll(commandLines());
            }
        });
        watcher.start();
        Launcher.Result upgradeTargets = Launcher.run(workDir, "upgrade", "--targets", targets.toString(), "--verbose", "--changelog-root", changelog);
        Launcher.Result jsonTargets = Launcher.run(workDir, "current", "--targets", targets.toString(), "--json", "--changelog-root", changelog);
        watching.set(false);
        watcher.join();

        results.add(upgradeTargets);
        results.add(jsonTargets);
        assertThat(results).hasSize(runs.size() + 2);
        assertThat(results.get(0).exitCode()).as("the user-info form reaches the server and is refused: %s", results.get(0).err())
                .isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(results.get(0).err()).contains("refused the login of user '" + user + "'");
        assertThat(upgradeTargets.out()).as(upgradeTargets.err()).containsPattern("right +up to date|right .*applied");
        assertThat(childCommandLines).as("the watcher saw the targets' runs").anyMatch(line -> line.contains("--url") && line.contains("--json"));
        for (Launcher.Result result : results) {
            assertThat(result.out() + result.err()).doesNotContain(SENTINEL).doesNotContain(WRONG_SENTINEL)
                    .doesNotContain("Sentinel");
        }
        assertThat(childCommandLines).noneMatch(line -> line.contains(SENTINEL) || line.contains(WRONG_SENTINEL));
    }

    /** The command lines of every process on the machine that runs sark-migrate. */
    private static List<String> commandLines() {
        List<String> lines = new ArrayList<>();
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String line = new String(Files.readAllBytes(process.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
                    if (line.contains("sark")) {
                        lines.add(line);
                    }
                } catch (java.io.IOException gone) {
                    // the process ended while it was read
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }

    private static Launcher.Result withEnvironment(Path workDir, String... variables) throws Exception {
        List<String> command = new ArrayList<>(List.of("env"));
        command.addAll(List.of(variables));
        command.addAll(List.of(Launcher.SCRIPT.toString(), "current", "--verbose"));
        Path out = workDir.resolve("env-out.txt");
        Path err = workDir.resolve("env-err.txt");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.waitFor();
        return new Launcher.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
