package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;

@Command(name = "upgrade",
        description = "Apply pending revisions: all of them (head), the next N (+N), or up to and including a revision.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate upgrade                   apply every pending revision",
                "  ./sark-migrate upgrade +1                apply the next revision only",
                "  ./sark-migrate upgrade head --sql        print the SQL it would run, change nothing",
        })
final class UpgradeCommand extends MoveCommand {

    @Parameters(paramLabel = "TARGET", arity = "0..1", defaultValue = Migrator.HEAD,
            description = "'head' (the default), '+N', or a revision id (a file name works too).")
    String target;

    @Override
    String target() {
        return target;
    }

    @Override
    MigrationResult move(Migrator migrator, String target) {
        return migrator.upgrade(target);
    }

    @Override
    void writeSql(Migrator migrator, String target, OutputStream out) {
        migrator.upgradeSql(target, out);
    }

    @Override
    String done() {
        return "Applied";
    }

    @Override
    String verb() {
        return "apply";
    }
}
