package io.sark.migrate.engine;

import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.command.CommandScope;
import liquibase.command.core.ChangelogSyncToTagCommandStep;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.RollbackCountSqlCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.command.core.UpdateToTagSqlCommandStep;
import liquibase.command.core.helpers.ChangeExecListenerCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.exception.LockException;
import liquibase.exception.MigrationFailedException;
import liquibase.exception.ValidationFailedException;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies and rolls back the changelog on one database, revision by revision, through Liquibase.
 *
 * <p>A revision is the run of changesets that ends with a {@code tagDatabase} of the revision's id, so moving to a
 * revision is Liquibase's update-to-tag, and moving back to one rolls back what was applied after its tag. Each
 * changeset runs in its own transaction, together with its history row ({@link AtomicChangeSets}): a failure or a
 * killed process stops the run there, and the message says where.
 */
public final class Migrator implements AutoCloseable {

    /** Where the changelog sits on the classpath (in the migrations module). */
    public static final String MASTER_CHANGELOG = Changelog.MASTER;

    /** The name of the state before the first revision. */
    public static final String BASE = "base";

    /** The name of the latest revision of the changelog. */
    public static final String HEAD = "head";

    private final Connection connection;
    /** Liquibase's view of the session, made when first needed: reading where the database stands does not need it. */
    private volatile AtomicChangeSets.AtomicDatabase database; // read by interrupt(), from another thread
    private final Changelog changelog;
    private final HistoryTable history;
    private AdvisoryLock lock;
    private MigrationListener listener = MigrationListener.NONE;
    private Duration lockWait = Duration.ofMinutes(5);
    private AlembicAdoption.Reference adoptionReference;

    private Migrator(Connection connection, Changelog changelog) {
        this.connection = connection;
        this.changelog = changelog;
        this.history = new HistoryTable(connection, this::historyTableName);
        stopWorkWhenClientDies(connection);
        this.adoptionReference = AlembicAdoption.throwaway(changelog);
    }

    /** Liquibase's database object on this session (setting it up loads much of Liquibase, so only commands that move need it). */
    private AtomicChangeSets.AtomicDatabase database() {
        if (database == null) {
            database = inScope(() -> {
                AtomicChangeSets.AtomicDatabase db = new AtomicChangeSets.AtomicDatabase();
                db.setConnection(new JdbcConnection(connection));
                return db;
            });
            lock = AdvisoryLockService.lockOf(database);
        }
        return database;
    }

    private AdvisoryLock lock() {
        database();
        return lock;
    }

    /**
     * A server session whose client was killed goes on with its statement (holding its locks, the migration lock
     * included) until the statement ends. From PostgreSQL 14 it can check for a lost client while it works; then a
     * killed migration's statement stops within a second and its transaction rolls back.
     */
    private static void stopWorkWhenClientDies(Connection connection) {
        try {
            if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SET client_connection_check_interval = '1s'");
                } catch (SQLException unsupported) {
                    // A server on a system without the kernel support (Windows) refuses it: it keeps the old behaviour.
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                    return;
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not prepare the session: " + e.getMessage(), e);
        }
    }

    /** A migrator for the changelog built into this program. It takes ownership of the connection. */
    public static Migrator open(Connection connection) {
        return open(connection, Changelog.bundled());
    }

    /** A migrator for {@code changelog}. It takes ownership of the connection. */
    public static Migrator open(Connection connection, Changelog changelog) {
        return new Migrator(connection, changelog);
    }

    /** Sends progress messages and database notices to {@code listener} from now on. */
    public Migrator listener(MigrationListener listener) {
        this.listener = listener;
        return this;
    }

    /** How long a change waits for another migration to finish before giving up (default five minutes). */
    public Migrator lockWait(Duration wait) {
        this.lockWait = wait;
        return this;
    }

    /** What an Alembic database's schema is checked against before it is adopted (default: the changelog replayed into a throwaway database). */
    public Migrator adoptionReference(AlembicAdoption.Reference reference) {
        this.adoptionReference = reference;
        return this;
    }

    /** The revision recorded by Alembic in a database that sark-migrate has not adopted yet; empty otherwise. */
    public Optional<String> alembicRevision() {
        return AlembicAdoption.pendingRevision(connection, hasHistoryRows());
    }

