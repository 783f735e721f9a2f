package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "downgrade",
        description = "Roll back applied revisions: the last N (-N), down to a revision, or everything (base).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate downgrade -1                 roll back the last revision",
                "  ./sark-migrate downgrade 002_api_keys       roll back everything after 002_api_keys",
                "  ./sark-migrate downgrade base --sql         print the rollback SQL, change nothing",
        })
final class DowngradeCommand implements Callable<Integer> {

    @ParentCommand
    SarkMigrate app;

    @Mixin
    DatabaseOptions database;

    @Mixin
    JsonOption output;

    @Parameters(paramLabel = "TARGET", description = "'-N', a revision id (a file name works too), or 'base'.")
    String target;

    @Option(names = "--sql", description = "Print the rollback SQL that would run, in order, and change nothing.")
    boolean sql;

    @Spec
    CommandSpec spec;

    /** What a downgrade did, for --json. */
    record Result(String fromRevision, String toRevision, int changeSetsRolledBack, List<String> notices) {
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Notices notices = new Notices(err);
        try (Session session = Session.open(app.context, database, err, notices)) {
            if (sql) {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                session.migrator.downgradeSql(target, text);
                UpgradeCommand.printSql(text.toString(StandardCharsets.UTF_8), out, output.json);
                return ExitCodes.OK;
            }
            MigrationResult result = session.migrator.downgrade(target);
            if (output.json) {
                Output.json(out, new Result(result.fromRevision(), result.toRevision(), result.changeSetsRun(), notices.seen()));
            } else {
                out.println(result.changedAnything()
                        ? "Rolled back " + result.changeSetsRun() + " changeset(s): " + result.fromRevision() + " -> " + result.toRevision() + "."
                        : "Nothing to roll back.");
                out.println("Database is at revision " + result.toRevision());
            }
            return ExitCodes.OK;
        }
    }
}
