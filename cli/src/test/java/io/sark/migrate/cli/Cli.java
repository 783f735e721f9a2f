package io.sark.migrate.cli;

import io.sark.migrate.files.Folders;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs sark-migrate in-process with a given working directory and environment, capturing what it prints. */
final class Cli {

    private final Path workingDirectory;
    private final Map<String, String> environment;

    Cli(Path workingDirectory, Map<String, String> environment) {
        this.workingDirectory = workingDirectory;
        this.environment = environment;
    }

    Cli(Path workingDirectory) {
        this(workingDirectory, Map.of());
    }

    /** A copy of SARK's changelog sources in {@code dir}/resources, to write revisions into; its root. */
    static Path sarkChangelogCopy(Path dir) throws IOException {
        return Folders.copy(Launcher.PROJECT_CHANGELOG, dir.resolve("resources"));
    }

    record Run(int exitCode, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }

        /** The lines sark-migrate wrote about a failure. */
        long errorLines() {
            return err.lines().filter(l -> l.startsWith("sark-migrate:")).count();
        }
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SarkMigrate.commandLine(new Context(environment, workingDirectory));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
