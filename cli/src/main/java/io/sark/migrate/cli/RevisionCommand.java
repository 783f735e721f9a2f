package io.sark.migrate.cli;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.generate.Autogenerate;
import io.sark.migrate.generate.HandWrittenChanges;
import io.sark.migrate.generate.RevisionFiles;
import io.sark.migrate.lint.Finding;
import io.sark.migrate.lint.LintReport;
import io.sark.migrate.lint.Linter;
import io.sark.migrate.lint.Review;
import io.sark.migrate.report.ReviewDiagrams;
import io.sark.migrate.lint.RuleRegistry;
import io.sark.migrate.lint.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;

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
                "  # a view written by hand, added to the newest revision before its tag",
                "  ./sark-migrate revision -m \"active users view\" --add-sql active_users.sql --rollback-sql drop_active_users.sql",
                "  # a data change in batches, re-runnable",
                "  ./sark-migrate revision -m \"fill full_name\" --data users --set \"full_name = first_name || ' ' || last_name\""
                        + " --where \"full_name IS NULL\" --nothing-to-undo \"rolling back the revision drops full_name\"",
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

    /** Commas separate TABLE.COLUMN=SQL pairs only where the next pair starts: SQL has commas of its own. */
    private static final String PAIRS = ",(?=\\s*[A-Za-z_][A-Za-z0-9_$]*\\.[A-Za-z_][A-Za-z0-9_$]*=)";

    @Option(names = "--backfill", paramLabel = "TABLE.COLUMN=SQL", split = PAIRS,
            description = "For a new NOT NULL column without a default on an existing table: add it nullable, with a trigger that"
                    + " fills it on each row the running application writes without it, fill the rows there in batches (each committed,"
                    + " resumable), then make it NOT NULL without a scan under the lock (e.g. --backfill users.locale='en'). The trigger"
                    + " stays until the contract phase: the next revision --autogenerate drops it (--hold-drops keeps it).")
    Map<String, String> backfills = new HashMap<>();

    @Option(names = "--restore", paramLabel = "TABLE.COLUMN=SQL", split = PAIRS,
            description = "For a column this revision drops: its rollback adds it back, fills it with SQL computed from the row, and"
                    + " makes it NOT NULL again if it was (e.g. --restore users.first_name=\"split_part(full_name, ' ', 1)\").")
    Map<String, String> restores = new HashMap<>();

    @Option(names = "--add-sql", paramLabel = "FILE",
            description = "Add the statements of FILE as one changeset to the newest revision, before its tag, instead of creating a"
                    + " revision (-m is its comment). Its rollback: --rollback-sql FILE, --nothing-to-undo REASON, or a placeholder"
                    + " to write (lint refuses it, and it fails if run).")
    Path addSql;

    @Option(names = "--data", paramLabel = "TABLE",
            description = "Add a data change of TABLE's rows to the newest revision, before its tag: an UPDATE run in batches of"
                    + " rows, each committed, outside a transaction, re-runnable (see --set, --where, --key, --batch-size).")
    String data;

    @Option(names = "--set", paramLabel = "SQL", description = "With --data: the assignments, e.g. \"full_name = first_name || ' ' || last_name\".")
    String set;

    @Option(names = "--where", paramLabel = "SQL",
            description = "With --data: what a row still to do looks like, e.g. \"full_name IS NULL\". A done row must no longer match:"
                    + " that is what lets a run stopped half-way be taken up again.")
    String where;

    @Option(names = "--key", paramLabel = "COLUMN",
            description = "With --data: the unique, not-null column to walk TABLE by (default: its one-column primary key).")
    String key;

    @Option(names = "--batch-size", paramLabel = "ROWS", description = "With --data: rows per batch (default: ${DEFAULT-VALUE}).")
    int batchSize = HandWrittenChanges.DEFAULT_BATCH;

    @Option(names = "--rollback-sql", paramLabel = "FILE", description = "With --add-sql or --data: the statements that undo it.")
    Path rollbackSql;

    @Option(names = "--nothing-to-undo", paramLabel = "REASON",
            description = "With --add-sql or --data: it needs no rollback, because REASON (written as rollback: [] and a lint allowance).")
    String nothingToUndo;

    @Option(names = "--hold-drops", description = "Leave the contract phase out of this revision: column drops, and the drops of"
            + " what an expand phase keeps for the application version before (a fill trigger, the old column of a type change or a"
            + " rename). Generate them later, once no running application uses them; check lists them until then.")
    boolean holdDrops;

    @Option(names = "--rename-constraints", description = "Also rename constraints and indexes that differ from the entities' in"
            + " name alone (ALTER TABLE ... RENAME CONSTRAINT, ALTER INDEX ... RENAME, each with its rollback). Without it such"
            + " names are left as the database has them, and listed as notices.")
    boolean renameConstraints;

    /** What was generated, for --json. */
    record Generated(String id, String file, String follows, List<String> changes, List<Finding> findings,
                     List<Review.ChangeSetReview> review, String diagram) {
    }

    /** What was added by --add-sql or --data, for --json. */
    record AddedChangeSet(String revision, String changeSet, String file, List<String> todo, List<Finding> findings) {
    }

    @Override
    public Integer call() {
        String by = Authors.resolve(author, app.context.workingDirectory());
        onlyWith("--data", data != null, "--set", set, "--where", where, "--key", key,
                "--batch-size", batchSize == HandWrittenChanges.DEFAULT_BATCH ? null : batchSize);
        onlyWith("--add-sql or --data", addSql != null || data != null, "--rollback-sql", rollbackSql, "--nothing-to-undo", nothingToUndo);
        if (addSql != null || data != null) {
            return addChangeSet(by);
        }
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
                out().println("Add its changesets above the tag, then: " + app.context.invocations().of("upgrade", given(DatabaseOptions.class), created.id())
                        + passwordLeftOut());
            }
            return ExitCodes.OK;
        }
        try (Autogenerate.Result comparison = Comparison.run(app.context, database, entities, shadow, err(), json(), renameConstraints)) {
            Autogenerate.Planned planned;
            try {
                planned = comparison.plan(new Autogenerate.RevisionOptions(backfills, restores, holdDrops));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage() + ": name a column the entities no longer have, as TABLE.COLUMN=SQL.");
            }
            planned.heldBack().forEach(c -> err().println("held back: " + c.describe()
                    + " (generate it later: the running application may still use it)"));
            List<SchemaChange> changes = planned.changes();
            if (changes.isEmpty()) {
                if (json()) {
                    Output.json(out(), Map.of("changes", List.of()));
                } else {
                    out().println("No changes: the entities and the changelog agree. Nothing was written.");
                }
                return ExitCodes.OK;
            }
            if (sql) {
                String text = comparison.sql(message, by, changes);
                if (json()) {
                    Output.json(out(), Map.of("sql", text));
                } else {
                    out().print(text);
                    out().flush();
                }
                return ExitCodes.OK;
            }
            RevisionFiles.NewRevision created = comparison.write(message, by, changes);
            List<String> described = changes.stream().map(SchemaChange::describe).toList();
            // The new revision, linted as a reviewer will see it.
            Changelog written = database.changelog(app.context);
            LintReport lint = new Linter(RuleRegistry.standard(), Map.of()).lint(written, created.id());
            List<Review.ChangeSetReview> review = Review.of(written, lint, created.id());
            if (json()) {
                Output.json(out(), new Generated(created.id(), created.file(), created.follows(), described, lint.findings(), review,
                        ReviewDiagrams.mermaid(written, created.id()).get(created.id())));
            } else {
                out().println("Created revision " + created.id() + " (follows " + created.follows() + ") in " + created.file()
                        + ", " + changes.size() + " change(s):");
                described.forEach(d -> out().println("  - " + d));
                out().println();
                out().print(Review.markdown(review, ReviewDiagrams.markdown(written, created.id())));
                out().println("Lint: " + lint.errors() + " error(s), " + lint.warnings() + " warning(s). The same review later:"
                        + " " + app.context.invocations().of("lint", given(DatabaseOptions.class),
                        "--report", "--since", created.id()) + passwordLeftOut());
            }
            return lint.errors() > 0 ? ExitCodes.FAILED : ExitCodes.OK;
        }
    }

    /** Refuses each option given (a name, then its value, null when not given) unless {@code owner}, which it goes with, is. */
    private static void onlyWith(String owner, boolean ownerGiven, Object... namesAndValues) {
        for (int i = 0; i < namesAndValues.length && !ownerGiven; i += 2) {
            if (namesAndValues[i + 1] != null) {
                throw new UsageException(namesAndValues[i] + " goes with " + owner + ".");
            }
        }
    }

    private int addChangeSet(String by) {
        if (addSql != null && data != null) {
            throw new UsageException("--add-sql and --data each add one changeset: give one of them.");
        }
        if (autogenerate || sql || !backfills.isEmpty() || !restores.isEmpty() || holdDrops || renameConstraints) {
            throw new UsageException((addSql != null ? "--add-sql" : "--data") + " adds to the newest revision and generates nothing:"
                    + " leave out --autogenerate and its options.");
        }
        if (rollbackSql != null && nothingToUndo != null) {
            throw new UsageException("--rollback-sql and --nothing-to-undo say two things about one rollback: give one of them.");
        }
        if (nothingToUndo != null && nothingToUndo.isBlank()) {
            throw new UsageException("--nothing-to-undo needs its reason, e.g. --nothing-to-undo \"rolling back 007-1 drops the column\".");
        }
        if (batchSize < 1) {
            throw new UsageException("--batch-size " + batchSize + ": a batch holds at least one row.");
        }
        HandWrittenChanges.Rollback rollback = new HandWrittenChanges.Rollback(
                rollbackSql == null ? null : OptionFiles.read("--rollback-sql", app.context.workingDirectory(), rollbackSql), nothingToUndo);
        Changelog changelog = database.changelog(app.context);
        HandWrittenChanges.Added added;
        if (addSql != null) {
            added = HandWrittenChanges.addSql(changelog, by, message, OptionFiles.read("--add-sql", app.context.workingDirectory(), addSql), rollback);
        } else {
            SortedSet<String> tables = changelog.declarations().tables();
            if (!tables.contains(data.toLowerCase(Locale.ROOT))) {
                throw new UsageException("--data " + data + ": the changelog creates no such table (it has " + (tables.isEmpty() ? "none"
                        : String.join(", ", tables.stream().limit(12).toList()) + (tables.size() > 12 ? ", ..." : "")) + ").");
            }
            String column = key != null ? key : oneColumnKey(changelog, data);
            added = HandWrittenChanges.addData(changelog, by, message,
                    new HandWrittenChanges.DataChange(data, column, set, where, batchSize), rollback);
        }
        Changelog written = database.changelog(app.context);
        LintReport lint = new Linter(RuleRegistry.standard(), Map.of()).lint(written, added.revision());
        List<Finding> findings = lint.findings().stream().filter(f -> f.changeSet().equals(added.changeSet())).toList();
        if (json()) {
            Output.json(out(), new AddedChangeSet(added.revision(), added.changeSet(), added.file(), added.todo(), findings));
        } else {
            out().println("Added " + added.changeSet() + " to revision " + added.revision() + ", before its tag, in " + added.file() + ".");
            if (!added.todo().isEmpty()) {
                out().println("Still to write (lint refuses it until then, and it fails if run):");
                added.todo().forEach(t -> out().println("  - " + t));
            }
            out().println();
            out().print(Review.markdown(Review.of(written, lint, added.revision()).stream()
                    .filter(r -> r.id().equals(added.changeSet())).toList()));
            out().println("If " + added.revision() + " is already applied anywhere, this changeset runs there on the next upgrade,"
                    + " after its tag: start a new revision instead (revision -m).");
        }
        boolean otherErrors = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR && !f.code().equals("HY106"));
        return otherErrors ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** The table's primary key, when the changelog declares one of one column. */
    private static String oneColumnKey(Changelog changelog, String table) {
        List<String> key = Linter.primaryKeys(changelog).get(table.toLowerCase(Locale.ROOT));
        if (key == null || key.size() != 1) {
            throw new UsageException("--data " + table + ": " + (key == null ? "the changelog declares no primary key for it"
                    : "its primary key has " + key.size() + " columns (" + String.join(", ", key) + ")")
                    + "; name a unique, not-null column to walk it by in batches: --key COLUMN.");
        }
        return key.get(0);
    }
}
