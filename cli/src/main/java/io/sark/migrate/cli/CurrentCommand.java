package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationListener;
import io.sark.migrate.engine.Migrator;
import picocli.CommandLine.Command;

@Command(name = "current",
        description = "Show the revision the database is at, and how many revisions are pending.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate current",
                "  ./sark-migrate current --json | jq -r .revision",
        })
final class CurrentCommand extends DatabaseCommand {

    /** Where the database is, for --json. */
    record Result(String revision, String head, int pending, String alembicRevision) {
    }

    @Override
    public Integer call() {
        try (Session session = openSession(MigrationListener.NONE)) {
            Migrator migrator = session.migrator;
            var revisions = migrator.revisions();
            int index = migrator.currentIndex();
            String current = revisions.idAt(index);
            int pending = revisions.all().size() - 1 - index;
            String alembic = migrator.alembicRevision().orElse(null);
            var out = out();
            if (json()) {
                Output.json(out, new Result(current, revisions.head(), pending, alembic));
            } else {
                out.println(current + (pending == 0 ? " (head)" : " (" + pending + " pending)") + (alembic == null ? ""
                        : "; Alembic records " + alembic + ": 'adopt' or 'upgrade' checks the schema and takes it over"));
            }
            return ExitCodes.OK;
        }
    }
}
