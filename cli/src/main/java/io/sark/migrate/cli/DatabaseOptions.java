package io.sark.migrate.cli;

import io.sark.migrate.postgres.LocalDatabase;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Which database a command works on. For now: the embedded one, kept under the working directory. */
final class DatabaseOptions {

    @Option(names = "--embedded-dir", paramLabel = "DIR", defaultValue = ".sark-migrate",
            description = "Folder of the embedded PostgreSQL used when no database is configured (default: ${DEFAULT-VALUE}).")
    Path embeddedDir;

    /** Opens the database, saying on {@code err} which one it is. */
    LocalDatabase open(PrintWriter err) {
        err.println("Using the embedded PostgreSQL in " + embeddedDir + "/ (no database configured).");
        err.flush();
        return LocalDatabase.open(embeddedDir);
    }
}
