package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
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
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "upgrade",
        description = "Apply pending revisions: all of them (head), the next N (+N), or up to and including a revision.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate upgrade                   apply every pending revision",
                "  ./sark-migrate upgrade +1                apply the next revision only",
                "  ./sark-migrate upgrade head --sql        print the SQL it would run, change nothing",
        })
final class UpgradeCommand implements Callable<Integer> {

    @ParentCommand
    SarkMigrate app;

    @Mixin
    DatabaseOptions database;

    @Mixin
    JsonOption output;

    @Parameters(paramLabel = "TARGET", arity = "0..1", defaultValue = Migrator.HEAD,
            description = "'head' (the default), '+N', or a revision id (a file name works too).")
    String target;

    @Option(names = "--sql", description = "Print the SQL that would run, in order, and change nothing.")
    boolean sql;

    @Spec
    CommandSpec spec;

    /** What an upgrade did, for --json. */
    record Result(String fromRevision, String toRevision, int changeSetsRun, List<String> notices) {
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Notices notices = new Notices(err);
        try (Session session = Session.open(app.context, database, err, notices)) {
            if (sql) {
                ByteArrayOutputStream text = new ByteArrayOutputStream();
                session.migrator.upgradeSql(target, text);
                printSql(text.toString(StandardCharsets.UTF_8), out, output.json);
                return ExitCodes.OK;
            }
            MigrationResult result = session.migrator.upgrade(target);
            if (output.json) {
                Output.json(out, new Result(result.fromRevision(), result.toRevision(), result.changeSetsRun(), notices.seen()));
            } else {
                out.println(result.changedAnything()
                        ? "Applied " + result.changeSetsRun() + " changeset(s): " + result.fromRevision() + " -> " + result.toRevision() + "."
                        : "Nothing to apply.");
                out.println("Database is at revision " + result.toRevision());
            }
            return ExitCodes.OK;
        }
    }

    static void printSql(String sql, java.io.PrintWriter out, boolean json) {
        if (json) {
            Output.json(out, Map.of("sql", sql));
        } else {
            out.print(sql.isEmpty() ? "-- Nothing to run.\n" : sql);
            out.flush();
        }
    }
}
