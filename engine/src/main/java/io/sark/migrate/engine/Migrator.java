package io.sark.migrate.engine;

import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogException;
import io.sark.migrate.engine.changelog.ChangelogFilter;
import io.sark.migrate.engine.changelog.Position;
import io.sark.migrate.engine.changelog.Revisions;
import io.sark.migrate.engine.guard.Guards;
import io.sark.migrate.engine.guard.LockCost;
import io.sark.migrate.engine.lock.AdvisoryLock;
import io.sark.migrate.engine.lock.LockRetry;
import io.sark.migrate.engine.lock.MigrationLock;
import io.sark.migrate.engine.session.AtomicChangeSets;
import io.sark.migrate.engine.session.FailureReport;
import io.sark.migrate.engine.session.LiquibaseSession;
import io.sark.migrate.engine.session.SessionSetup;
import io.sark.migrate.errors.MigrationInterruptedException;

import java.io.OutputStream;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Applies and rolls back the changelog on one database, revision by revision, through Liquibase.
 *
 * <p>A revision is the run of changesets that ends with a {@code tagDatabase} of the revision's id, so moving to a
 * revision is Liquibase's update-to-tag, and moving back to one rolls back what was applied after its tag. Each
 * changeset runs in its own transaction, together with its history row ({@link AtomicChangeSets}): a failure or a
 * killed process stops the run there, and the message says where.
 *
 * <p>This is the facade, one short method per verb. Around it: the history table ({@link HistoryTable}), the
 * changelog merged with it ({@link ChangelogState}), Liquibase on the session ({@link LiquibaseSession}), failures in
 * one line ({@link FailureReport}), what is refused before anything runs ({@link Guards}), the migration lock
 * ({@link AdvisoryLock}), the retries on a lock timeout ({@link LockRetry}), the verbs that edit the history alone
 * ({@link HistoryEdits}), the upgrade and downgrade runs themselves ({@link Moves}).
 */
public final class Migrator implements AutoCloseable {

    /** Where the changelog sits on the classpath (in the migrations module). */
    public static final String MASTER_CHANGELOG = Changelog.MASTER;

    /** The name of the state before the first revision. */
    public static final String BASE = Revisions.BASE;

    /** The name of the latest revision of the changelog. */
    public static final String HEAD = Revisions.HEAD;

    final Connection connection;
    final Changelog changelog;
    final LiquibaseSession liquibase;
    final HistoryTable history;
    final ChangelogState state;
    MigrationListener listener = MigrationListener.NONE;
    ChangelogFilter filter = ChangelogFilter.none();
    Duration lockWait = Duration.ofMinutes(5);
    /** When the command's time for waiting on locks ({@link #lockWait}, from taking the migration lock on) runs out. */
    long lockDeadline = Long.MAX_VALUE;
    private AlembicAdoption.Reference adoptionReference;
    /** More sessions on the same database, for watching locks and reading state when this one is lost; null: none. */
    Supplier<Connection> sessions;
    int lockRetries = DEFAULT_LOCK_RETRIES;
    Duration maxLock;
    SessionSetup session;
    private final Moves moves = new Moves(this);

    /** How many times a changeset that timed out waiting for a lock is tried again, by default. */
    public static final int DEFAULT_LOCK_RETRIES = 3;

    private Migrator(Connection connection, Changelog changelog) {
        this.connection = connection;
        this.changelog = changelog;
        this.liquibase = new LiquibaseSession(connection, changelog, this::readableRevision);
        this.history = new HistoryTable(connection, liquibase::historyTableName);
        this.state = new ChangelogState(changelog, history);
        this.session = SessionSetup.prepare(connection, Duration.ZERO);
        this.adoptionReference = AlembicAdoption.throwaway(changelog);
    }

    /** A migrator for the changelog built into this program. It takes ownership of the connection. */
    public static Migrator open(Connection connection) {
        return open(connection, Changelog.bundled());
    }

    /** A migrator for {@code changelog}. It takes ownership of the connection. */
    public static Migrator open(Connection connection, Changelog changelog) {
        try (var t = Timings.phase("open the migrator (Liquibase, the session)")) {
            return new Migrator(connection, changelog);
        }
    }

