package io.sark.migrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real launcher ({@code ./sark-migrate} at the top of the repository) run as a new user would, from a folder of
 * their own, with no database configured: the guide's workflow end to end, in separate processes.
 */
class LauncherIT {

    private static final Path LAUNCHER = Path.of("..", "sark-migrate").toAbsolutePath().normalize();

    record Result(int exitCode, String out, String err) {
    }

    private static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("POSTGRES_"));
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("sark-migrate %s finished", String.join(" ", args)).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theGuidesWorkflowWithNothingConfigured(@TempDir Path home) throws Exception {
        Result upgrade = run(home, "upgrade", "head");
        assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();
        assertThat(upgrade.err()).contains("Using the embedded PostgreSQL in .sark-migrate/");
        assertThat(upgrade.out().strip()).endsWith("Database is at revision 005_audit_events_hypertable");

        Result current = run(home, "current");
        assertThat(current.out().strip()).isEqualTo("005_audit_events_hypertable (head)");

        Result downgrade = run(home, "downgrade", "-1");
        assertThat(downgrade.exitCode()).as(downgrade.err()).isZero();
        assertThat(downgrade.out().strip()).endsWith("Database is at revision 004_audit_events");

        Result history = run(home, "history");
        assertThat(history.out()).containsPattern("004_audit_events\\s+applied").containsPattern("005_audit_events_hypertable\\s+pending");

        Result sql = run(home, "upgrade", "--sql");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id, timestamp)", "create_hypertable")
                .doesNotContain("CREATE TABLE public.users");

        Result stamp = run(home, "stamp", "004_audit_events");
        assertThat(stamp.exitCode()).as(stamp.err()).isZero();
        assertThat(stamp.out()).contains("Stamped 004_audit_events (was 004_audit_events)");

        Result again = run(home, "upgrade", "head");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Applied 6 changeset(s): 004_audit_events -> 005_audit_events_hypertable.");

        Result bad = run(home, "upgrade", "007_nothing");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err().strip()).startsWith("Using the embedded").contains("sark-migrate: unknown revision");
    }
}
