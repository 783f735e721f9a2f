package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Upgrade and downgrade: move the database to a target, or with --sql print what that would run. */
abstract class MoveCommand extends DatabaseCommand {

    @Option(names = "--sql", description = "Print the SQL that would run, in order, and change nothing.")
    boolean sql;

    @Option(names = "--fill-batch-pages", paramLabel = "PAGES",
            description = "Pages of the table each batch of a batched copy covers, each committed (default: 200): a fill"
                    + " (--backfill, the copy of a column whose type changes or that is renamed), or a table's rows copied into or"
                    + " out of a TimescaleDB hypertable. Bigger: sooner done, each row locked longer.")
    Integer fillBatchPages;

    @Option(names = "--fill-pause-ms", paramLabel = "MILLISECONDS",
            description = "The pause between two batches of a batched copy, for the application's writes (default: 10).")
    Integer fillPauseMs;

    /** What a move did, for --json. */
    record Result(String fromRevision, String toRevision, int changeSetsRun, List<String> notices) {
    }

    abstract String target();

    abstract MigrationResult move(Migrator migrator, String target);

    abstract void writeSql(Migrator migrator, String target, OutputStream out);

    /** What to do once the database is open and before anything moves (a backup, for upgrade). */
    void beforeMove(Session session) {
    }

    /** "Applied" or "Rolled back". */
    abstract String done();

    /** "apply" or "roll back". */
    abstract String verb();

    @picocli.CommandLine.Mixin
    TargetsOptions targets;

    /** Whether the command was given something that cannot be repeated on every target (upgrade's --backup-to). */
    String notForTargets() {
        return null;
    }

    @Override
    public Integer call() {
        if (fillBatchPages != null && fillBatchPages < 1 || fillPauseMs != null && fillPauseMs < 0) {
            throw new UsageException("--fill-batch-pages takes 1 or more pages, --fill-pause-ms 0 or more milliseconds.");
        }
        if (targets.file != null) {
            if (sql) {
                throw new UsageException("--targets and --sql: print one database's SQL, with --url.");
            }
            if (notForTargets() != null) {
                throw new UsageException("--targets and " + notForTargets() + ": give it with one database's --url.");
            }
            return TargetRun.run(spec.name(), spec.root().commandLine().getParseResult().originalArgs().toArray(String[]::new), targets,
                    database, json(), app.context, out(), err());
        }
        Notices notices = new Notices(err(), notice -> true, Notices.Progress.of(app.context.environment(), json()));
        try (Session session = openSession(notices)) {
            if (sql) {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                writeSql(session.migrator, target(), text);
                printSql(text.toString(StandardCharsets.UTF_8));
                return ExitCodes.OK;
            }
            beforeMove(session);
            if (fillBatchPages != null || fillPauseMs != null) {
                session.migrator.fillBatches(fillBatchPages, fillPauseMs);
            }
            MigrationResult result;
            try {
                result = move(session.migrator, target());
            } finally {
                notices.endProgressLine();
            }
            if (json()) {
                Output.json(out(), new Result(result.fromRevision(), result.toRevision(), result.changeSetsRun(), notices.seen()));
            } else {
                if (!result.changedAnything()) {
                    out().println("Nothing to " + verb() + ".");
                } else if (result.fromRevision().equals(result.toRevision())) {
                    // changesets of earlier revisions a context or labels had left out: the database stays where it was
                    out().println(done() + " " + result.changeSetsRun() + " changeset(s) of earlier revisions; the revision is unchanged.");
                } else {
                    out().println(done() + " " + result.changeSetsRun() + " changeset(s): " + result.fromRevision() + " -> " + result.toRevision() + ".");
                }
                out().println("Database is at revision " + result.toRevision());
            }
            return ExitCodes.OK;
        }
    }

    private void printSql(String text) {
        if (json()) {
            Output.json(out(), Map.of("sql", text));
        } else {
            out().print(text.isEmpty() ? "-- Nothing to run.\n" : text);
            out().flush();
        }
    }
}
