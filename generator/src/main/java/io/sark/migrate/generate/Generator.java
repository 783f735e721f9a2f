package io.sark.migrate.generate;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.changes.SqlFacts;
import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.diff.RenameHints;
import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.diff.SchemaDiff;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.errors.MigrationInterruptedException;
import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogDeclarations;
import io.sark.migrate.engine.changelog.ChangelogException;
import io.sark.migrate.engine.changelog.ChangelogFilter;
import io.sark.migrate.engine.changelog.HypertableDeclarations;
import io.sark.migrate.files.Folders;
import io.sark.migrate.hibernate.EntityModel;
import io.sark.migrate.hibernate.EntityCache;
import io.sark.migrate.hibernate.EntitySchemaReader;
import io.sark.migrate.hibernate.HibernateSettings;
import io.sark.migrate.postgres.TargetDatabase;
import io.sark.migrate.postgres.server.ThrowawayDatabase;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.postgres.catalog.UndeclaredObjects;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.Identifiers;
import io.sark.migrate.schema.Renames;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The generator's pipeline, top to bottom: read the desired schema (the entities), read the current one (a database,
 * or a shadow database the changelog is replayed into), diff, and write the next revision, or report.
 */
public final class Generator {

    private final List<Class<?>> entities;
    private final HibernateSettings settings;
    private final Changelog changelog;
    private final MigrationListener listener;
    private ChangelogFilter filter = ChangelogFilter.none();
    private EntityModel model;
    private FutureTask<EntityModel> reading;
    /** The key of the entities in {@link EntityCache}, once taken (empty: none could be). */
    private volatile Optional<String> modelKey;

    public Generator(List<Class<?>> entities, Changelog changelog, MigrationListener listener) {
        this(entities, HibernateSettings.none(), changelog, listener);
    }

    public Generator(List<Class<?>> entities, HibernateSettings settings, Changelog changelog, MigrationListener listener) {
        this.entities = List.copyOf(entities);
        this.settings = settings;
        this.changelog = changelog;
        this.listener = listener;
    }

    /** Replays only the changesets {@code filter} chooses into the shadow (Liquibase contexts and labels), as the target runs them. */
    public Generator filter(ChangelogFilter filter) {
        this.filter = filter;
        return this;
    }

    /** The renames the entities declare. */
    public Renames renames() {
        return model().renames();
    }

