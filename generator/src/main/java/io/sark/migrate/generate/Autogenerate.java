package io.sark.migrate.generate;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.diff.KeptExtras;
import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.engine.ShadowCache;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogFilter;
import io.sark.migrate.hibernate.HibernateSettings;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.TargetDatabase;
import io.sark.migrate.postgres.server.ServerDatabase;
import io.sark.migrate.postgres.server.ThrowawayDatabase;
import io.sark.migrate.schema.Schema;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code check} and {@code revision --autogenerate} as a library call: the entities (with the application's Hibernate
 * settings) compared with what the changelog makes, read from a configured database at head, a cached shadow or a
 * fresh one. The command line, the Maven plugin and the JUnit gate are shells over it.
 *
 * <pre>{@code
 * try (Autogenerate.Result result = Autogenerate.of(List.of(Customer.class), Changelog.ofFile(master, null))
 *         .against(Autogenerate.Current.embeddedShadow())
 *         .compare()) {
 *     if (!result.changes().isEmpty()) {
 *         result.write("add customers", "alice", result.changes());
 *     }
 * }
 * }</pre>
 */
public final class Autogenerate {

    /** Where the schema the changelog makes is read from. */
    public sealed interface Current {

        /** A configured database, which must hold every changeset the changelog has (it is compared as it is). */
        static Current database(ConnectionSettings settings, Duration connectTimeout) {
            return new Database(settings, connectTimeout);
        }

        /** The changelog replayed into the shadow cache in {@code folder}, reusing the revisions replayed before. */
        static Current cachedShadow(Path folder) {
            return new CachedShadow(folder);
        }

        /** The changelog replayed into the empty database {@code start} gives (closed, and so thrown away, after). */
        static Current shadow(Supplier<TargetDatabase> start) {
            return new Shadow(start);
        }

        /** The changelog replayed into a throwaway embedded PostgreSQL. */
        static Current embeddedShadow() {
            return new Shadow(ThrowawayDatabase::start);
        }
    }

    record Database(ConnectionSettings settings, Duration connectTimeout) implements Current {
    }

    record CachedShadow(Path folder) implements Current {
    }

    record Shadow(Supplier<TargetDatabase> start) implements Current {
    }

    /**
     * What a revision makes of the differences beyond them.
     *
     * @param backfills  {@code table.column} → SQL filling a new NOT NULL column's existing rows in batches
     * @param restores   {@code table.column} → SQL a dropped column's rollback refills it with
     * @param holdDrops  leave the contract phase (drops) for a later revision
     */
    public record RevisionOptions(Map<String, String> backfills, Map<String, String> restores, boolean holdDrops) {

        public static final RevisionOptions NONE = new RevisionOptions(Map.of(), Map.of(), false);

        public RevisionOptions {
            backfills = Map.copyOf(backfills);
            restores = Map.copyOf(restores);
        }
    }

    /** The changes a revision holds, and those {@link RevisionOptions#holdDrops()} left for a later one. */
    public record Planned(List<SchemaChange> changes, List<SchemaChange> heldBack) {
    }

    private final List<Class<?>> entities;
    private final Changelog changelog;
    private HibernateSettings settings = HibernateSettings.none();
    private ChangelogFilter filter = ChangelogFilter.none();
    private Current current = Current.embeddedShadow();
    private boolean keepExtras;
    private boolean renameConstraints;
    private MigrationListener listener = MigrationListener.NONE;
    private Consumer<String> said = line -> { };
    private Runnable afterOpening = () -> { };

    private Autogenerate(List<Class<?>> entities, Changelog changelog) {
        this.entities = List.copyOf(entities);
        this.changelog = Objects.requireNonNull(changelog, "changelog");
    }

    /** The comparison of {@code entities} (and the embeddables and superclasses they use) with {@code changelog}. */
    public static Autogenerate of(List<Class<?>> entities, Changelog changelog) {
        return new Autogenerate(entities, changelog);
    }

    /** The application's Hibernate settings (naming strategies, preferred types, default schema). */
    public Autogenerate settings(HibernateSettings settings) {
        this.settings = settings;
        return this;
    }

    /** The changesets the target runs (Liquibase contexts and labels); every one by default. */
    public Autogenerate filter(ChangelogFilter filter) {
        this.filter = filter;
        return this;
    }

    /** Where the changelog's schema is read: a fresh embedded shadow by default. */
    public Autogenerate against(Current current) {
        this.current = current;
        return this;
    }

    /** Keep what the database has beyond the entities ({@code --keep-extras}): see {@link KeptExtras}. */
    public Autogenerate keepExtras(boolean keepExtras) {
        this.keepExtras = keepExtras;
        return this;
    }

    /** Count constraints and indexes named otherwise than the entities name them as changes (renames), not notices. */
    public Autogenerate renameConstraints(boolean renameConstraints) {
        this.renameConstraints = renameConstraints;
        return this;
    }

    /** Hears the changesets' notices and the replay's progress. */
    public Autogenerate listener(MigrationListener listener) {
        this.listener = listener;
        return this;
    }

    /** Takes the lines that say what is compared with (which shadow, how much of it came from the cache). */
    public Autogenerate saying(Consumer<String> said) {
        this.said = said;
        return this;
    }

    /** Runs once the database is open, or failed to open (to end a progress line, say). */
    public Autogenerate afterOpening(Runnable afterOpening) {
        this.afterOpening = afterOpening;
        return this;
    }

