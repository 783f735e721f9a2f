package io.sark.migrate.cli;

import io.sark.migrate.engine.ChangeSetStatus;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.engine.MigrationResult;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.RevisionStatus;
import io.sark.migrate.errors.SarkMigrateException;
import io.sark.migrate.lint.Finding;
import io.sark.migrate.lint.Linter;
import io.sark.migrate.lint.RuleRegistry;
import io.sark.migrate.lint.Severity;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.server.PgDump;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    @Option(names = "--max-lock-seconds", paramLabel = "SECONDS",
            description = "Refuse, before anything runs, a changeset expected to hold a lock writers wait for (a rewrite, a scan or"
                    + " an index built under the lock) longer than SECONDS, as estimated from the tables' size in the catalog."
                    + " Without it, each such changeset is named with its estimate, and runs.")
    Integer maxLockSeconds;

    @Option(names = "--allow-lint-errors",
            description = "Apply even when lint rates a pending changeset an error (without it, on a database with revisions"
                    + " applied, the upgrade is refused before anything runs, naming each; the changelog's hygiene rules, HY, aside)."
                    + " Better: allow it in the changeset with the reason (sark-lint: allow CODE because ...), which the review shows.")
    boolean allowLintErrors;

    /** Refuses option values that cannot be, before any database is opened. */
    @Override
    public Integer call() {
        if (maxLockSeconds != null && maxLockSeconds < 0) {
            throw new UsageException("--max-lock-seconds " + maxLockSeconds + ": give 0 or more seconds.");
        }
        return super.call();
    }

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
        if (maxLockSeconds != null) {
            migrator.maxLock(Duration.ofSeconds(maxLockSeconds));
        }
        return migrator.upgrade(target, allowDataLoss);
    }

    /**
     * With no changelog given, the one built into sark-migrate is SARK's: a database that holds tables and no history of
     * any migration is another application's (or a SARK database built by other means), and SARK's tables are not
     * created among them.
     */
    private static void refuseAnotherApplicationsTables(Migrator migrator) {
        List<String> tables = migrator.tablesWithoutHistory();
        if (!tables.isEmpty()) {
            throw new UsageException("The database holds " + tables.size() + " table(s) (" + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                    + (tables.size() > 5 ? ", ..." : "") + ") and no migration history, and no changelog was given: upgrade would create SARK's"
                    + " tables among them from the changelog built into sark-migrate. Nothing ran. Pass your project's changelog with"
                    + " --changelog FILE or --changelog-root DIR, or give SARK an empty database.");
        }
    }

    @Override
    void writeSql(Migrator migrator, String target, OutputStream out) {
        migrator.upgradeSql(target, out);
    }

    @Override
    void beforeMove(Session session) {
        if (database.bundledChangelog(app.context)) {
            refuseAnotherApplicationsTables(session.migrator);
        }
        if (!allowLintErrors) {
            refuseLintErrors(session.migrator);
        }
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

    /**
     * Refuses, before anything runs, to apply a changeset lint rates an error without an allowance, on a database an
     * application already uses: a rename that breaks the running version, an index built under the lock, a column
     * dropped. A database with nothing applied yet has nothing running on it, and the changelog's hygiene (HY: a
     * missing rollback, a comment) is the author's, not the running application's: neither is refused here. What is
     * already applied is not linted again.
     */
    private void refuseLintErrors(Migrator migrator) {
        String to = migrator.revisions().upgradeTarget(target, migrator.position());
        Set<String> pending = new LinkedHashSet<>();
        String firstPending = null;
        boolean anyApplied = false;
        boolean beyondTarget = false;
        for (RevisionStatus revision : migrator.history()) {
            for (ChangeSetStatus changeSet : revision.changeSets()) {
                anyApplied |= changeSet.appliedAt() != null;
                if (changeSet.appliedAt() == null && !beyondTarget) {
                    pending.add(changeSet.id());
                    firstPending = firstPending == null ? revision.id() : firstPending;
                }
            }
            beyondTarget |= revision.id().equals(to);
        }
        if (pending.isEmpty() || !anyApplied) {
            return;
        }
        List<Finding> errors = new Linter(RuleRegistry.standard(), Map.of()).lint(migrator.changelog(), firstPending).findings().stream()
                .filter(f -> f.severity() == Severity.ERROR && !f.code().startsWith("HY") && pending.contains(f.changeSet())).toList();
        if (!errors.isEmpty()) {
            throw new LintRefusal("upgrade refused, nothing ran: lint rates " + errors.size() + " pending change(s) an error: "
                    + String.join("; ", errors.stream().map(f -> f.changeSet() + " " + f.code() + " (" + f.rule() + ")").toList())
                    + ". See them with: sark-migrate lint --since " + firstPending + ". Allow each in its changeset with the reason"
                    + " (sark-lint: allow CODE because ...), or run again with --allow-lint-errors.");
        }
    }

    /** An upgrade refused because a pending changeset is a lint error without an allowance. */
    static final class LintRefusal extends SarkMigrateException {
        LintRefusal(String message) {
            super(Kind.FAILED, message);
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
