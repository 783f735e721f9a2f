package io.sark.migrate.engine.session;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.engine.changelog.ChangeSetKey;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogFilter;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import io.sark.migrate.engine.lock.AdvisoryLock;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.errors.SarkMigrateException;
import io.sark.migrate.postgres.ConnectionLoss;
import io.sark.migrate.schema.Identifiers;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.FastCheckService;
import liquibase.changelog.visitor.ChangeExecListener;
import liquibase.command.CommandScope;
import liquibase.command.core.ChangelogSyncCommandStep;
import liquibase.command.core.ChangelogSyncToTagCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.RollbackCountSqlCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.UpdateCountSqlCommandStep;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.command.core.UpdateToTagSqlCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import org.postgresql.core.BaseConnection;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Liquibase on one session: its database object (made when first needed, since reading where the database stands
 * does not need it), the scope every call runs in, running a command with progress, stopping one on request, and
 * turning its failures into one-line reports ({@link FailureReport}).
 */
public final class LiquibaseSession implements AutoCloseable {

    /** A Liquibase command to run, built when it runs. */
    interface CommandBuilder {
        CommandScope build() throws LiquibaseException;
    }

    private final Connection connection;
    private final Changelog changelog;
    private final FailureReport report;
    /** Read by {@link #interrupt()}, from another thread. */
    private volatile AtomicChangeSets.AtomicDatabase database;
    private volatile AdvisoryLock lock;
    /** Set by {@link #interrupt()}, from another thread, possibly before the database object exists. */
    private volatile boolean stopRequested;
    private MigrationListener listener = MigrationListener.NONE;
    private ChangelogFilter filter = ChangelogFilter.none();
    private int progressDone;
    /** Whether a Liquibase command ran on this session (its history service then holds rows it read). */
    private boolean commandsRan;
    private boolean ranDirectly;
    /** Why the changesets asked for last go through Liquibase's commands, for --timings; null when that was not asked. */
    private String throughCommands;
    private int progressTotal;
    /** What an earlier run kept of the changelog's changesets ({@link #kept()}); null: nothing, or not read yet. */
    private PreparedChangeSets kept;
    private boolean keptRead;
    /** The facts of each changeset the last direct run planned, by the changeset object it runs as. */
    private Map<ChangeSet, List<Fact>> planned = Map.of();

    /** {@code revision}: where the database stands, for messages (empty when it cannot be read). */
    public LiquibaseSession(Connection connection, Changelog changelog, Supplier<Optional<String>> revision) {
        this.connection = connection;
        this.changelog = changelog;
        this.report = new FailureReport(revision, () -> database == null ? null : database.current());
    }

    public void listener(MigrationListener listener) {
        this.listener = listener;
    }

    public void filter(ChangelogFilter filter) {
        this.filter = filter;
    }

    /** Liquibase's database object on this session (setting it up loads much of Liquibase, so only commands that move need it). */
    AtomicChangeSets.AtomicDatabase database() {
        if (database == null) {
            database = inScope(() -> {
                AtomicChangeSets.AtomicDatabase db = new AtomicChangeSets.AtomicDatabase();
                db.setConnection(new JdbcConnection(connection));
                return db;
            });
            lock = AdvisoryLockService.lockOf(database);
            if (stopRequested) {
                database.requestStop();
                lock.cancel();
            }
        }
        return database;
    }

    public AdvisoryLock lock() {
        database();
        return lock;
    }

    /** The history table's name: Liquibase's setting, as its database object has it once set up. */
    public String historyTableName() {
        return database != null ? database.getDatabaseChangeLogTableName()
                : inScope(() -> GlobalConfiguration.DATABASECHANGELOG_TABLE_NAME.getCurrentValue());
    }

