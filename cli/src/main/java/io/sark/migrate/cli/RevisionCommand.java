package io.sark.migrate.cli;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.Changelog;
import io.sark.migrate.generate.RevisionFiles;
import io.sark.migrate.generate.Generator;
import io.sark.migrate.lint.Finding;
import io.sark.migrate.lint.LintReport;
import io.sark.migrate.lint.Linter;
import io.sark.migrate.lint.Review;
import io.sark.migrate.lint.RuleRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Command(name = "revision",
        description = {
                "Write the next numbered revision file into the changelog's sources and include it in the master changelog.",
                "Plain, it is empty but for its tag: add your changesets above it. With --autogenerate it holds the changes"
                        + " that take the changelog's schema (replayed into a shadow database, or the configured database)"
                        + " to the entities' schema, one per changeset, each with its rollback."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  # after changing an entity", "  ./sark-migrate revision -m \"add user preferences\" --autogenerate",
                "  # preview its SQL, write nothing", "  ./sark-migrate revision -m \"add user preferences\" --autogenerate --sql",
                "  # an empty revision to write by hand", "  ./sark-migrate revision -m \"backfill roles\"",
        })
final class RevisionCommand extends DatabaseCommand {

    @Mixin
    EntityOptions entities;

    @Mixin
    ShadowOptions shadow;

    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MESSAGE",
            description = "What the revision does; it also names the file (\"add user preferences\" -> NNN_add_user_preferences).")
    String message;

    @Option(names = "--author", paramLabel = "NAME",
            description = "Author of its changesets (default: git config user.name, else sark-migrate).")
    String author;

    @Option(names = "--autogenerate", description = "Fill the revision with the differences between the entities and the changelog.")
    boolean autogenerate;

    @Option(names = "--sql", description = "With --autogenerate: print the SQL the new revision would run, and write nothing.")
    boolean sql;

    @Option(names = "--backfill", paramLabel = "TABLE.COLUMN=SQL", split = ",",
            description = "For a new NOT NULL column without a default on an existing table: add it nullable, fill it with SQL, then"
                    + " make it NOT NULL (e.g. --backfill users.locale='en').")
    Map<String, String> backfills = new HashMap<>();

    @Option(names = "--hold-drops", description = "Leave column drops out of this revision (expand/contract): generate them later,"
            + " once no running application reads the columns. check lists them until then.")
    boolean holdDrops;

    @Option(names = "--rename-constraints", description = "Also rename constraints and indexes that differ from the entities' in"
            + " name alone (ALTER TABLE ... RENAME CONSTRAINT, ALTER INDEX ... RENAME, each with its rollback). Without it such"
            + " names are left as the database has them, and listed as notices.")
    boolean renameConstraints;

    /** What was generated, for --json. */
    record Generated(String id, String file, String follows, List<String> changes, List<Finding> findings,
                     List<Review.ChangeSetReview> review) {
    }

    @Override
    public Integer call() {
        String by = Authors.resolve(author, app.context.workingDirectory());
        if (!autogenerate) {
            if (sql) {
                throw new UsageException("--sql previews a generated revision: add --autogenerate.");
            }
            Changelog changelog = database.changelog(app.context);
            RevisionFiles.NewRevision created = RevisionFiles.create(changelog, changelog.revisions(), message, by);
            if (json()) {
                Output.json(out(), created);
            } else {
                out().println("Created revision " + created.id() + " (follows " + created.follows() + ") in " + created.file() + ".");
                out().println("Add its changesets above the tag, then: ./sark-migrate upgrade " + created.id());
            }
            return ExitCodes.OK;
        }
        try (Comparison comparison = Comparison.run(app.context, database, entities, shadow, err(), json(), renameConstraints)) {
            List<SchemaChange> changes = Generator.withBackfills(comparison.changes, backfills);
            if (holdDrops) {
                List<SchemaChange> kept = Generator.holdingDrops(changes);
                changes.stream().filter(c -> !kept.contains(c))
                        .forEach(c -> err().println("held back: " + c.describe() + " (generate it later: the running application may still read it)"));
                changes = kept;
            }
            if (changes.isEmpty()) {
                if (json()) {
                    Output.json(out(), Map.of("changes", List.of()));
                } else {
                    out().println("No changes: the entities and the changelog agree. Nothing was written.");
                }
                return ExitCodes.OK;
            }
            if (sql) {
                String text = comparison.generator.sql(message, by, changes, comparison.database);
                if (json()) {
                    Output.json(out(), Map.of("sql", text));
                } else {
                    out().print(text);
                    out().flush();
                }
                return ExitCodes.OK;
            }
            RevisionFiles.NewRevision created = comparison.generator.write(message, by, changes);
            List<String> described = changes.stream().map(SchemaChange::describe).toList();
            // The new revision, linted as a reviewer will see it.
            Changelog written = database.changelog(app.context);
            LintReport lint = new Linter(RuleRegistry.standard(), Map.of()).lint(written, created.id());
            List<Review.ChangeSetReview> review = Review.of(written, lint, created.id());
            if (json()) {
                Output.json(out(), new Generated(created.id(), created.file(), created.follows(), described, lint.findings(), review));
            } else {
                out().println("Created revision " + created.id() + " (follows " + created.follows() + ") in " + created.file()
                        + ", " + changes.size() + " change(s):");
                described.forEach(d -> out().println("  - " + d));
                out().println();
                out().print(Review.markdown(review));
                out().println("Lint: " + lint.errors() + " error(s), " + lint.warnings() + " warning(s). The same review later:"
                        + " ./sark-migrate lint --report --since " + created.id());
            }
            return lint.errors() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }
}
