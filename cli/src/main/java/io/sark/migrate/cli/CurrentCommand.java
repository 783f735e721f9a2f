package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationListener;
import io.sark.migrate.engine.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "current",
        description = "Show the revision the database is at, and how many revisions are pending.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate current",
                "  ./sark-migrate current --json | jq -r .revision",
        })
final class CurrentCommand implements Callable<Integer> {

    @ParentCommand
    SarkMigrate app;

    @Mixin
    DatabaseOptions database;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    /** Where the database is, for --json. */
    record Result(String revision, String head, int pending) {
    }

    @Override
    public Integer call() {
        try (Session session = Session.open(app.context, database, spec.commandLine().getErr(), MigrationListener.NONE)) {
            Migrator migrator = session.migrator;
            var revisions = migrator.revisions();
            int index = migrator.currentIndex();
            String current = revisions.idAt(index);
            int pending = revisions.all().size() - 1 - index;
            var out = spec.commandLine().getOut();
            if (output.json) {
                Output.json(out, new Result(current, revisions.head(), pending));
            } else {
                out.println(current + (pending == 0 ? " (head)" : " (" + pending + " pending)"));
            }
            return ExitCodes.OK;
        }
    }
}
