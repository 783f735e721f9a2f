package io.sark.migrate.cli;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.Changelog;
import io.sark.migrate.generate.Generator;
import io.sark.migrate.postgres.ServerDatabase;
import io.sark.migrate.postgres.TargetDatabase;
import io.sark.migrate.schema.Schema;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * The entities compared with the changelog, for revision --autogenerate and check: against the configured database
 * when there is one (it must be at head), else against a shadow database the changelog is replayed into.
 */
final class Comparison implements AutoCloseable {

    final Generator generator;
    final TargetDatabase database;
    /** The differences, without the name-only ones unless they were asked for. */
    final List<SchemaChange> changes;
    /** Constraints and indexes that differ from the wanted ones in their name alone, as renames. */
    final List<SchemaChange> nameOnly;
    /** With --keep-extras: what the database has beyond the entities, left as it is (not among {@link #changes}). */
    final List<SchemaChange> kept;
    /** {@link #kept}, counted by kind, for one line. */
    final String keptCounted;
    /** With --keep-extras: the risk of each proposed type change, one line each. */
    final List<String> risks;
    final Schema desired;
    /** Whether the comparison was with the configured database itself (else with the changelog replayed into a shadow). */
    final boolean live;

    private Comparison(Generator generator, TargetDatabase database, Schema current, boolean renameConstraints, boolean keepExtras) {
        this.generator = generator;
        this.database = database;
        this.live = database instanceof io.sark.migrate.postgres.ServerDatabase;
        this.desired = generator.desiredAgainst(database);
        List<SchemaChange> all;
        try (var t = io.sark.migrate.diagnostics.Timings.phase("diff")) {
            all = generator.changes(current, desired, true);
        }
        this.nameOnly = all.stream().filter(Comparison::nameOnly).toList();
        List<SchemaChange> wanted = renameConstraints ? all : all.stream().filter(c -> !nameOnly(c)).toList();
        io.sark.migrate.diff.KeptExtras.Split split = keepExtras ? io.sark.migrate.diff.KeptExtras.of(wanted)
                : io.sark.migrate.diff.KeptExtras.Split.exact(wanted);
        this.changes = split.proposed();
        this.kept = split.kept();
        this.keptCounted = split.counted();
        this.risks = split.risks();
    }

    private static boolean nameOnly(SchemaChange change) {
        return change instanceof SchemaChange.RenameConstraint || change instanceof SchemaChange.RenameIndex;
    }

    static Comparison run(Context context, DatabaseOptions options, EntityOptions entities, ShadowOptions shadow, PrintWriter err,
                          boolean json) {
        return run(context, options, entities, shadow, err, json, false);
    }

    /** {@code renameConstraints}: name-only differences are changes (renames) too, not notices. */
    static Comparison run(Context context, DatabaseOptions options, EntityOptions entities, ShadowOptions shadow, PrintWriter err,
                          boolean json, boolean renameConstraints) {
        if (entities.anotherProjects() && options.bundledChangelog(context)) {
            // The changelog built into sark-migrate is SARK's: replayed as a shadow, or advised ("upgrade it first") against
            // another project's database, it would make SARK's tables there.
            throw new UsageException("The entities are another project's, and no changelog was given: sark-migrate would compare"
                    + " them with SARK's own changelog. Pass your project's with --changelog-root DIR (the folder its paths are"
                    + " relative to) or --changelog FILE.");
        }
        Changelog changelog = options.changelog(context);
        changelog.revisions();
        // The shadow's replay notices are not news; what a comparison leaves out is, and so is the replay's progress.
        Notices notices = new Notices(err, notice -> notice.startsWith("left alone:") || notice.startsWith("entities:"), Notices.Progress.of(context.environment(), json));
        Generator generator = new Generator(entities.entities(), entities.settings(), changelog, notices).filter(options.filter());
        // Hibernate reads the entities while the database is made ready and read; a mistake in them is still what is
        // reported, before any trouble with the database.
        generator.readModelInParallel();
        var configured = options.configured(context);
        TargetDatabase database;
        var cache = configured.isPresent() ? java.util.Optional.<java.nio.file.Path>empty() : shadow.cacheFolder(context);
        try {
            if (configured.isPresent()) {
                database = new ServerDatabase(configured.get(), Duration.ofSeconds(options.connectTimeoutSeconds));
            } else if (cache.isPresent()) {
                database = shadow.openCached(cache.get(), changelog, options.filter(), notices, err);
            } else {
                database = shadow.start(err, changelog);
            }
        } catch (RuntimeException e) {
            generator.model(); // the entities' mistake first, if they have one
            throw e;
        } finally {
            notices.endProgressLine();
        }
        try {
            Schema current;
            try {
                current = configured.isPresent() ? generator.currentFrom(database)
                        : cache.isPresent() ? generator.currentFromReplayed(database) : generator.currentFromShadow(database);
            } finally {
                notices.endProgressLine();
            }
            Comparison comparison = new Comparison(generator, database, current, renameConstraints, entities.keepExtras);
            if (!comparison.kept.isEmpty()) {
                err.println("notice: kept what the database has beyond the entities (--keep-extras): " + comparison.keptCounted
                        + (Verbosity.on() ? ":" : " (--verbose lists them)."));
                if (Verbosity.on()) {
                    comparison.kept.forEach(c -> err.println("notice:   " + c.describe()));
                }
            }
            if (!renameConstraints && !comparison.nameOnly.isEmpty()) {
                err.println("notice: " + comparison.nameOnly.size() + " constraint(s) or index(es) differ from the entities' in name"
                        + " alone (not a difference; revision --rename-constraints renames them):");
                comparison.nameOnly.forEach(c -> err.println("notice:   " + c.describe()));
            }
            for (String warning : generator.model().warnings()) {
                err.println("warning: " + warning);
            }
            for (String risk : comparison.risks) {
                err.println("warning: " + risk);
            }
            for (String hint : Generator.renameHints(comparison.changes)) {
                err.println("warning: " + hint);
            }
            err.flush();
            return comparison;
        } catch (RuntimeException e) {
            database.close();
            generator.model();
            throw e;
        }
    }

    @Override
    public void close() {
        try (var t = io.sark.migrate.diagnostics.Timings.phase("close the database (stop a shadow)")) {
            database.close();
        }
    }
}