    /** Sends progress messages and database notices to {@code listener} from now on. */
    public Migrator listener(MigrationListener listener) {
        this.listener = listener;
        liquibase.listener(listener);
        return this;
    }

    /** Takes only the changesets {@code filter} chooses (Liquibase contexts and labels) from now on. */
    public Migrator filter(ChangelogFilter filter) {
        this.filter = filter;
        liquibase.filter(filter);
        return this;
    }

    /**
     * How long the command may wait for locks in all (default five minutes), from the moment it asks for the
     * migration lock: for another migration to finish, then for table locks, retries and their pauses included. A
     * changeset still waiting for a table lock when it runs out is cancelled and rolled back.
     */
    public Migrator lockWait(Duration wait) {
        this.lockWait = wait;
        return this;
    }

    /**
     * Gives the migrator a way to open more sessions on the same database: one watches, while changesets run, who
     * keeps them waiting for a lock (named when a lock timeout ends the wait); and where the database stands is read
     * on a new one when this one is lost.
     */
    public Migrator sessions(Supplier<Connection> sessions) {
        this.sessions = sessions;
        return this;
    }

    /**
     * The longest a pending changeset may be expected to hold a lock that writers wait for ({@link LockCost}); an
     * upgrade with one expected to hold it longer is refused before anything runs. Null: no limit.
     */
    public Migrator maxLock(Duration longest) {
        this.maxLock = longest;
        return this;
    }

    /**
     * How many times a changeset that fails on a lock timeout is tried again ({@link LockRetry}); default
     * {@value #DEFAULT_LOCK_RETRIES}.
     */
    public Migrator lockRetries(int retries) {
        this.lockRetries = Math.max(0, retries);
        return this;
    }

    /** The migration session's {@code statement_timeout} (zero, the default: none, whatever the role says). */
    public Migrator statementTimeout(Duration timeout) {
        session = SessionSetup.prepare(connection, timeout);
        return this;
    }

    /**
     * How the batched fills of this run go: {@code pages} of the table per batch, each committed, and {@code pauseMillis}
     * between batches (null: the changeset's own, 200 pages and 10 ms). Bigger batches finish sooner and hold each row's
     * lock longer; a longer pause leaves the application more room.
     */
    public Migrator fillBatches(Integer pages, Integer pauseMillis) {
        SessionSetup.fillBatches(connection, pages, pauseMillis);
        return this;
    }

    /** The migration session's timeouts, for --verbose: "statement_timeout 0 (none), lock_timeout 0 (none; ...)". */
    public String sessionSettings() {
        return session.description();
    }

    /** What an Alembic database's schema is checked against before it is adopted (default: the changelog replayed into a throwaway database). */
    public Migrator adoptionReference(AlembicAdoption.Reference reference) {
        this.adoptionReference = reference;
        return this;
    }

    /**
     * The tables of a database that no migration tool recorded anything in (no history row, no Alembic revision), in
     * name order: a changelog upgraded onto them from its first revision lands among another application's tables.
     * Empty when the database is empty or has a history.
     */
    public List<String> tablesWithoutHistory() {
        return history.exists() && history.count() > 0 || alembicRevision().isPresent() ? List.of() : AlembicAdoption.tables(connection);
    }