    /**
     * Starts reading the entities on a thread of its own, so that Hibernate's metadata (CPU: 0.7 s for SARK's model on
     * JDK 17, 1.6 s for 500 entities) is built while the caller waits for a database (a shadow's start, the catalog's
     * queries). {@link #model()} waits for it and throws what it threw. Settings it would refuse are refused here, at
     * once, before any database is started.
     */
    public synchronized Generator readModelInParallel() {
        if (model == null && reading == null) {
            EntityModel.checkSettings(entities, settings);
            reading = new FutureTask<>(() -> {
                try (var t = Timings.phase("read the entities (Hibernate's metadata, or the cache's), in parallel")) {
                    return cachedModel();
                }
            });
            Thread thread = new Thread(reading, "sark-migrate entities");
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    /** The entities as Hibernate maps them with the application's settings (read once). */
    public synchronized EntityModel model() {
        if (model == null && reading != null) {
            try {
                model = reading.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrationInterruptedException("Interrupted while Hibernate read the entities: nothing was compared or written.");
            }
        }
        if (model == null) {
            try (var t = Timings.phase("read the entities (Hibernate's metadata, or the cache's)")) {
                model = cachedModel();
            }
        }
        return model;
    }

    /** The entities' model from {@link EntityCache} when their classes and settings are unchanged, else read by Hibernate and kept. */
    private EntityModel cachedModel() {
        Optional<String> key;
        try (var t = Timings.phase("key the entities (the bytes of their classes)")) {
            key = EntityCache.key(entities, settings);
        }
        modelKey = key;
        return EntityCache.model(key, entities, settings);
    }

    /**
     * What the entities describe: the schema Hibernate's own DDL builds, run by {@code database}'s PostgreSQL in a
     * scratch schema that is rolled back, so that it is spelled exactly as the schema it is compared with.
     */
    public Schema desiredAgainst(TargetDatabase database) {
        EntityModel entityModel = model();
        try (var t = Timings.phase("build the entities' schema (Hibernate's DDL, in a scratch schema; or the cache's)");
             Connection c = database.connect()) {
            Schema desired = EntityCache.schema(modelKey, c, () -> EntitySchemaReader.read(entityModel, c));
            generatedInCompositeKeys(desired).forEach(warning -> listener.message("sark-migrate: entities: " + warning));
            return desired;
        } catch (SQLException e) {
            if (!READ_ONLY.contains(e.getSQLState())) {
                throw new MigrationException("Could not build the entities' schema in " + database.describe() + " (in a scratch schema that is"
                        + " rolled back): " + e.getMessage(), e);
            }
        }
        // A role that may only read (a drift watch's): the scratch schema goes into a throwaway embedded PostgreSQL instead.
        listener.message("sark-migrate: the role may not create a scratch schema in " + database.describe() + " (read-only): the"
                + " entities' schema is built in a throwaway embedded PostgreSQL instead.");
        try (var t = Timings.phase("build the entities' schema in a throwaway PostgreSQL"); ThrowawayDatabase scratch = ThrowawayDatabase.start();
             Connection c = scratch.connect()) {
            Schema desired = EntityCache.schema(modelKey, c, () -> EntitySchemaReader.read(entityModel, c));
            generatedInCompositeKeys(desired).forEach(warning -> listener.message("sark-migrate: entities: " + warning));
            return desired;
        } catch (SQLException e) {
            throw new MigrationException("Could not build the entities' schema in a throwaway embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** SQL states of a role that may not create the scratch schema: a read-only transaction, no CREATE privilege. */
    private static final Set<String> READ_ONLY = Set.of("25006", "42501");

    /**
     * What the entities map that Hibernate accepts at start-up and refuses at the first insert: a database-generated
     * column (an identity, a default from a sequence) inside a composite id ("Identity generation isn't supported for
     * composite ids"), as a hypertable's key with its time column invites.
     */
    public static List<String> generatedInCompositeKeys(Schema desired) {
        List<String> warnings = new ArrayList<>();
        for (Table table : desired.tables().values()) {
            if (table.primaryKey() == null || table.primaryKey().columns().size() < 2) {
                continue;
            }
            for (Column column : table.columns()) {
                boolean generated = column.identity() != null
                        || column.defaultValue() != null && column.defaultValue().toLowerCase(Locale.ROOT).contains("nextval(");
                if (generated && table.primaryKey().columns().contains(column.name())) {
                    warnings.add("the composite primary key of " + table.name() + " (" + String.join(", ", table.primaryKey().columns())
                            + ") holds " + column.name() + ", whose values the database generates: Hibernate cannot insert such an"
                            + " entity (\"Identity generation isn't supported for composite ids\"). Map " + column.name()
                            + " with @GeneratedValue(strategy = GenerationType.SEQUENCE), which Hibernate fills before the insert.");
                }
            }
        }
        return warnings;
    }

    /** What {@code database} holds, which must be at the changelog's head (as Alembic's autogenerate requires). */
    public Schema currentFrom(TargetDatabase database) {
        try (Migrator migrator = Migrator.open(database.connect(), changelog).filter(filter)) {
            String at = migrator.currentRevision().orElse(Migrator.BASE);
            String head = changelog.revisions().head();
            // At head, or as far as an upgrade with the contexts and labels given takes it (the rest is theirs to leave out).
            if (!at.equals(head) && migrator.pendingChangeSetsUpTo(head) > 0) {
                throw new ChangelogException(database.describe() + " is at revision " + at + ", and the changelog's head is " + head
                        + ": upgrade it first, or leave the database unconfigured to compare against a shadow database.");
            }
        }
        try (var t = Timings.phase("read the database's catalog"); Connection c = database.connect()) {
            Schema live = managedOnly(readSchemas(c)).withHypertables(HypertableDeclarations.onDatabase(changelog, c));
            sayLeftAlone(c);
            return live;
        } catch (SQLException e) {
            throw new MigrationException("Could not read the catalog of " + database.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A live database may hold tables and types that are none of the changelog's business (another application's,
     * a hand-made report table): those that neither the changelog nor the entities name are left out of the
     * comparison, so no revision proposes to drop them. The listener hears which.
     */
    private Schema managedOnly(Schema live) {
        ChangelogDeclarations declared = changelog.declarations();
        Set<String> tables = new TreeSet<>(model().tables());
        tables.addAll(declared.tables());
        Set<String> types = new TreeSet<>(declared.types());
        Set<String> sequences = new TreeSet<>(declared.sequences());
        // The entities' own enum types and sequences are theirs to compare, whoever made them.
        live.enumTypes().keySet().stream().filter(t -> enumTypeUsed(live, tables, t)).forEach(types::add);
        sequences.addAll(entitySequences());
        Set<String> leftAlone = new TreeSet<>(live.tables().keySet());
        leftAlone.removeAll(tables);
        if (!leftAlone.isEmpty()) {
            List<String> shown = leftAlone.stream().limit(5).toList();
            listener.message("sark-migrate: left alone: " + leftAlone.size() + " table(s) that neither the changelog nor the entities"
                    + " name (" + String.join(", ", shown) + (leftAlone.size() > shown.size() ? ", ..." : "") + ")");
        }
        return live.restrictedTo(tables, types, sequences);
    }

    private static boolean enumTypeUsed(Schema live, Set<String> tables, String type) {
        return live.tables().values().stream().filter(t -> tables.contains(t.name()))
                .anyMatch(t -> t.columns().stream().anyMatch(c -> c.type().replace("[]", "").equals(type)));
    }

    /** The sequences Hibernate's DDL for the entities creates. */
    private Set<String> entitySequences() {
        Set<String> names = new TreeSet<>();
        for (String statement : model().ddl()) {
            if (!statement.toLowerCase(Locale.ROOT).contains("sequence")) {
                continue; // parsing every statement of 500 entities took a second; only a CREATE SEQUENCE makes one
            }
            for (Fact fact : SqlFacts.of(statement)) {
                if (fact.operation() == Operation.CREATE_SEQUENCE) {
                    names.add(modelName(fact.name()));
                }
            }
        }
        return names;
    }

    /** A name as a statement writes it, read back ({@code reporting.sales}), as the model names it: qualified in the entities' other schemas. */
    private String modelName(String written) {
        int dot = written.indexOf('.');
        return dot > 0 && model().schemas().contains(written.substring(0, dot))
                ? Identifiers.qualified(written.substring(0, dot), written.substring(dot + 1)) : written;
    }

    /**
     * The database's schema {@code public} and the other schemas the entities use or move a table from (each that
     * exists), read into one. Schemas no entity uses are left alone.
     */
    private Schema readSchemas(Connection c) throws SQLException {
        Map<String, String> namespaces = new HashMap<>();
        namespaces.put("public", null);
        model().comparedSchemas().forEach(schema -> namespaces.put(schema, schema));
        return CatalogSchemaReader.read(c, namespaces, CatalogSnapshot.BOOKKEEPING_TABLES);
    }

    /**
     * What the changelog builds: replayed into {@code shadow} (a fresh throwaway PostgreSQL, usually), read back from
     * its catalog. The changelog is the thing compared, so no configured database is needed. A shadow that is not
     * empty is refused.
     */
    public Schema currentFromShadow(TargetDatabase shadow) {
        Schema before = read(shadow);
        if (!before.isEmpty()) {
            throw new MigrationException("The shadow database is not empty (" + String.join(", ", before.tables().keySet())
                    + "): the changelog must be replayed into an empty one.");
        }
        try (var t = Timings.phase("replay the changelog into the shadow");
             Migrator migrator = Migrator.open(shadow.connect(), changelog).listener(listener).filter(filter)) {
            migrator.upgradeToHead();
        }
        return currentFromReplayed(shadow);
    }

    /** What the changelog builds, read from {@code shadow} where it has been replayed already (a cached shadow). */
    public Schema currentFromReplayed(TargetDatabase shadow) {
        // TimescaleDB steps leave no trace on plain PostgreSQL: what the changelog declares is read from it.
        Schema replayed = read(shadow).withHypertables(HypertableDeclarations.in(changelog));
        try (Connection c = shadow.connect()) {
            sayLeftAlone(c);
        } catch (SQLException e) {
            throw new MigrationException("Could not read the catalog of " + shadow.describe() + ": " + e.getMessage(), e);
        }
        return replayed;
    }

    /**
     * Views, materialized views, functions, procedures, triggers and row-level security policies are nothing an
     * entity declares: a comparison neither reads nor changes them (hand-written changesets own them), and says once
     * what it left alone.
     */
    private void sayLeftAlone(Connection connection) throws SQLException {
        String undeclared = UndeclaredObjects.describe(UndeclaredObjects.count(connection, "public"));
        if (!undeclared.isEmpty()) {
            listener.message("sark-migrate: left alone: " + undeclared + " that no entity declares (neither compared nor"
                    + " changed; hand-written changesets own them)");
        }
    }

    private Schema read(TargetDatabase database) {
        try (var t = Timings.phase("read the shadow's catalog"); Connection c = database.connect()) {
            return readSchemas(c);
        } catch (SQLException e) {
            throw new MigrationException("Could not read the catalog of " + database.describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The changes that take {@code current} to {@code desired}: a type change that would rewrite a table under its lock,
     * and a rename, are made by a copy of the column (expand), and the copy an earlier expand kept is dropped (contract).
     */
    public static List<SchemaChange> changes(Schema current, Schema desired) {
        return CopyForms.byCopy(SchemaDiff.between(current, desired), current);
    }

    /** The changes that take {@code current} to {@code desired}, with the renames the entities declare. */
    public List<SchemaChange> changes(Schema current, Schema desired, boolean withRenames) {
        return changes(current, desired, withRenames ? renames() : Renames.none());
    }

    /** The changes that take {@code current} to {@code desired}, with {@code renames}. */
    public static List<SchemaChange> changes(Schema current, Schema desired, Renames renames) {
        return CopyForms.byCopy(SchemaDiff.between(current, desired, renames), current);
    }

    /** Pages of the table one batch of a backfill covers. */
    public static final int FILL_BATCH_PAGES = FillSteps.FILL_BATCH_PAGES;

    /** The SQL a backfill of {@code table.column} with {@code expression} is written as (batched, each batch committed). */
    public static String backfillSql(String table, String column, String expression) {
        return FillSteps.batchedFill(table, column, expression);
    }

    /**
     * A new NOT NULL column without a default cannot be added to a table with rows; with a backfill value for it
     * ({@code table.column} → SQL), it is added nullable, a trigger fills it on each row the running application writes
     * without it, the rows there are filled in batches, then it is made NOT NULL. The trigger stays for the contract
     * phase to drop, once no application version that inserts without the column runs.
     */
    public static List<SchemaChange> withBackfills(List<SchemaChange> changes, Map<String, String> backfills) {
        List<SchemaChange> result = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.AddColumn add && !add.column().nullable() && add.column().defaultValue() == null
                    && backfills.containsKey(add.table() + "." + add.column().name())) {
                Column c = add.column();
                String expression = backfills.get(add.table() + "." + c.name());
                result.add(new SchemaChange.AddColumn(add.table(), c.withNullable(true).withDefault(null)));
                result.add(new SchemaChange.CreateExpandTrigger(FillSteps.fillTrigger(add.table(), c.name(), expression)));
                result.add(new SchemaChange.Backfill(add.table(), c.name(), expression));
                result.add(new SchemaChange.ChangeNullability(add.table(), c.name(), c.type(), false));
            } else {
                result.add(change);
            }
        }
        return result;
    }

    /**
     * The changes with a way to put dropped columns' data back on rollback: for each dropped {@code table.column} in
     * {@code restores}, the SQL that computes its value from what the row still holds.
     *
     * @throws IllegalArgumentException naming a restore that matches no dropped column
     */
    public static List<SchemaChange> withRestores(List<SchemaChange> changes, Map<String, String> restores) {
        Set<String> unused = new TreeSet<>(restores.keySet());
        List<SchemaChange> result = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (change instanceof SchemaChange.DropColumn drop && restores.containsKey(drop.table() + "." + drop.column().name())) {
                String key = drop.table() + "." + drop.column().name();
                unused.remove(key);
                result.add(new SchemaChange.DropColumn(drop.table(), drop.column(), restores.get(key)));
            } else {
                result.add(change);
            }
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("--restore " + String.join(", ", unused) + ": no such column is dropped by this revision");
        }
        return result;
    }

    /**
     * The changes without their contract phase (column drops, and the drops of the triggers an expand phase left): those
     * wait for a later revision, once no running application uses what they drop.
     */
    public static List<SchemaChange> holdingDrops(List<SchemaChange> changes) {
        return changes.stream().filter(c -> !(c instanceof SchemaChange.DropColumn || c instanceof SchemaChange.DropExpandTrigger
                || c instanceof SchemaChange.DropColumnCopy)).toList();
    }

    /** Warnings for drops and adds that look like undeclared renames. */
    public static List<String> renameHints(List<SchemaChange> changes) {
        return RenameHints.of(changes);
    }

    /** Writes the next revision holding {@code changes} into the changelog's sources. */
    public RevisionFiles.NewRevision write(String message, String author, List<SchemaChange> changes) {
        return RevisionFiles.create(changelog, changelog.revisions(), message, author, changes, model().hypertables().keySet());
    }

    /**
     * The SQL the next revision would run on {@code database} (which is at head), without writing the revision:
     * it is written into a scratch copy of the changelog, which is then previewed.
     */
    public String sql(String message, String author, List<SchemaChange> changes, TargetDatabase database) {
        Path root = changelog.sourceRoot().orElseThrow(() -> new ChangelogException(
                "--sql previews a revision of the changelog's sources, and this is " + changelog.describe() + "."));
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("sark-migrate-preview-");
            Folders.copy(root, scratch);
            Changelog before = Changelog.at(scratch, changelog.master());
            RevisionFiles.create(before, before.revisions(), message, author, changes, model().hypertables().keySet());
            // Read again: the copy now ends with the new revision, which is what is previewed.
            Changelog copy = Changelog.at(scratch, changelog.master());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (Migrator migrator = Migrator.open(database.connect(), copy).filter(filter)) {
                migrator.upgradeSql(Migrator.HEAD, out);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the preview: " + e.getMessage(), e);
        } finally {
            Folders.deleteRecursively(scratch);
        }
    }
}
