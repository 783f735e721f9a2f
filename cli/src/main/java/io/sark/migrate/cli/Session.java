package io.sark.migrate.cli;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.postgres.TargetDatabase;

import java.io.PrintWriter;
import java.sql.Connection;
import java.time.Duration;

/** A database opened for a command, with a migrator on it; closing it closes both. */
final class Session implements AutoCloseable {

    final TargetDatabase database;
    final Migrator migrator;

    private Session(TargetDatabase database, Migrator migrator) {
        this.database = database;
        this.migrator = migrator;
    }

    static Session open(Context context, DatabaseOptions options, PrintWriter err, MigrationListener listener, boolean verbose) {
        var changelog = options.changelog(context);
        changelog.revisions(); // a malformed changelog is reported before any database is touched
        if (options.bundledChangelog(context) && !context.installed()) { // from the release archive, the built-in one is the rule
            err.println("Using the changelog built into sark-migrate (no sark-migrate checkout holds " + context.workingDirectory()
                    + "; --changelog names another).");
            err.flush();
        }
        TargetDatabase database = options.open(context, err);
        try {
            Connection connection;
            try (var t = Timings.phase("connect to the database")) {
                connection = database.connect();
            }
            Migrator migrator = Migrator.open(connection, changelog).listener(listener).filter(options.filter())
                    .lockWait(Duration.ofSeconds(Math.max(0, options.lockWaitSeconds)))
                    .lockRetries(options.lockRetries)
                    .sessions(database::connect);
            if (options.statementTimeoutSeconds > 0) {
                migrator.statementTimeout(Duration.ofSeconds(options.statementTimeoutSeconds));
            }
            if (verbose) {
                err.println("sark-migrate: migration session: " + migrator.sessionSettings() + ".");
                err.flush();
            }
            Interruption.running(migrator);
            return new Session(database, migrator);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public void close() {
        Interruption.running(null);
        try (var t = Timings.phase("close the session")) {
            try {
                migrator.close();
            } finally {
                database.close();
            }
        }
    }
}