    /**
     * Adopts a database that Alembic managed: checks that its schema is the changelog's at Alembic's revision, then
     * records the changesets up to that revision as applied. Changes no schema. Empty when there is nothing to adopt.
     *
     * @throws SchemaDriftException when the schema differs (nothing is recorded)
     */
    public Optional<AlembicAdoption.Adopted> adopt() {
        return locked(this::adoptLocked);
    }

    private Optional<AlembicAdoption.Adopted> adoptLocked() {
        Optional<String> alembic = alembicRevision();
        if (alembic.isEmpty()) {
            return Optional.empty();
        }
        String revision = alembic.get();
        if (!revisions().ids().contains(revision)) {
            throw new ChangelogException("This database is managed by Alembic at " + revision + ", a revision " + changelog.describe()
                    + " does not have. Move it with Alembic to one the changelog has (" + String.join(", ", revisions().ids())
                    + "), then run again.");
        }
        listener.message("sark-migrate: checking that this Alembic database's schema is the changelog's at " + revision + "...");
        AlembicAdoption.verify(connection, revision, adoptionReference);
        int marked = stampLocked(revision).marked();
        listener.message("sark-migrate: adopted the Alembic database at " + revision + ": its schema matches the changelog there, and "
                + marked + " changesets are recorded as applied (alembic_version is left as it was).");
        return Optional.of(new AlembicAdoption.Adopted(revision, marked));
    }

    /**
     * Refuses a database whose history holds changesets the changelog does not have: it was migrated with a newer or
     * another changelog, and neither moving it forward nor back with this one can be right.
     */
    private void refuseUnknownHistory() {
        Set<ChangeSetKey> known = new HashSet<>();
        for (ChangeSet cs : changelog.changeSets()) {
            known.add(ChangeSetKey.of(cs));
        }
        List<String> unknown = new ArrayList<>();
        Set<String> files = new TreeSet<>();
        for (ChangeSetKey applied : history.applied()) {
            if (!known.contains(applied)) {
                unknown.add(applied.id());
                files.add(applied.file());
            }
        }
        if (!unknown.isEmpty()) {
            List<String> shown = unknown.size() <= 5 ? unknown : unknown.subList(0, 5);
            throw new ChangelogException("The database's history holds " + unknown.size() + " changeset(s) that " + changelog.describe()
                    + " does not have (" + String.join(", ", shown) + (unknown.size() > shown.size() ? ", ..." : "") + " from "
                    + String.join(", ", files) + "): it was migrated with a newer or another changelog. Use that changelog;"
                    + " nothing ran" + readableRevision().map(at -> ", and the database is at revision " + at).orElse("") + ".");
        }
    }

    /** Refuses to preview or roll back on an Alembic database before it is adopted: the history would be wrong. */
    private void refuseUnadopted() {
        Optional<String> alembic = alembicRevision();
        if (alembic.isPresent()) {
            throw new ChangelogException("This database is managed by Alembic at " + alembic.get() + " and is not adopted yet: run"
                    + " 'sark-migrate adopt' (it checks the schema and records the revision, changing no schema), then run this again.");
        }
    }

    public Changelog changelog() {
        return changelog;
    }

    /** Every revision of the changelog, oldest first. */
    public Revisions revisions() {
        return changelog.revisions();
    }

    /** The revision the database is at (its latest applied tag), or empty at base. */
    public Optional<String> currentRevision() {
        return history.latestTag();
    }

    /** The position of the database's revision in the changelog (-1 at base); refuses a revision the changelog lacks. */
    public int currentIndex() {
        String current = currentRevision().orElse(BASE);
        if (!BASE.equals(current) && !revisions().ids().contains(current)) {
            throw new ChangelogException("The database is at revision " + current + ", which " + changelog.describe()
                    + " does not contain. Use the changelog that database was migrated with.");
        }
        return revisions().indexOf(current);
    }

    /** Applies pending revisions up to {@code target}: {@code head}, {@code +N}, or a revision name. */
    public MigrationResult upgrade(String target) {
        return locked(() -> upgradeLocked(target));
    }