    /** Liquibase caches the history per database: after writing it directly, the next command must read it again. */
    public void forgetCachedHistory() {
        inScope(() -> {
            Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class).getChangeLogService(database()).reset();
            return null;
        });
    }

    /**
     * Where an update stops: at the end of the changelog, at a revision's tag, or after the next {@code count}
     * changesets that would run (a revision without a tag ends where its changesets do).
     */
    public record Stop(String tag, int count) {

        public static final Stop END = new Stop(null, -1);

        public static Stop atTag(String tag) {
            return new Stop(tag, -1);
        }

        public static Stop after(int count) {
            return new Stop(null, count);
        }
    }

    /** Applies the changesets up to {@code stop}, telling the listener which one runs. */
    public void update(String what, Stop stop) {
        run(what, () -> {
            CommandScope command;
            if (stop.tag() != null) {
                command = new CommandScope(UpdateToTagCommandStep.COMMAND_NAME)
                        .addArgumentValue(UpdateToTagCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                        .addArgumentValue(UpdateToTagCommandStep.TAG_ARG, stop.tag());
            } else if (stop.count() >= 0) {
                command = new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                        .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                        .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, stop.count());
            } else {
                command = new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.master());
            }
            return command.addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, progressListener())
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG);
        }, null);
    }

    /** Writes the SQL {@link #update} would run to {@code out}; changes nothing. */
    public void updateSql(Stop stop, OutputStream out) {
        run("upgrade --sql", () -> {
            if (stop.tag() != null) {
                return new CommandScope(UpdateToTagSqlCommandStep.COMMAND_NAME)
                        .addArgumentValue(UpdateToTagSqlCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                        .addArgumentValue(UpdateToTagSqlCommandStep.TAG_ARG, stop.tag());
            }
            if (stop.count() >= 0) {
                return new CommandScope(UpdateCountSqlCommandStep.COMMAND_NAME)
                        .addArgumentValue(UpdateCountSqlCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                        .addArgumentValue(UpdateCountSqlCommandStep.COUNT_ARG, stop.count());
            }
            return new CommandScope(UpdateSqlCommandStep.COMMAND_NAME)
                    .addArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG, changelog.master());
        }, out);
    }

    /** Rolls back the last {@code count} applied changesets, telling the listener which one runs. */
    public void rollback(String what, int count) {
        run(what, () -> rollbackCount(RollbackCountCommandStep.COMMAND_NAME, count)
                .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, progressListener()), null);
    }

    /** Writes the SQL {@link #rollback} would run to {@code out}; changes nothing. */
    public void rollbackSql(int count, OutputStream out) {
        run("downgrade --sql", () -> rollbackCount(RollbackCountSqlCommandStep.COMMAND_NAME, count), out);
    }

    /** Records the changesets up to {@code tag} (or to the end, when null) as applied, running nothing. */
    public void sync(String what, String tag) {
        run(what, () -> tag == null
                ? new CommandScope(ChangelogSyncCommandStep.COMMAND_NAME)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                : new CommandScope(ChangelogSyncToTagCommandStep.COMMAND_NAME)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                        .addArgumentValue(ChangelogSyncToTagCommandStep.TAG_ARG, tag), null);
    }

    private CommandScope rollbackCount(String[] command, int count) throws LiquibaseException {
        return new CommandScope(command)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count);
    }

    /** Runs {@code command} on this session ({@code what} names it in messages), its output to {@code output} if given. */
    void run(String what, CommandBuilder command, OutputStream output) {
        commandsRan = true;
        String why = throughCommands; // the reason the last update or rollback asked for comes here, not a later command's
        throughCommands = null;
        perform(what, () -> {
            CommandScope scope = command.build().addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database());
            // The changelog this run already parsed, rather than a second parse of every file.
            changelog.parsedForCommands().ifPresent(parsed -> scope.addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_ARG, parsed)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parsed.getChangeLogParameters()));
            // Every command run here (update, update to tag, rollback count, changelog sync, and their SQL) takes them.
            if (filter.contexts() != null) {
                scope.addArgumentValue(UpdateCommandStep.CONTEXTS_ARG.getName(), filter.contexts());
            }
            if (filter.labels() != null) {
                scope.addArgumentValue(UpdateCommandStep.LABEL_FILTER_ARG.getName(), filter.labels());
            }
            if (output != null) {
                scope.setOutput(output);
            }
            // Liquibase remembers, per database URL and changelog path, that a database was up to date, and then skips
            // the next update on them without looking: a shadow replayed from an empty changelog made the preview
            // of its first revision print nothing. Each run here reads the database and the changelog afresh.
            Scope.getCurrentScope().getSingleton(FastCheckService.class).clearCache();
            try (var t = Timings.phase("Liquibase: " + what + (why == null ? "" : " (not run directly: " + why + ")"))) {
                return scope.execute();
            }
        });
    }

    /** Work on this session, in Liquibase's scope. */
    private interface Work {
        Object perform() throws LiquibaseException;
    }

    /**
     * Applies the changesets {@code pending} names, which must be what an update to the revision asked for runs,
     * without Liquibase's update command, when every one of them can run that way ({@link DirectRun}); returns false,
     * having run nothing, when one cannot (then {@link #update} runs them). They come from what an earlier run kept
     * ({@link PreparedChangeSets}) or, when it kept none of some, from {@code parsed} (the same changesets, parsed).
     * Null {@code pending}: not known, false.
     */
    public boolean updateDirectly(String what, List<ChangeSetKey> pending, Supplier<List<ChangeSet>> parsed) {
        return runDirectly(what, pending, parsed, false);
    }

    /** As {@link #updateDirectly}, for a rollback of {@code applied} (latest first); false, having run nothing, when it cannot. */
    public boolean rollbackDirectly(String what, List<ChangeSetKey> applied, Supplier<List<ChangeSet>> parsed) {
        return runDirectly(what, applied, parsed, true);
    }

    private boolean runDirectly(String what, List<ChangeSetKey> keys, Supplier<List<ChangeSet>> parsed, boolean rollingBack) {
        DirectRun.Plan plan = directly(keys, parsed, rollingBack);
        if (plan == null) {
            return false;
        }
        planned = new IdentityHashMap<>();
        plan.changeSets().forEach(p -> planned.put(p.changeSet(), p.prepared().facts().changes()));
        perform(what, () -> {
            try (var t = Timings.phase((rollingBack ? "roll back" : "run") + " the changesets directly: " + what)) {
                if (rollingBack) {
                    DirectRun.rollback(database(), connection, plan.changeSets(), this::progress);
                } else {
                    if (plan.createsHistoryTable()) {
                        DirectRun.createHistoryTable(database(), connection);
                    }
                    DirectRun.update(database(), connection, plan.changeSets(), this::progress);
                }
            }
            return null;
        });
        return true;
    }

    /**
     * The SQL of the changesets {@code keys} names when they can all run without Liquibase's commands, else null;
     * notes which way they go for {@link #ranDirectly()}.
     */
    private DirectRun.Plan directly(List<ChangeSetKey> keys, Supplier<List<ChangeSet>> parsed, boolean rollingBack) {
        ranDirectly = false;
        throughCommands = filter.contexts() != null || filter.labels() != null ? "a context or label filter"
                : keys == null ? "an applied changeset recorded with another checksum, or a changeset the history and changelog count differently"
                : !DirectRun.enabled() ? "SARK_MIGRATE_DIRECT_RUN=off" : null;
        if (throughCommands != null || keys.isEmpty()) {
            return null;
        }
        List<PreparedChangeSets.Prepared> prepared = kept().flatMap(k -> k.all(keys)).orElse(null);
        if (prepared == null) {
            List<ChangeSet> changeSets = parsed.get();
            if (changelog.parsedForCommands().isEmpty()) {
                throughCommands = "a changelog with ${...} parameters or sqlFile changes, which Liquibase parses itself";
                return null;
            }
            try (var t = Timings.phase("write the changesets' SQL (Liquibase's generators)")) {
                prepared = inScope(() -> prepare(changeSets));
            }
        }
        List<PreparedChangeSets.Prepared> runs = prepared;
        DirectRun.Plan plan = inScope(() -> DirectRun.plan(runs, rollingBack, DirectRun.historyTable(database(), connection)));
        if (plan.refusal() != null) {
            throughCommands = plan.refusal();
            return null;
        }
        if (commandsRan) {
            forgetCachedHistory(); // a Liquibase command may run after this in the same process: it must read the rows written here
        }
        ranDirectly = true;
        return plan;
    }

    /**
     * What was kept of this changelog's changesets for this database by an earlier run ({@link PreparedChangeSets}),
     * read once; empty when nothing was, or it cannot be read.
     */
    private Optional<PreparedChangeSets> kept() {
        if (!keptRead) {
            keptRead = true;
            try (var t = Timings.phase("read the changesets an earlier run prepared")) {
                kept = inScope(() -> PreparedChangeSets.file(changelog, database()).flatMap(PreparedChangeSets::read).orElse(null));
            } catch (RuntimeException e) {
                kept = null; // read as if there were none: the changelog is parsed
            }
        }
        return Optional.ofNullable(kept);
    }

    /**
     * The guards' facts of the changesets {@code keys} names, from what an earlier run kept; empty when it kept none of
     * some (then they come from the parsed changesets).
     */
    public Optional<List<ChangeSetFacts>> keptFacts(List<ChangeSetKey> keys) {
        return kept().flatMap(k -> k.all(keys)).map(all -> all.stream().map(PreparedChangeSets.Prepared::facts).toList());
    }

    /**
     * {@code changeSets} prepared for a direct run; every changeset of the changelog is prepared with them and kept for
     * the next run, unless one cannot be (then only these are prepared, and nothing is kept).
     */
    private List<PreparedChangeSets.Prepared> prepare(List<ChangeSet> changeSets) throws DatabaseException {
        PreparedChangeSets all;
        try {
            all = PreparedChangeSets.of(changelog.changeSets().stream().map(cs -> DirectRun.prepare(cs, database())).toList());
        } catch (RuntimeException e) {
            return changeSets.stream().map(cs -> DirectRun.prepare(cs, database())).toList();
        }
        PreparedChangeSets.file(changelog, database()).ifPresent(all::write);
        kept = all;
        keptRead = true;
        return all.all(changeSets.stream().map(ChangeSetKey::of).toList()).orElseThrow();
    }

    /** Whether the last update or rollback asked for ran without Liquibase's commands. */
    public boolean ranDirectly() {
        return ranDirectly;
    }

    private void perform(String what, Work work) {
        inScope(() -> {
            try {
                database().current(null);
                return work.perform();
            } catch (LiquibaseException | RuntimeException e) {
                undoUnfinishedWork();
                dropInvalidIndexesOf(database().current());
                if (database().stopRequested()) {
                    throw report.interrupted(what);
                }
                if (e instanceof RuntimeException runtime) {
                    if (!(runtime instanceof SarkMigrateException) && ConnectionLoss.in(runtime)) {
                        throw report.connectionLost(what, runtime);
                    }
                    throw runtime;
                }
                throw report.failure(what, (LiquibaseException) e);
            } finally {
                database().holdCommits(false);
            }
        });
    }

    /** Whether {@link #interrupt()} was called. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Stops a run in progress: a wait for the migration lock gives up, the running statement is cancelled and no
     * further changeset starts.
     */
    public void interrupt() {
        stopRequested = true;
        AtomicChangeSets.AtomicDatabase db = database;
        if (db != null) {
            db.requestStop();
        }
        AdvisoryLock waiting = lock;
        if (waiting != null) {
            waiting.cancel();
        }
        try {
            connection.unwrap(BaseConnection.class).cancelQuery();
        } catch (SQLException e) {
            // Nothing is running, or the session is gone: either way no statement is left to stop.
        }
    }

    /** Tells the listener which changeset a run is on, and how far along it is. */
    ChangeExecListener progressListener() {
        return AtomicChangeSets.listener(this::progress);
    }

    private void progress(ChangeSet changeSet, boolean applying) {
        progressDone++;
        listener.progress((applying ? "applying " : "rolling back ") + changeSet.getId() + " (" + progressDone
                + (progressTotal > 0 ? " of " + progressTotal : "") + ")");
    }

    /** Starts counting a run of {@code total} changesets for progress. */
    public void expect(int total) {
        progressDone = 0;
        progressTotal = Math.max(0, total);
    }

    /**
     * A CREATE INDEX CONCURRENTLY that fails (duplicates for a unique index, a cancel, a lock timeout) leaves its index
     * behind, invalid: PostgreSQL keeps it until it is dropped, and maintains it on every write meanwhile. The failed
     * changeset's invalid indexes are dropped at once (CONCURRENTLY, so writes go on); the next run builds them again.
     */
    private void dropInvalidIndexesOf(ChangeSet failed) {
        if (failed == null || failed.isRunInTransaction()) {
            return;
        }
        try {
            // A changeset a direct run ran without a parse has no changes of its own: its facts were kept.
            List<Fact> facts = planned.containsKey(failed) ? planned.get(failed) : ChangeFacts.of(failed.getChanges());
            for (Fact fact : facts) {
                if (fact.operation() != Operation.CREATE_INDEX_CONCURRENTLY || fact.name() == null) {
                    continue;
                }
                boolean invalid;
                try (PreparedStatement ps = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_index x"
                        + " WHERE x.indexrelid = to_regclass(?) AND NOT x.indisvalid)")) {
                    ps.setString(1, Identifiers.quote(fact.name()));
                    try (ResultSet rs = ps.executeQuery()) {
                        invalid = rs.next() && rs.getBoolean(1);
                    }
                }
                if (invalid) {
                    boolean autoCommit = connection.getAutoCommit();
                    connection.setAutoCommit(true); // CONCURRENTLY runs outside a transaction
                    try (Statement st = connection.createStatement()) {
                        st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + Identifiers.quote(fact.name()));
                    } finally {
                        connection.setAutoCommit(autoCommit);
                    }
                    listener.message("sark-migrate: dropped the invalid index " + fact.name() + " the failed build left");
                }
            }
        } catch (SQLException | RuntimeException e) {
            // The next run drops it before building it again; the failure itself is what is reported.
        }
    }

    /** Whatever a failed changeset left in the session's transaction is rolled back, so that nothing half-done is kept. */
    private void undoUnfinishedWork() {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // The session is broken; the server rolls back what it had when the session ends.
        }
    }

    public <T> T inScope(Scope.ScopedRunnerWithReturn<T> action) {
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), changelog.resources(),
                Scope.Attr.ui.name(), new ListenerUIService(listener),
                // Liquibase 4.30+ reports usage over the network unless told not to.
                "liquibase.analytics.enabled", Boolean.FALSE);
        try {
            return Scope.child(scope, action);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException(FailureReport.rootMessage(e), e);
        }
    }

    @Override
    public void close() {
        try {
            if (database != null) {
                database.close();
            } else {
                connection.close();
            }
        } catch (LiquibaseException | SQLException e) {
            // Closing only releases the connection; there is nothing to recover.
        }
    }
}
