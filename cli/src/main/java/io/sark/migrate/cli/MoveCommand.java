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
            MigrationResult result;
            try {
                result = move(session.migrator, target());
            } finally {
                notices.endProgressLine();
            }
            if (json()) {
                Output.json(out(), new Result(result.fromRevision(), result.toRevision(), result.changeSetsRun(), notices.seen()));
            } else {
                out().println(result.changedAnything()
                        ? done() + " " + result.changeSetsRun() + " changeset(s): " + result.fromRevision() + " -> " + result.toRevision() + "."
                        : "Nothing to " + verb() + ".");
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