    private MigrationResult upgradeLocked(String target) {
        adoptLocked();
        refuseUnknownHistory();
        String to = revisions().upgradeTarget(target, currentIndex());
        int upTo = 0;
        for (Revision revision : revisions().all().subList(0, revisions().indexOf(to) + 1)) {
            upTo += revision.changeSets().size();
        }
        expect(upTo - appliedChangeSetCount());
        if (to.equals(revisions().head())) {
            return moving(() -> run("upgrade to head", () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, Changelog.MASTER)
                    .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, progressListener())
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG), null));
        }
        return moving(() -> run("upgrade to " + to, () -> new CommandScope(UpdateToTagCommandStep.COMMAND_NAME)
                .addArgumentValue(UpdateToTagCommandStep.CHANGELOG_FILE_ARG, Changelog.MASTER)
                .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, progressListener())
                .addArgumentValue(UpdateToTagCommandStep.TAG_ARG, to)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG), null));
    }

    /** Writes the SQL that {@link #upgrade(String)} would run, in order, to {@code out}; changes nothing. */
    public void upgradeSql(String target, OutputStream out) {
        refuseUnadopted();
        refuseUnknownHistory();
        String to = revisions().upgradeTarget(target, currentIndex());
        if (to.equals(revisions().head())) {
            run("upgrade --sql", () -> new CommandScope(UpdateSqlCommandStep.COMMAND_NAME)
                    .addArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG, Changelog.MASTER), out);
        } else {
            run("upgrade --sql", () -> new CommandScope(UpdateToTagSqlCommandStep.COMMAND_NAME)
                    .addArgumentValue(UpdateToTagSqlCommandStep.CHANGELOG_FILE_ARG, Changelog.MASTER)
                    .addArgumentValue(UpdateToTagSqlCommandStep.TAG_ARG, to), out);
        }
    }

    /**
     * Rolls back applied revisions down to {@code target}: {@code base}, {@code -N}, or a revision name. Refused,
     * before anything runs, when a rollback would drop a table that holds rows or a column that holds values.
     */
    public MigrationResult downgrade(String target) {
        return downgrade(target, false);
    }

    /** As {@link #downgrade(String)}; with {@code allowDataLoss}, tables and columns with data are dropped all the same. */
    public MigrationResult downgrade(String target, boolean allowDataLoss) {
        return locked(() -> downgradeLocked(target, allowDataLoss));
    }

    private MigrationResult downgradeLocked(String target, boolean allowDataLoss) {
        refuseUnadopted();
        refuseUnknownHistory();
        String to = revisions().downgradeTarget(target, currentIndex());
        int count = changeSetsAppliedAfter(to);
        expect(count);
        if (!allowDataLoss && count > 0) {
            List<DataLoss.Loss> losses = DataLoss.of(lastApplied(count), connection);
            if (!losses.isEmpty()) {
                throw new DataLossException("downgrade to " + to + " would destroy data: " + String.join("; ",
                        losses.stream().map(DataLoss.Loss::describe).toList()) + ". Nothing ran. Keep a copy of what you need"
                        + " (pg_dump), then run again with --allow-data-loss; or downgrade to a later revision.");
            }
        }
        return moving(() -> {
            if (count > 0) {
                run("downgrade to " + to, () -> rollbackCount(RollbackCountCommandStep.COMMAND_NAME, count)
                        .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, progressListener()), null);
            }
        });
    }

    /** Writes the rollback SQL that {@link #downgrade(String)} would run, in order, to {@code out}; changes nothing. */
    public void downgradeSql(String target, OutputStream out) {
        refuseUnadopted();
        refuseUnknownHistory();
        String to = revisions().downgradeTarget(target, currentIndex());
        int count = changeSetsAppliedAfter(to);
        if (count > 0) {
            run("downgrade --sql", () -> rollbackCount(RollbackCountSqlCommandStep.COMMAND_NAME, count), out);
        }
    }

    /** Applies every pending changeset. */
    public MigrationResult upgradeToHead() {
        return upgrade(HEAD);
    }

    /** Applies pending changesets up to and including the end of {@code revision}. */
    public MigrationResult upgradeTo(String revision) {
        return upgrade(revisions().resolve(revision).id());
    }

    /** Rolls back every changeset applied after the end of {@code revision}. */
    public MigrationResult downgradeTo(String revision) {
        return downgrade(revisions().resolve(revision).id());
    }

    /** Rolls back every applied changeset. */
    public MigrationResult downgradeToBase() {
        return downgrade(BASE);
    }

    /**
     * Records that the database is at {@code target} ({@code head}, {@code base} or a revision name) without running
     * anything: the changesets up to it are marked applied, those after it unmarked. For adopting a database whose
     * schema is already there, and for repairing a history that does not match the schema.
     */
    public StampResult stamp(String target) {
        return locked(() -> stampLocked(target));
    }

    private StampResult stampLocked(String target) {
        String from = currentRevision().orElse(BASE);
        String to = switch (target) {
            case HEAD -> revisions().head();
            case BASE -> BASE;
            default -> revisions().resolve(target).id();
        };
        int index = revisions().indexOf(to);
        int marked = 0;
        if (index >= 0) {
            int before = appliedChangeSetCount();
            run("stamp " + to, () -> new CommandScope(ChangelogSyncToTagCommandStep.COMMAND_NAME)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, Changelog.MASTER)
                    .addArgumentValue(ChangelogSyncToTagCommandStep.TAG_ARG, to), null);
            marked = appliedChangeSetCount() - before;
        }
        int unmarked = 0;
        if (history.exists()) {
            List<ChangeSetKey> later = revisions().all().subList(index + 1, revisions().all().size()).stream()
                    .flatMap(revision -> revision.changeSets().stream()).map(ChangeSetKey::of).toList();
            unmarked = history.forget(later);
        }
        return new StampResult(from, currentRevision().orElse(BASE), marked, unmarked);
    }

    /**
     * Accepts an intended edit of one applied changeset: its recorded checksum becomes the checksum of its current
     * text, so validation passes again. Nothing is run; no other changeset is touched.
     */
    public AcceptedEdit acceptEdit(String changeSetId) {
        return locked(() -> acceptEditLocked(changeSetId));
    }

    private AcceptedEdit acceptEditLocked(String changeSetId) {
        List<ChangeSet> matching = changelog.changeSets().stream()
                .filter(cs -> cs.getId().equals(changeSetId)).toList();
        if (matching.isEmpty()) {
            throw new UnknownRevisionException("no changeset " + changeSetId + " in " + changelog.describe()
                    + ": give a changeset id as 'history --verbose' lists it (e.g. 002_api_keys-1).");
        }
        if (matching.size() > 1) {
            throw new UnknownRevisionException("changeset id " + changeSetId + " is used " + matching.size() + " times in "
                    + changelog.describe() + ": make the ids unique first.");
        }
        ChangeSet changeSet = matching.get(0);
        String now = inScope(() -> changeSet.generateCheckSum(ChecksumVersion.latest()).toString());
        UnknownRevisionException notApplied = new UnknownRevisionException("changeset " + changeSetId
                + " has not been applied to this database: there is no edit to accept.");
        ChangeSetKey key = ChangeSetKey.of(changeSet);
        String before = history.checksum(key).orElseThrow(() -> notApplied);
        history.recordChecksum(key, now);
        forgetCachedHistory();
        return new AcceptedEdit(changeSet.getId(), before, now);
    }

    /** Liquibase caches the history per database: after writing it directly, the next command must read it again. */
    private void forgetCachedHistory() {
        inScope(() -> {
            Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class)
                    .getChangeLogService(database()).reset();
            return null;
        });
    }

    /** Every revision with whether (and when) it was applied; the changesets of each, likewise. */
    public List<RevisionStatus> history() {
        Map<ChangeSetKey, String> appliedAt = history.appliedAt();
        String current = currentRevision().orElse(BASE);
        List<RevisionStatus> statuses = new ArrayList<>();
        for (Revision revision : revisions().all()) {
            List<ChangeSetStatus> changeSets = new ArrayList<>();
            int applied = 0;
            for (Revision.ChangeSetRef cs : revision.changeSets()) {
                String at = appliedAt.get(ChangeSetKey.of(cs));
                changeSets.add(new ChangeSetStatus(cs.id(), cs.comment(), at));
                applied += at == null ? 0 : 1;
            }
            String state = applied == changeSets.size() ? "applied" : applied == 0 ? "pending" : "partial";
            String revisionAppliedAt = changeSets.get(changeSets.size() - 1).appliedAt();
            statuses.add(new RevisionStatus(revision.id(), state, revisionAppliedAt, revision.id().equals(current), changeSets));
        }
        return statuses;
    }

    /**
     * Runs {@code action} holding the migration lock, so that of several processes migrating one database, one works
     * and the others wait, then find the work done. Everything the action reads is read under the lock.
     */
    private <T> T locked(Supplier<T> action) {
        lock().acquire(lockWait, holder -> listener.message("sark-migrate: waiting for the migration lock held by " + holder.describe() + "..."));
        try {
            MigrationLock.refuseIfRowLocked(connection);
            return action.get();
        } finally {
            lock().release();
        }
    }

    /** The session holding the migration lock, if any. */
    public Optional<AdvisoryLock.Holder> lockHolder() {
        return lock().holder();
    }

    private CommandScope rollbackCount(String[] command, int count) throws LiquibaseException {
        return new CommandScope(command)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, Changelog.MASTER)
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count);
    }

    private MigrationResult moving(Runnable move) {
        String from = currentRevision().orElse(BASE);
        int before = appliedChangeSetCount();
        move.run();
        return new MigrationResult(from, currentRevision().orElse(BASE), Math.abs(appliedChangeSetCount() - before));
    }

    private int changeSetsAppliedAfter(String revision) {
        if (!historyExists()) {
            return 0;
        }
        if (BASE.equals(revision)) {
            return appliedChangeSetCount();
        }
        return history.countAfterTag(revision).orElseThrow(() -> new UnknownRevisionException("cannot downgrade to " + revision
                + ": the database has not been upgraded to it (it is at " + currentRevision().orElse(BASE) + ")."));
    }

    /** The last {@code count} applied changesets, latest first: the ones a rollback of {@code count} undoes. */
    private List<ChangeSet> lastApplied(int count) {
        Map<ChangeSetKey, ChangeSet> byKey = new HashMap<>();
        for (ChangeSet cs : changelog.changeSets()) {
            byKey.put(ChangeSetKey.of(cs), cs);
        }
        List<ChangeSet> last = new ArrayList<>();
        for (ChangeSetKey key : history.latest(count)) {
            ChangeSet cs = byKey.get(key);
            if (cs != null) {
                last.add(cs);
            }
        }
        return last;
    }

    private int appliedChangeSetCount() {
        return history.count();
    }

    private boolean hasHistoryRows() {
        return historyExists() && appliedChangeSetCount() > 0;
    }

    private boolean historyExists() {
        return history.exists();
    }

    /** The history table's name: Liquibase's setting, as its database object has it once set up. */
    private String historyTableName() {
        return database != null ? database.getDatabaseChangeLogTableName()
                : inScope(() -> liquibase.GlobalConfiguration.DATABASECHANGELOG_TABLE_NAME.getCurrentValue());
    }

    private interface CommandBuilder {
        CommandScope build() throws LiquibaseException;
    }

    private void run(String what, CommandBuilder command, OutputStream output) {
        inScope(() -> {
            try {
                CommandScope scope = command.build()
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database());
                if (output != null) {
                    scope.setOutput(output);
                }
                database().current(null);
                return scope.execute();
            } catch (LiquibaseException | RuntimeException e) {
                undoUnfinishedWork();
                if (database().stopRequested()) {
                    throw interrupted(what);
                }
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw failure(what, (LiquibaseException) e);
            } finally {
                database().holdCommits(false);
            }
        });
    }

    /**
     * Asks a run in progress, from another thread, to stop (on Ctrl-C): the running statement is cancelled, so its
     * changeset's transaction rolls back, and no further changeset starts. The run then ends with a
     * {@link MigrationInterruptedException} that says where the database stands.
     */
    public void interrupt() {
        AtomicChangeSets.AtomicDatabase db = database;
        if (db != null) {
            db.requestStop();
        }
        try {
            connection.unwrap(org.postgresql.core.BaseConnection.class).cancelQuery();
        } catch (SQLException e) {
            // Nothing is running, or the session is gone: either way no statement is left to stop.
        }
    }

    private MigrationInterruptedException interrupted(String what) {
        ChangeSet at = database().current();
        String where = at == null ? " between changesets"
                : " at changeset " + at.getId() + " (" + at.getFilePath() + ")" + (at.isRunInTransaction()
                        ? ", which was rolled back"
                        : ", which runs outside a transaction: the next upgrade finishes it (an index it was building is dropped and rebuilt)");
        return new MigrationInterruptedException(what + " was interrupted" + where + ". The database is at revision "
                + readableRevision().orElse("(unreadable)") + ".");
    }

    private int progressDone;
    private int progressTotal;

    /** Tells the listener which changeset a run is on, and how far along it is. */
    private liquibase.changelog.visitor.ChangeExecListener progressListener() {
        return AtomicChangeSets.listener((changeSet, applying) -> {
            progressDone++;
            listener.progress((applying ? "applying " : "rolling back ") + changeSet.getId() + " (" + progressDone
                    + (progressTotal > 0 ? " of " + progressTotal : "") + ")");
        });
    }

    /** Starts counting a run of {@code total} changesets for progress. */
    private void expect(int total) {
        progressDone = 0;
        progressTotal = Math.max(0, total);
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

    private RuntimeException failure(String what, LiquibaseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseLockedException locked) {
                return new DatabaseLockedException(what + " could not start: " + locked.getMessage(), e);
            }
            if (t instanceof LockException) {
                return new DatabaseLockedException(what + " could not start: " + rootMessage(t).strip(), e);
            }
        }
        return new MigrationException(describeFailure(what, e), e);
    }

    private <T> T inScope(Scope.ScopedRunnerWithReturn<T> action) {
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
            throw new MigrationException(rootMessage(e), e);
        }
    }

    private static final Pattern FAILED_CHANGESET = Pattern.compile("changeset (\\S+?)::(\\S+?)::(\\S+?):");

    /** Which changeset failed and why, in the database's words, and where the database stands now. */
    private String describeFailure(String what, LiquibaseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValidationFailedException invalid && !invalid.getInvalidMD5Sums().isEmpty()) {
                return describeEditedChangeSets(what, invalid.getInvalidMD5Sums());
            }
        }
        StringBuilder message = new StringBuilder(what).append(" failed");
        boolean named = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t instanceof MigrationFailedException && t.getMessage() != null
                    ? FAILED_CHANGESET.matcher(t.getMessage()) : null;
            if (m != null && m.find()) {
                message.append(" at changeset ").append(m.group(2)).append(" (").append(m.group(1)).append(')');
                named = true;
                break;
            }
        }
        ChangeSet current = database().current();
        if (!named && current != null) {
            message.append(" at changeset ").append(current.getId()).append(" (").append(current.getFilePath()).append(')');
        }
        message.append(": ").append(rootMessage(e).strip().replaceAll("\\s*\\R\\s*", " "));
        readableRevision().ifPresent(at -> message.append(". The database is at revision ").append(at).append('.'));
        return message.toString();
    }

    /** Where the database stands, for a failure message; empty when the history cannot be read either. */
    private Optional<String> readableRevision() {
        try {
            return Optional.of(currentRevision().orElse(BASE));
        } catch (MigrationException unreadable) {
            return Optional.empty();
        }
    }

    /** Applied changesets whose text changed since they ran: nothing ran, and the fix is the author's. */
    private String describeEditedChangeSets(String what, List<String> invalid) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> files = new TreeSet<>();
        for (String entry : invalid) {
            String[] parts = entry.split(" was: ")[0].strip().split("::");
            if (parts.length >= 2) {
                files.add(parts[0]);
                ids.add(parts[1]);
            } else {
                ids.add(entry);
            }
        }
        return what + " refused: " + ids.size() + " applied changeset(s) were edited after they ran (" + String.join(", ", ids)
                + (files.isEmpty() ? "" : " in " + String.join(", ", files)) + "). Restore them as they were applied and put the"
                + " change in a new revision (./sark-migrate revision -m ...), or, if the edit is intended and changes nothing already"
                + " applied, accept it: ./sark-migrate accept-edit " + ids.iterator().next() + ". Nothing ran" + readableRevision().map(at -> "; the database is at revision " + at).orElse("") + ".";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
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
