package io.sark.migrate.cli;

import io.sark.migrate.engine.AcceptedEdit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "accept-edit",
        description = {
                "Accept an intended edit of one applied changeset: record the checksum of its current text, so upgrade"
                        + " stops refusing it. Nothing is run, and no other changeset is touched.",
                "Only for an edit that changes nothing already applied (a comment, a rollback, equivalent SQL)."
                        + " A change to the schema belongs in a new revision."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  # after fixing that changeset's rollback", "  ./sark-migrate accept-edit 006_performance_indexes-1",
        })
final class AcceptEditCommand extends DatabaseCommand {

    @Parameters(paramLabel = "CHANGESET", description = "The changeset's id, as 'history --verbose' and the refusal list it.")
    String changeSetId;

    @Override
    public Integer call() {
        try (Session session = openSession(new Notices(err()))) {
            AcceptedEdit accepted = session.migrator.acceptEdit(changeSetId);
            if (json()) {
                Output.json(out(), accepted);
            } else if (accepted.checksumNow().equals(accepted.checksumBefore())) {
                out().println(accepted.changeSet() + " was not edited: its text still matches the checksum recorded when it ran."
                        + " Nothing changed.");
            } else {
                out().println("Accepted the edit of " + accepted.changeSet() + ": its checksum is now " + accepted.checksumNow()
                        + " (was " + accepted.checksumBefore() + "). Nothing was run.");
            }
            return ExitCodes.OK;
        }
    }
}
