package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationLock;
import io.sark.migrate.postgres.TargetDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;

@Command(name = "unlock",
        description = {
                "Release the migration lock left behind by a killed process.",
                "Refused while another sark-migrate session is connected to the database, since it may be the holder."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate unlock",
                "  ./sark-migrate unlock --json",
        })
final class UnlockCommand implements Callable<Integer> {

    @ParentCommand
    SarkMigrate app;

    @Mixin
    DatabaseOptions database;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SQLException {
        try (TargetDatabase db = database.open(app.context, spec.commandLine().getErr()); Connection c = db.connect()) {
            MigrationLock.Release release = MigrationLock.release(c);
            var out = spec.commandLine().getOut();
            if (output.json) {
                Output.json(out, release);
            } else if (release.released()) {
                out.println("Released the migration lock taken by " + release.before().lockedBy() + " at "
                        + release.before().grantedAt() + ".");
            } else {
                out.println("No migration lock is held.");
            }
            return ExitCodes.OK;
        }
    }
}
