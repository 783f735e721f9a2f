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
        // The revisions as the changelog has them today: this test follows the project's head.
        var revisions = io.sark.migrate.engine.Changelog.inDirectory(Path.of("..", "migrations", "src", "main", "resources")).revisions();
        String head = revisions.head();
        String previous = revisions.idAt(revisions.all().size() - 2);
        int headChangeSets = revisions.all().get(revisions.all().size() - 1).changeSets().size();

        Result upgrade = run(home, "upgrade", "head");
        assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();
        assertThat(upgrade.err()).contains("Using the embedded PostgreSQL in .sark-migrate/");
        assertThat(upgrade.out().strip()).endsWith("Database is at revision " + head);

        Result current = run(home, "current");
        assertThat(current.out().strip()).isEqualTo(head + " (head)");

        Result downgrade = run(home, "downgrade", "-1");
        assertThat(downgrade.exitCode()).as(downgrade.err()).isZero();
        assertThat(downgrade.out().strip()).endsWith("Database is at revision " + previous);

        Result history = run(home, "history");
        assertThat(history.out()).containsPattern(previous + "\\s+applied").containsPattern(head + "\\s+pending");

        Result sql = run(home, "upgrade", "--sql");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("-- Changeset db/changelog/" + head).doesNotContain("CREATE TABLE public.users");

        Result stamp = run(home, "stamp", previous);
        assertThat(stamp.exitCode()).as(stamp.err()).isZero();
        assertThat(stamp.out()).contains("Stamped " + previous + " (was " + previous + ")");

        Result again = run(home, "upgrade", "head");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Applied " + headChangeSets + " changeset(s): " + previous + " -> " + head + ".");

        Result bad = run(home, "upgrade", "097_nothing");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err().strip()).startsWith("Using the embedded").contains("sark-migrate: unknown revision");
    }
}
