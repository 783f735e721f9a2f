package io.sark.migrate.cli;

import io.sark.migrate.engine.RevisionStatus;
import io.sark.migrate.engine.Validation;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.errors.MigrationInterruptedException;
import io.sark.migrate.postgres.TargetDatabase;
import io.sark.migrate.postgres.server.ThrowawayDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "validate",
        description = {
                "Check the changelog by running it: upgrade to head; with --test-downgrade, down to base (nothing may be"
                        + " left) and up again (the same catalog must come back); with --migration, up/down/up around one"
                        + " revision, comparing whole catalogs at each step (and, with --seed, the rows the seed put in).",
                "Runs on a throwaway embedded PostgreSQL unless --target is given."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./sark-migrate validate --test-downgrade",
                "  ./sark-migrate validate --migration 003_policies",
                "  # a data migration, tried on rows: they must come back as they were after its downgrade",
                "  ./sark-migrate validate --migration 008_full_name --seed people.sql",
                "  POSTGRES_DB=sark_test ./sark-migrate validate --target --show-history",
        })
final class ValidateCommand extends DatabaseCommand {

    @Option(names = "--test-downgrade", description = "Also downgrade to base, check that nothing is left, and upgrade again.")
    boolean testDowngrade;

    @Option(names = "--migration", paramLabel = "REVISION", description = "Also take REVISION up, down one step, and up again.")
    String migration;

    @Option(names = "--seed", paramLabel = "FILE",
            description = "With --migration: run the SQL in FILE on the tables as they are before REVISION (to put rows in them),"
                    + " then also check that the downgrade gives back exactly those rows and the upgrade again the same rows."
                    + " On the throwaway database only.")
    Path seed;

    @Option(names = "--show-history", description = "Show every revision's state at the end.")
    boolean showHistory;

    @Option(names = "--target", description = "Run on the configured database (or the embedded one) instead of a throwaway one.")
    boolean target;

    @Override
    public Integer call() {
        PrintWriter err = err();
        var changelog = database.changelog(app.context);
        if (migration != null) {
            changelog.revisions().resolve(migration); // an unknown revision is a usage error, before anything starts
        }
        if (seed != null && migration == null) {
            throw new UsageException("--seed puts rows in the tables before the revision --migration names: add --migration REVISION.");
        }
        if (seed != null && target) {
            // It inserts rows, and downgrades without the data-loss guard (the rows are compared instead): never on a real database.
            throw new UsageException("--seed runs on the throwaway database only (it inserts rows, and downgrades without the data-loss"
                    + " guard): leave out --target.");
        }
        String seedSql = seed == null ? null : OptionFiles.read("--seed", app.context.workingDirectory(), seed);
        if (target) {
            return validate(database.open(app.context, err), changelog, seedSql, err);
        }
        // Ctrl-C on a throwaway database: nothing there is worth finishing or keeping. Its server is stopped at once, and
        // the command says so, rather than that a lost connection may resume when "the server" is back.
        AtomicReference<TargetDatabase> throwaway = new AtomicReference<>();
        Interruption.onInterrupt(() -> Optional.ofNullable(throwaway.get()).ifPresent(TargetDatabase::close));
        try {
            err.println("Validating on a throwaway embedded PostgreSQL (pass --target to use the configured database).");
            err.flush();
            throwaway.set(ThrowawayDatabase.start());
            if (Interruption.requested()) {
                throwaway.get().close();
            }
            return validate(throwaway.get(), changelog, seedSql, err);
        } catch (RuntimeException e) {
            if (Interruption.requested()) {
                throw interrupted();
            }
            throw e;
        } finally {
            Interruption.onInterrupt(null);
        }
    }

    private static MigrationInterruptedException interrupted() {
        return new MigrationInterruptedException("validate was interrupted. It ran on a throwaway database, which is removed:"
                + " there is nothing to resume or undo; run validate again.");
    }

    private int validate(TargetDatabase db, Changelog changelog, String seedSql, PrintWriter err) {
        Validation.Report report;
        Notices notices = new Notices(err, notice -> true, Notices.Progress.of(app.context.environment(), json()));
        try (db) {
            report = new Validation(db, changelog, notices).run(new Validation.Options(testDowngrade, migration, showHistory, seedSql));
        } finally {
            notices.endProgressLine();
        }
        if (!target && Interruption.requested()) {
            throw interrupted();
        }
        PrintWriter out = out();
        if (json()) {
            Output.json(out, new Result(report.passed(), report.database(), report.steps(), report.history()));
        } else {
            print(report, out);
        }
        return report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The report, for --json. */
    record Result(boolean passed, String database, List<Validation.Step> steps, List<RevisionStatus> history) {
    }

    private static void print(Validation.Report report, PrintWriter out) {
        for (Validation.Step step : report.steps()) {
            out.println((step.passed() ? "ok      " : "FAILED  ") + step.name());
            step.details().forEach(d -> out.println("        " + d));
        }
        if (!report.history().isEmpty()) {
            out.println();
            for (RevisionStatus revision : report.history()) {
                out.printf("%-30s %s%n", revision.id(), revision.state());
            }
        }
        out.println();
        out.println(report.passed() ? "All validations passed." : "Validation FAILED.");
        out.flush();
    }
}
