package io.sark.migrate.cli;

import io.sark.migrate.engine.AlembicAdoption;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.Optional;

@Command(name = "adopt",
        description = {
                "Take over a SARK database that Alembic managed: check that its schema is the changelog's at the revision"
                        + " in alembic_version, then record that revision's changesets as applied. Changes no schema.",
                "A schema that differs is refused with its differences (all of them with --json), and nothing is recorded.",
                "'upgrade' adopts by itself; this command adopts without upgrading. alembic_version is left as it was."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  # check and record; run no migration", "  ./sark-migrate adopt --url jdbc:postgresql://db/sark",
                "  # the same; a refusal lists every difference", "  ./sark-migrate adopt --json",
                "  # adopt, then apply the revisions after it", "  ./sark-migrate upgrade",
        })
final class AdoptCommand extends DatabaseCommand {

    /** For --json. */
    record Result(boolean adopted, String revision, int changeSetsMarked, List<String> notices) {
    }

    @Override
    public Integer call() {
        Notices notices = new Notices(err());
        try (Session session = openSession(notices)) {
            Optional<AlembicAdoption.Adopted> adopted = session.migrator.adopt();
            if (json()) {
                Output.json(out(), new Result(adopted.isPresent(), adopted.map(AlembicAdoption.Adopted::revision).orElse(null),
                        adopted.map(AlembicAdoption.Adopted::changeSetsMarked).orElse(0), notices.seen()));
            } else if (adopted.isPresent()) {
                out().println("Adopted the Alembic database at " + adopted.get().revision() + ": " + adopted.get().changeSetsMarked()
                        + " changeset(s) recorded as applied. No schema change was run.");
            } else {
                out().println("Nothing to adopt: this database has no alembic_version table, or sark-migrate already manages it.");
            }
            return ExitCodes.OK;
        }
    }
}
