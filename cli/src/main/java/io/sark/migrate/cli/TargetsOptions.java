package io.sark.migrate.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --targets FILE}: the command on many databases, a canary first, then the rest (see {@link TargetRun}). */
final class TargetsOptions {

    @Option(names = "--targets", paramLabel = "FILE",
            description = "Run on every database FILE lists (one per line: a JDBC URL, or NAME=URL, optionally followed by"
                    + " password-file=PATH; # starts a comment): the first alone, as a canary, then the others. A target's"
                    + " password: its password-file, else SARK_MIGRATE_PASSWORD_<NAME>, else --password-file or"
                    + " SARK_MIGRATE_PASSWORD; never shown. Prints each target's result.")
    Path file;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "With --targets: how many targets after the canary run at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--keep-going", description = "With --targets: after a target fails, still run the others (not after"
            + " the canary fails: it is there to stop a bad release early).")
    boolean keepGoing;
}
