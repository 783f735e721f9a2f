package io.sark.migrate.cli;

import io.sark.migrate.engine.changelog.Changelog;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What a run of sark-migrate sees of its surroundings: the environment variables, the working directory, and whether
 * it runs from the release archive ({@code installed}: the built-in changelog unless one is named, and no embedded
 * database unless its folder is named, since a deploy script whose database settings went missing must not migrate a
 * private database and report success), how the user runs a command ({@code invocations}, for the "run this next"
 * lines), and the checkout of sark-migrate's project that holds the working directory, if any ({@code checkout},
 * found once: its changelog sources and its embedded database are the defaults). Passed in rather than read from the
 * JVM so that tests can give their own.
 */
record Context(Map<String, String> environment, Path workingDirectory, boolean installed, Invocations invocations,
               Optional<Path> checkout) {

    /** Set by the release archive's launcher (bin/sark-migrate) to the archive's folder. */
    static final String INSTALLED_PROPERTY = "sark.migrate.distribution";

    /** A run from a checkout or a test: not from the release archive. */
    Context(Map<String, String> environment, Path workingDirectory) {
        this(environment, workingDirectory, false);
    }

    Context(Map<String, String> environment, Path workingDirectory, boolean installed) {
        this(environment, workingDirectory, installed, Invocations.COMMAND_LINE);
    }

    Context(Map<String, String> environment, Path workingDirectory, boolean installed, Invocations invocations) {
        this(environment, workingDirectory, installed, invocations, Changelog.projectRoot(workingDirectory));
    }

    static Context ofThisProcess() {
        return new Context(System.getenv(), Path.of("").toAbsolutePath(), System.getProperty(INSTALLED_PROPERTY) != null);
    }
}
