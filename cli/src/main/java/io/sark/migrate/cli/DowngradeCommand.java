package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;

@Command(name = "downgrade",
        description = "Roll back applied revisions: the last N (-N), down to a revision, or everything (base).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate downgrade -1                 roll back the last revision",
                "  ./sark-migrate downgrade 002_api_keys       roll back everything after 002_api_keys",
                "  ./sark-migrate downgrade base --sql         print the rollback SQL, change nothing",
        })
final class DowngradeCommand extends MoveCommand {

    @Parameters(paramLabel = "TARGET", description = "'-N', a revision id (a file name works too), or 'base'.")
    String target;

    @Override
    String target() {
        return target;
    }

    @Override
    MigrationResult move(Migrator migrator, String target) {
        return migrator.downgrade(target);
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
