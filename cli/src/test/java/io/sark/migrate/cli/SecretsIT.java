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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords never appear in what sark-migrate prints: its output, its errors, --json, or the libraries' logs under
 * --verbose (stack traces included), whether the password came in the URL, a file or POSTGRES_PASSWORD.
 */
@ExtendWith(FreshDatabase.class)
class SecretsIT {

    private static final String PASSWORD = "Pa55-w0rd-4c9e";
    private static final String WRONG = "Wr0ng-77b1";

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
        assertThat(runs.get(5).err()).contains("password=***", "\tat ");
        for (Launcher.Result run : runs) {
            assertThat(run.out() + run.err()).doesNotContain(PASSWORD, WRONG);
        }
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
