package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationException;
import io.sark.migrate.postgres.EmbeddedPostgresException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.sql.SQLException;

/**
 * The one place where a failure becomes an exit status and a message: one line saying what went wrong and what to
 * do, with the stack trace only under {@code --verbose}.
 */
final class Failures implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        var err = commandLine.getErr();
        if (e instanceof UsageException) {
            err.println("sark-migrate: " + e.getMessage());
        } else {
            err.println("sark-migrate: error: " + e.getMessage());
        }
        if (Verbosity.isVerbose(parseResult)) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCodeOf(e);
    }

    static int exitCodeOf(Exception e) {
        if (e instanceof UsageException) {
            return ExitCodes.USAGE;
        }
        if (e instanceof EmbeddedPostgresException || e instanceof SQLException) {
            return ExitCodes.DATABASE_UNAVAILABLE;
        }
        if (e instanceof MigrationException) {
            return ExitCodes.MIGRATION_FAILED;
        }
        return ExitCodes.INTERNAL_ERROR;
    }
}
