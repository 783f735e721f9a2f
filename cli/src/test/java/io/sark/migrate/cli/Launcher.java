package io.sark.migrate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real launcher ({@code ./sark-migrate} at the top of the repository), run as a separate process from a folder,
 * with no {@code POSTGRES_*} variables inherited. For the end-to-end tests (*IT), which run after {@code package}.
 */
final class Launcher {

    static final Path SCRIPT = Path.of("..", "sark-migrate").toAbsolutePath().normalize();

    /** The project's changelog, as a user of the checkout has it. */
    static final Path PROJECT_CHANGELOG = Path.of("..", "migrations", "src", "main", "resources").toAbsolutePath().normalize();

    private static final AtomicInteger COUNTER = new AtomicInteger();

    record Result(int exitCode, String out, String err) {
    }

    /** A launched process, with its output going to files. */
    record Started(Process process, Path out, Path err, String command) {

        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("sark-migrate " + command + " did not finish in 3 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        }

        /** kill -9. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    private Launcher() {
    }

    static Started start(Path workDir, String... args) throws IOException {
        return start(workDir, java.util.Map.of(), args);
    }

    /** As {@link #start(Path, String...)}, with {@code env} added to the environment. */
    static Started start(Path workDir, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("POSTGRES_"));
        builder.environment().putAll(env);
        int n = COUNTER.incrementAndGet();
        Path out = workDir.resolve("stdout-" + n + ".txt");
        Path err = workDir.resolve("stderr-" + n + ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new Started(builder.start(), out, err, String.join(" ", args));
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return start(workDir, args).await();
    }

    static Result run(Path workDir, java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(workDir, env, args).await();
    }
}
