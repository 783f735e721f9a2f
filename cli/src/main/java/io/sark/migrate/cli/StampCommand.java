package io.sark.migrate.cli;

import io.sark.migrate.engine.StampResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "stamp",
        description = {
                "Record that the database is at REVISION without running anything: the changesets up to it are"
                        + " marked applied, later ones unmarked.",
                "For adopting a database whose schema is already there, and for repairing a history that no longer"
                        + " matches the schema. It changes no table."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  # the schema is already at 004: record it", "  ./sark-migrate stamp 004_audit_events",
                "  ./sark-migrate stamp head",
                "  # forget every applied changeset", "  ./sark-migrate stamp base",
        })
final class StampCommand extends DatabaseCommand {

    @Parameters(paramLabel = "REVISION", description = "A revision id (a file name works too), 'head' or 'base'.")
    String target;

    @Override
    public Integer call() {
        try (Session session = openSession(new Notices(err()))) {
            StampResult result = session.migrator.stamp(target);
            var out = out();
            if (json()) {
                Output.json(out, result);
            } else {
                out.println("Stamped " + result.toRevision() + " (was " + result.fromRevision() + "): " + result.marked()
                        + " changeset(s) recorded as applied, " + result.unmarked() + " unrecorded. No schema change was run.");
            }
            return ExitCodes.OK;
        }
    }
}
