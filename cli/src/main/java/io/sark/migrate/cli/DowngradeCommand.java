package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;

@Command(name = "downgrade",
        description = {"Roll back applied revisions: the last N (-N), down to a revision, or everything (base).",
                "Refused, before anything runs, when a rollback would drop a table that holds rows or a column that holds"
                        + " values: the message lists them. Keep a copy (pg_dump), then add --allow-data-loss."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  # roll back the last revision", "  ./sark-migrate downgrade -1",
                "  # roll back everything after 002_api_keys", "  ./sark-migrate downgrade 002_api_keys",
                "  # print the rollback SQL, change nothing", "  ./sark-migrate downgrade base --sql",
                "  # drop tables and columns even when they hold data", "  ./sark-migrate downgrade base --allow-data-loss",
        })
final class DowngradeCommand extends MoveCommand {

    @Parameters(paramLabel = "TARGET", description = "'-N', a revision id (a file name works too), or 'base'.")
    String target;

    @Option(names = "--allow-data-loss",
            description = "Roll back even when that drops tables with rows or columns with values (they are lost).")
    boolean allowDataLoss;

    @Override
    String target() {
        return target;
    }

    @Override
    MigrationResult move(Migrator migrator, String target) {
        return migrator.downgrade(target, allowDataLoss);
    }

    @Override
    void writeSql(Migrator migrator, String target, OutputStream out) {
        migrator.downgradeSql(target, out);
    }

    @Override
    String done() {
        return "Rolled back";
    }

    @Override
    String verb() {
        return "roll back";
    }
}