    /**
     * Reads both schemas and compares them. A mistake in the entities is what is thrown, before any trouble with the
     * database: Hibernate reads them while the database is made ready.
     */
    public Result compare() {
        changelog.revisions();
        Generator generator = new Generator(entities, settings, changelog, listener).filter(filter);
        generator.readModelInParallel();
        TargetDatabase database;
        try {
            database = open();
        } catch (RuntimeException e) {
            generator.model(); // the entities' mistake first, if they have one
            throw e;
        } finally {
            afterOpening.run();
        }
        try {
            Schema schema;
            try {
                schema = current instanceof Database ? generator.currentFrom(database)
                        : current instanceof CachedShadow ? generator.currentFromReplayed(database)
                        : generator.currentFromShadow(database);
            } finally {
                afterOpening.run();
            }
            return new Result(generator, database, schema, current instanceof Database, renameConstraints, keepExtras);
        } catch (RuntimeException e) {
            database.close();
            generator.model();
            throw e;
        }
    }

    private TargetDatabase open() {
        if (current instanceof Database d) {
            return new ServerDatabase(d.settings(), d.connectTimeout());
        }
        if (current instanceof CachedShadow c) {
            ShadowCache shadow = ShadowCache.open(c.folder(), changelog, filter, listener, said);
            said.accept("Comparing with a shadow database: the changelog replayed into the embedded shadow PostgreSQL ("
                    + (shadow.replayed() == 0 ? "all " + shadow.reused() + " revision(s) from the cache"
                    : shadow.reused() + " revision(s) from the cache, " + shadow.replayed() + " replayed") + ").");
            return shadow;
        }
        return ((Shadow) current).start().get();
    }

    /** The comparison's outcome; closing it closes the database (a shadow is thrown away). */
    public static final class Result implements AutoCloseable {

        private final Generator generator;
        private final TargetDatabase database;
        private final Schema desired;
        private final Schema current;
        private final boolean live;
        private final List<SchemaChange> changes;
        private final List<SchemaChange> nameOnly;
        private final KeptExtras.Split split;

        private Result(Generator generator, TargetDatabase database, Schema current, boolean live, boolean renameConstraints,
                       boolean keepExtras) {
            this.generator = generator;
            this.database = database;
            this.live = live;
            this.current = current;
            this.desired = generator.desiredAgainst(database);
            List<SchemaChange> all;
            try (var t = Timings.phase("diff")) {
                all = generator.changes(current, desired, true);
            }
            this.nameOnly = all.stream().filter(Result::nameOnly).toList();
            List<SchemaChange> wanted = renameConstraints ? all : all.stream().filter(c -> !nameOnly(c)).toList();
            this.split = keepExtras ? KeptExtras.of(wanted) : KeptExtras.Split.exact(wanted);
            this.changes = split.proposed();
        }

        private static boolean nameOnly(SchemaChange change) {
            return change instanceof SchemaChange.RenameConstraint || change instanceof SchemaChange.RenameIndex;
        }

        /** The differences: what the changelog needs to make the entities' schema. */
        public List<SchemaChange> changes() {
            return changes;
        }

        /** Constraints and indexes that differ from the entities' in name alone, as renames (among the changes only if asked). */
        public List<SchemaChange> nameOnly() {
            return nameOnly;
        }

        /** With keepExtras: what the database has beyond the entities, left as it is (not among the changes). */
        public List<SchemaChange> kept() {
            return split.kept();
        }

        /** {@link #kept()}, counted by kind, for one line. */
        public String keptCounted() {
            return split.counted();
        }

        /**
         * Warnings, one line each: the entities' (what Hibernate maps in a way to know), the risk of each type change
         * kept extras propose, and drops beside adds that look like undeclared renames.
         */
        public List<String> warnings() {
            List<String> warnings = new ArrayList<>(generator.model().warnings());
            warnings.addAll(split.risks());
            warnings.addAll(Generator.renameHints(changes));
            return warnings;
        }

        /** The entities' schema, as the database's PostgreSQL spells it. */
        public Schema desired() {
            return desired;
        }

        /** The schema the entities were compared with: the database's (its managed tables), or the changelog's replayed. */
        public Schema current() {
            return current;
        }

        /** Whether the comparison was with a configured database itself (else with the changelog replayed into a shadow). */
        public boolean live() {
            return live;
        }

        /** The database compared with, open until this result is closed. */
        public TargetDatabase database() {
            return database;
        }

        /** The changes a revision holds with {@code options}. */
        public Planned plan(RevisionOptions options) {
            List<SchemaChange> planned = Generator.withBackfills(changes, options.backfills());
            planned = Generator.withRestores(planned, options.restores());
            if (!options.holdDrops()) {
                return new Planned(planned, List.of());
            }
            List<SchemaChange> kept = Generator.holdingDrops(planned);
            return new Planned(kept, planned.stream().filter(c -> !kept.contains(c)).toList());
        }

        /** Writes the next revision, holding {@code changes}, into the changelog's sources and includes it in the master. */
        public RevisionFiles.NewRevision write(String message, String author, List<SchemaChange> changes) {
            return generator.write(message, author, changes);
        }

        /** The SQL the next revision, holding {@code changes}, would run; nothing is written. */
        public String sql(String message, String author, List<SchemaChange> changes) {
            return generator.sql(message, author, changes, database);
        }

        @Override
        public void close() {
            try (var t = Timings.phase("close the database (stop a shadow)")) {
                database.close();
            }
        }
    }
}