    /** The revision recorded by Alembic in a database that sark-migrate has not adopted yet; empty otherwise. */
    public Optional<String> alembicRevision() {
        return AlembicAdoption.pendingRevision(connection, history.exists() && history.count() > 0);
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

    Optional<AlembicAdoption.Adopted> adoptLocked() {
        return historyEdits().adopt(alembicRevision(), adoptionReference, connection, listener);
    }

    public Changelog changelog() {
        return changelog;
    }

    /** Every revision of the changelog, oldest first. */
    public Revisions revisions() {
        return changelog.revisions();
    }

    /** The revision the database is at (its latest applied tag, or untagged revision wholly applied), or empty at base. */
    public Optional<String> currentRevision() {
        return state.current();
    }

    boolean tagged(String revision) {
        return revisions().all().get(revisions().indexOf(revision)).tagged();
    }

    /**
     * How many changesets up to {@code revision} are not applied and would run with this migrator's contexts and
     * labels: 0 when the database is as far as an upgrade to it with them would take it.
     */
    public int pendingChangeSetsUpTo(String revision) {
        return state.changeSetsPendingUpTo(revision, filter);
    }

    /**
     * Where the database stands: its last complete revision and, when a run stopped inside the next one, how far
     * through that one it is. Refuses a revision the changelog lacks.
     */
    public Position position() {
        currentIndex();
        return state.position(filter);
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

    /**
     * Applies pending revisions up to {@code target}: {@code head}, {@code +N}, or a revision name. Refused, before
     * anything runs, when a changeset would delete rows at once (a TimescaleDB retention policy over old rows).
     */
    public MigrationResult upgrade(String target) {
        return upgrade(target, false);
    }

    /** As {@link #upgrade(String)}; with {@code allowDataLoss}, a retention policy that deletes rows is added all the same. */
    public MigrationResult upgrade(String target, boolean allowDataLoss) {
        Optional<MigrationResult> nothing = moves.nothingToDo(target);
        if (nothing.isPresent()) {
            return nothing.get();
        }
        return locked(() -> moves.upgrade(target, allowDataLoss));
    }

    /** Writes the SQL that {@link #upgrade(String)} would run, in order, to {@code out}; changes nothing. */
    public void upgradeSql(String target, OutputStream out) {
        moves.upgradeSql(target, out);
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
        return locked(() -> moves.downgrade(target, allowDataLoss));
    }

    /** Writes the rollback SQL that {@link #downgrade(String)} would run, in order, to {@code out}; changes nothing. */
    public void downgradeSql(String target, OutputStream out) {
        moves.downgradeSql(target, out);
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
        return locked(() -> historyEdits().stamp(target));
    }

    /**
     * Accepts an intended edit of one applied changeset: its recorded checksum becomes the checksum of its current
     * text, so validation passes again. Nothing is run; no other changeset is touched.
     */
    public AcceptedEdit acceptEdit(String changeSetId) {
        return locked(() -> historyEdits().acceptEdit(changeSetId));
    }

    private HistoryEdits historyEdits() {
        return new HistoryEdits(changelog, history, liquibase, () -> currentRevision().orElse(BASE));
    }

    /** Every revision with whether (and when) it was applied; the changesets of each, likewise. */
    public List<RevisionStatus> history() {
        return state.revisions(currentRevision().orElse(BASE), filter);
    }

    /**
     * Runs {@code action} holding the migration lock, so that of several processes migrating one database, one works
     * and the others wait, then find the work done. Everything the action reads is read under the lock.
     */
    private <T> T locked(Supplier<T> action) {
        lockDeadline = System.nanoTime() + lockWait.toNanos();
        return MigrationLock.holding(liquibase.lock(), liquibase::stopRequested, connection, lockWait, listener, this::readableRevision, action);
    }

    /**
     * Whether the last upgrade or downgrade that ran changesets ran them without Liquibase's update and rollback
     * commands: by the SQL Liquibase's generators write for them, with Liquibase's history rows written alongside (see
     * {@code DirectRun}); false when Liquibase's commands ran them, or nothing ran.
     */
    public boolean ranDirectly() {
        return liquibase.ranDirectly();
    }

    /** The session holding the migration lock, if any. */
    public Optional<AdvisoryLock.Holder> lockHolder() {
        return liquibase.lock().holder();
    }

    /**
     * Asks a run in progress, from another thread, to stop (on Ctrl-C): the running statement is cancelled, so its
     * changeset's transaction rolls back, and no further changeset starts. The run then ends with a
     * {@link MigrationInterruptedException} that says where the database stands.
     */
    public void interrupt() {
        liquibase.interrupt();
    }

    /**
     * Where the database stands, for a message after "the database is" ({@link Position#describe()}); empty when the
     * history cannot be read either.
     */
    Optional<String> readableRevision() {
        return state.readablePosition(filter, sessions, liquibase::historyTableName);
    }

    @Override
    public void close() {
        liquibase.close();
    }
}
