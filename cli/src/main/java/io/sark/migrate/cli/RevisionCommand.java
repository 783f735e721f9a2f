package io.sark.migrate.cli;

import io.sark.migrate.engine.Changelog;
import io.sark.migrate.engine.RevisionFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "revision",
        description = {
                "Write a new, empty, numbered revision file into the changelog's sources and include it in the master"
                        + " changelog. Add your changesets above the tag that ends it.",
                "Needs no database."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate revision -m \"add user preferences\"      writes db/changelog/005_add_user_preferences.yaml",
                "  ./sark-migrate revision -m \"add index performance\" --json",
        })
final class RevisionCommand extends DatabaseCommand {

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE",
            description = "What the revision does; it also names the file (\"add user preferences\" -> NNN_add_user_preferences).")
    String message;

    @Option(names = "--author", defaultValue = "sark", description = "Author of its changesets (default: ${DEFAULT-VALUE}).")
    String author;

    @Option(names = "--autogenerate", description = "Fill the revision from the differences between the entities and the"
            + " database (arrives with the generator; not available yet).")
    boolean autogenerate;

    @Override
    public Integer call() {
        if (autogenerate) {
            throw new UsageException("--autogenerate is not available yet: it arrives with the generator."
                    + " Write the changesets by hand in the meantime (drop --autogenerate).");
        }
        Changelog changelog = database.changelog(app.context);
        RevisionFiles.NewRevision created = RevisionFiles.create(changelog, changelog.revisions(), message, author);
        var out = out();
        if (json()) {
            Output.json(out, created);
        } else {
            out.println("Created revision " + created.id() + " (follows " + created.follows() + ") in " + created.file() + ".");
            out.println("Add its changesets above the tag, then: ./sark-migrate upgrade " + created.id());
        }
        return ExitCodes.OK;
    }
}
