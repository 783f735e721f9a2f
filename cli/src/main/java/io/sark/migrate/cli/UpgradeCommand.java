package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationException;
import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.PgDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

@Command(name = "upgrade",
        description = "Apply pending revisions: all of them (head), the next N (+N), or up to and including a revision.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  # apply every pending revision", "  ./sark-migrate upgrade",
                "  # apply the next revision only", "  ./sark-migrate upgrade +1",
                "  # print the SQL it would run, change nothing", "  ./sark-migrate upgrade head --sql",
                "  # pg_dump the database first (pg_restore reads it)", "  ./sark-migrate upgrade --backup-to pre-deploy.dump",
                "  # every database in targets.txt: one first, then three at a time",
                "  ./sark-migrate upgrade --targets targets.txt --parallel 3",
        })
final class UpgradeCommand extends MoveCommand {

    @Parameters(paramLabel = "TARGET", arity = "0..1", defaultValue = Migrator.HEAD,
            description = "'head' (the default), '+N', or a revision id (a file name works too).")
    String target;

    @Option(names = "--backup-to", paramLabel = "FILE",
            description = "Before anything runs, back the database up into FILE with pg_dump (custom format, for pg_restore)."
                    + " pg_dump must be on the PATH; if it is missing or fails, nothing is migrated.")
    Path backupTo;

    @Option(names = "--allow-data-loss",
            description = "Apply even when a changeset deletes rows at once: a TimescaleDB retention policy whose window already"
                    + " holds rows (without it, the upgrade is refused before anything runs, with the count).")
    boolean allowDataLoss;

    @Override
    String notForTargets() {
        return backupTo == null ? null : "--backup-to";
    }

    @Override
    String target() {
        return target;
    }

    @Override
    MigrationResult move(Migrator migrator, String target) {
        return migrator.upgrade(target, allowDataLoss);
    }

    @Override
    void writeSql(Migrator migrator, String target, OutputStream out) {
        migrator.upgradeSql(target, out);
    }

    @Override
    void beforeMove(Session session) {
        if (backupTo == null) {
            return;
        }
        try (Connection c = session.database.connect()) {
            PgDump.Backup backup = PgDump.run(c, session.database.password(), app.context.workingDirectory().resolve(backupTo),
                    app.context.environment().get("PATH"));
            err().println("Backed up the database to " + backup.file() + " (" + Math.max(1, backup.bytes() / 1024) + " kB, "
                    + backup.pgDumpVersion() + ").");
            err().flush();
        } catch (SQLException e) {
            throw new MigrationException("Could not connect for the backup: " + e.getMessage(), e);
        }
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
