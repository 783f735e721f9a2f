package io.sark.migrate.cli;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.Revision;
import io.sark.migrate.postgres.LocalDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "current",
        description = "Show the revision the database is at, and how many revisions are pending.",
        footerHeading = "%nExamples:%n",
        footer = {"  sark-migrate current"})
final class CurrentCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (LocalDatabase db = database.open(spec.commandLine().getErr());
             Migrator migrator = Migrator.open(db.connect())) {
            String current = migrator.currentRevision().orElse(Migrator.BASE);
            List<String> ids = migrator.revisions().stream().map(Revision::id).toList();
            int pending = ids.size() - (ids.indexOf(current) + 1);
            spec.commandLine().getOut().println(current + (pending == 0 ? " (head)" : " (" + pending + " pending)"));
            return ExitCodes.OK;
        }
    }
}
