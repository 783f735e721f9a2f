package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.postgres.LocalDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "upgrade",
        description = "Apply pending revisions: all of them (head), or up to and including TARGET.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  sark-migrate upgrade                  apply every pending revision",
                "  sark-migrate upgrade 003_policies     stop after revision 003_policies",
        })
final class UpgradeCommand implements Callable<Integer> {

    @Mixin
    DatabaseOptions database;

    @Parameters(paramLabel = "TARGET", arity = "0..1", defaultValue = Migrator.HEAD,
            description = "'head' (the default) or a revision id.")
    String target;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LocalDatabase db = database.open(err);
             Migrator migrator = Migrator.open(db.connect()).listener(new Notices(err))) {
            if (!Migrator.HEAD.equals(target)) {
                RevisionNames.requireKnown(target, migrator.revisions(), Migrator.HEAD);
            }
            MigrationResult result = Migrator.HEAD.equals(target) ? migrator.upgradeToHead() : migrator.upgradeTo(target);
            if (result.changedAnything()) {
                out.println("Applied " + result.changeSetsRun() + " changeset(s): " + result.fromRevision() + " -> " + result.toRevision() + ".");
            } else {
                out.println("Nothing to apply.");
            }
            out.println("Database is at revision " + result.toRevision());
            return ExitCodes.OK;
        }
    }
}
