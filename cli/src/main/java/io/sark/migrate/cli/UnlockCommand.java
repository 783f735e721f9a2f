package io.sark.migrate.cli;

import io.sark.migrate.engine.lock.MigrationLock;
import io.sark.migrate.postgres.TargetDatabase;
import picocli.CommandLine.Command;

import java.sql.Connection;
import java.sql.SQLException;

@Command(name = "unlock",
        description = {
                "Release Liquibase's lock row (databasechangeloglock) left behind by a killed stock Liquibase.",
                "sark-migrate's own lock is a PostgreSQL advisory lock that ends with its session, so it never needs this;"
                        + " while a migration holds it, unlock names the holder and refuses. Also refused while another"
                        + " sark-migrate session is connected, since it may be the holder of the row."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate unlock",
                "  ./sark-migrate unlock --json",
        })
final class UnlockCommand extends DatabaseCommand {

    @Override
    public Integer call() throws SQLException {
        try (TargetDatabase db = database.open(app.context, err()); Connection c = db.connect()) {
            MigrationLock.Release release = MigrationLock.release(c);
            var out = out();
            if (json()) {
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
