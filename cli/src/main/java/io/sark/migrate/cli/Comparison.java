package io.sark.migrate.cli;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.generate.Autogenerate;
import io.sark.migrate.postgres.ConnectionSettings;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The options of check and revision --autogenerate turned into an {@link Autogenerate}, and what it found beyond the
 * differences (kept objects, names, warnings) printed: against the configured database when there is one (it must be
 * at head), else against a shadow database the changelog is replayed into.
 */
final class Comparison {

    private Comparison() {
    }

    static Autogenerate.Result run(Context context, DatabaseOptions options, EntityOptions entities, ShadowOptions shadow, PrintWriter err,
                                   boolean json) {
        return run(context, options, entities, shadow, err, json, false);
    }

    /** {@code renameConstraints}: name-only differences are changes (renames) too, not notices. */
    static Autogenerate.Result run(Context context, DatabaseOptions options, EntityOptions entities, ShadowOptions shadow,
                                   PrintWriter err, boolean json, boolean renameConstraints) {
        entities.relativeTo(context.workingDirectory());
        if (entities.anotherProjects() && options.bundledChangelog(context)) {
            // The changelog built into sark-migrate is SARK's: replayed as a shadow, or advised ("upgrade it first") against
            // another project's database, it would make SARK's tables there.
            throw new UsageException("The entities are another project's, and no changelog was given: sark-migrate would compare"
                    + " them with SARK's own changelog. Pass your project's with --changelog-root DIR (the folder its paths are"
                    + " relative to) or --changelog FILE.");
        }
        Changelog changelog = options.changelog(context);
        changelog.revisions();
        // The shadow's replay notices are not news; what a comparison leaves out is, and so is the replay's progress, and
        // where the entities' schema is built when the role may not build it in the database.
        Notices notices = new Notices(err, notice -> notice.startsWith("left alone:") || notice.startsWith("entities:")
                || notice.startsWith("the role may not create a scratch schema"),
                Notices.Progress.of(context.environment(), json));
        Optional<ConnectionSettings> configured = options.configured(context);
        Optional<Path> cache = configured.isPresent() ? Optional.empty() : shadow.cacheFolder(context);
        Autogenerate.Current current = configured.isPresent()
                ? Autogenerate.Current.database(configured.get(), Duration.ofSeconds(options.connectTimeoutSeconds))
                : cache.isPresent() ? Autogenerate.Current.cachedShadow(cache.get())
                : Autogenerate.Current.shadow(() -> shadow.start(err, changelog));
        Autogenerate.Result result = Autogenerate.of(entities.entities(), changelog)
                .settings(entities.settings())
                .filter(options.filter())
                .against(current)
                .keepExtras(entities.keepExtras)
                .renameConstraints(renameConstraints)
                .listener(notices)
                .saying(line -> {
                    err.println(line);
                    err.flush();
                })
                .afterOpening(notices::endProgressLine)
                .compare();
        if (!result.kept().isEmpty()) {
            err.println("notice: kept what the database has beyond the entities (--keep-extras): " + result.keptCounted()
                    + (Verbosity.on() ? ":" : " (--verbose lists them)."));
            if (Verbosity.on()) {
                result.kept().forEach(c -> err.println("notice:   " + c.describe()));
            }
        }
        if (!renameConstraints && !result.nameOnly().isEmpty()) {
            err.println("notice: " + result.nameOnly().size() + " constraint(s) or index(es) differ from the entities' in name"
                    + " alone (not a difference; revision --rename-constraints renames them):");
            result.nameOnly().stream().map(SchemaChange::describe).forEach(c -> err.println("notice:   " + c));
        }
        result.warnings().forEach(warning -> err.println("warning: " + warning));
        err.flush();
        return result;
    }
}
