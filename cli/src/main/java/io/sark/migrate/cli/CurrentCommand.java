package io.sark.migrate.cli;

import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Position;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "current",
        description = "Show the revision the database is at, and how many revisions are pending.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate current",
                "  ./sark-migrate current --json | jq -r .revision",
                "  # where every database of targets.txt is",
                "  ./sark-migrate current --targets targets.txt",
        })
final class CurrentCommand extends DatabaseCommand {

    /**
     * Where the database is, for --json: {@code revision} is the last revision wholly applied; {@code partial}, when a
     * run stopped inside the next one, says which and how far.
     */
    record Result(String revision, String head, int pending, Position.Partial partial, String alembicRevision) {
    }

    @picocli.CommandLine.Mixin
    TargetsOptions targets;

    @Override
    public Integer call() {
        if (targets.file != null) {
            return TargetRun.run("current", spec.root().commandLine().getParseResult().originalArgs().toArray(String[]::new), targets,
                    database, json(), app.context, out(), err());
        }
        try (Session session = openSession(MigrationListener.NONE)) {
            Migrator migrator = session.migrator;
            var revisions = migrator.revisions();
            Position position = migrator.position();
            String current = position.revision();
            int pending = revisions.all().size() - 1 - position.index();
            String alembic = migrator.alembicRevision().orElse(null);
            var out = out();
            if (json()) {
                Output.json(out, new Result(current, revisions.head(), pending, position.partial(), alembic));
            } else {
                // The next commands as the user runs them, on the same database and changelog (issue 37).
                Invocations run = app.context.invocations();
                List<String> given = given(DatabaseOptions.class);
                String partway = position.partway().map(p -> ", part-way through " + p.revision() + " (" + p.applied() + " of "
                        + p.total() + " changesets applied: " + run.of("upgrade", given, p.revision()) + " finishes it, "
                        + run.of("downgrade", given, current) + " undoes it" + passwordLeftOut() + ")").orElse("");
                out.println(current + (pending == 0 ? " (head)" : " (" + pending + " pending)") + partway + (alembic == null ? ""
                        : "; Alembic records " + alembic + ": " + run.of("adopt", given) + " (or upgrade) checks the schema and takes it"
                        + " over" + passwordLeftOut()));
            }
            return ExitCodes.OK;
        }
    }
}
