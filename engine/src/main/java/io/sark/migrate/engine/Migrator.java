package io.sark.migrate.engine;

import io.sark.migrate.diagnostics.Timings;
import liquibase.ChecksumVersion;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeSet;
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
import liquibase.command.core.helpers.ShowSummaryArgument;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
 * ({@link AdvisoryLock}).
 */
public final class Migrator implements AutoCloseable {

    /** Where the changelog sits on the classpath (in the migrations module). */
    public static final String MASTER_CHANGELOG = Changelog.MASTER;

    /** The name of the state before the first revision. */
    public static final String BASE = Revisions.BASE;

    /** The name of the latest revision of the changelog. */
    public static final String HEAD = Revisions.HEAD;

    private final Connection connection;
    private final Changelog changelog;
    private final LiquibaseSession liquibase;
    private final HistoryTable history;
    private final ChangelogState state;
    private MigrationListener listener = MigrationListener.NONE;
    private ChangelogFilter filter = ChangelogFilter.none();
    private Duration lockWait = Duration.ofMinutes(5);
    /** When the command's time for waiting on locks ({@link #lockWait}, from taking the migration lock on) runs out. */
    private long lockDeadline = Long.MAX_VALUE;
    private AlembicAdoption.Reference adoptionReference;
    /** More sessions on the same database, for watching locks and reading state when this one is lost; null: none. */
    private Supplier<Connection> sessions;
    private int lockRetries = DEFAULT_LOCK_RETRIES;
    private Duration maxLock;
    private final int backendPid;
    private String sessionSettings = "";

    /** How many times a changeset that timed out waiting for a lock is tried again, by default. */
    public static final int DEFAULT_LOCK_RETRIES = 3;

    /** However many retries are asked for, none starts after this long of retrying. */
    static final Duration LOCK_RETRY_BUDGET = Duration.ofMinutes(5);

    private Migrator(Connection connection, Changelog changelog) {
        this.connection = connection;
        this.changelog = changelog;
        this.liquibase = new LiquibaseSession(connection, changelog, this::readableRevision);
        this.history = new HistoryTable(connection, liquibase::historyTableName);
        this.state = new ChangelogState(changelog, history);
        this.backendPid = prepareSession(connection, Duration.ZERO);
        this.adoptionReference = AlembicAdoption.throwaway(changelog);
    }

    /**
     * Sets the migration session up; returns its server pid.
     *
     * <p>A role's {@code statement_timeout} (a production role often has one of seconds) would end a long index build
     * or data change half-way: the session's own is set to {@code statementTimeout} (zero: none), whatever the role
     * says. A role's {@code lock_timeout} is kept: changesets set their own.
     *
     * <p>A server session whose client was killed goes on with its statement (holding its locks, the migration lock
     * included) until the statement ends. From PostgreSQL 14 it can check for a lost client while it works; then a
     * killed migration's statement stops within a second and its transaction rolls back.
     */
    private int prepareSession(Connection connection, Duration statementTimeout) {
        try {
            int pid;
            try (Statement s = connection.createStatement()) {
                s.execute("SET statement_timeout = " + statementTimeout.toMillis());
                try (var rs = s.executeQuery("SELECT pg_backend_pid(), current_setting('lock_timeout'), coalesce((SELECT string_agg(c, ', ') FROM pg_db_role_setting r, unnest(r.setconfig) c"
                        + " WHERE r.setrole = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND c LIKE 'statement_timeout=%'), '')")) {
                    rs.next();
                    pid = rs.getInt(1);
                    String role = rs.getString(3);
                    sessionSettings = "statement_timeout " + (statementTimeout.isZero() ? "0 (none)" : statementTimeout.toMillis() + " ms")
                            + (role.isEmpty() ? "" : " (the role's " + role + " is overridden for this session)")
                            + ", lock_timeout " + rs.getString(2) + (rs.getString(2).equals("0") ? " (none; changesets set their own)" : "");
                }
            }
            if (connection.getMetaData().getDatabaseMajorVersion() >= 14) {
                try (Statement s = connection.createStatement()) {
                    s.execute("SET client_connection_check_interval = '1s'");
                } catch (SQLException unsupported) {
                    // A server on a system without the kernel support (Windows) refuses it: it keeps the old behaviour.
                    if (!connection.getAutoCommit()) {
                        connection.rollback();
                    }
                    return pid;
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return pid;
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
     * How many times a changeset that fails on a lock timeout is tried again, after waits of 1, 2, 4... s (at most
     * 30 s each, and none after {@link #LOCK_RETRY_BUDGET} of retrying); default {@value #DEFAULT_LOCK_RETRIES}.
     */
    /**
     * The longest a pending changeset may be expected to hold a lock that writers wait for ({@link LockCost}); an
     * upgrade with one expected to hold it longer is refused before anything runs. Null: no limit.
     */
    public Migrator maxLock(Duration longest) {
        this.maxLock = longest;
        return this;
    }

    public Migrator lockRetries(int retries) {
        this.lockRetries = Math.max(0, retries);
        return this;
    }

    /** The migration session's {@code statement_timeout} (zero, the default: none, whatever the role says). */
    public Migrator statementTimeout(Duration timeout) {
        prepareSession(connection, timeout);
        return this;
    }

    /**
     * How the batched fills of this run go: {@code pages} of the table per batch, each committed, and {@code pauseMillis}
     * between batches (null: the changeset's own, 200 pages and 10 ms). Bigger batches finish sooner and hold each row's
     * lock longer; a longer pause leaves the application more room.
     */
    public Migrator fillBatches(Integer pages, Integer pauseMillis) {
        try (Statement s = connection.createStatement()) {
            if (pages != null) {
                s.execute("SET sark.fill_batch_pages = " + pages);
            }
            if (pauseMillis != null) {
                s.execute("SET sark.fill_pause_ms = " + pauseMillis);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not set the fills' batch size on the migration session: " + e.getMessage(), e);
        }
        return this;
    }

    /** The migration session's timeouts, for --verbose: "statement_timeout 0 (none), lock_timeout 0 (none; ...)". */
    public String sessionSettings() {
        return sessionSettings;
    }

    /** What an Alembic database's schema is checked against before it is adopted (default: the changelog replayed into a throwaway database). */
    public Migrator adoptionReference(AlembicAdoption.Reference reference) {
        this.adoptionReference = reference;
        return this;
    }

    /** The revision recorded by Alembic in a database that sark-migrate has not adopted yet; empty otherwise. */
    /**
     * The tables of a database that no migration tool recorded anything in (no history row, no Alembic revision), in
     * name order: a changelog upgraded onto them from its first revision lands among another application's tables.
     * Empty when the database is empty or has a history.
     */
    public List<String> tablesWithoutHistory() {
        if (history.exists() && history.count() > 0 || alembicRevision().isPresent()) {
            return List.of();
        }
        try {
            return List.copyOf(io.sark.migrate.postgres.CatalogSnapshot.read(connection).tables());
        } catch (java.sql.SQLException e) {
            throw new MigrationException("Could not read the database's tables: " + e.getMessage(), e);
        }
    }

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

    private boolean tagged(String revision) {
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
        Optional<MigrationResult> nothing = nothingToDo(target);
        if (nothing.isPresent()) {
            return nothing.get();
        }
        return locked(() -> upgradeLocked(target, allowDataLoss));
    }

    /**
     * An upgrade with nothing to do, told without the lock: no Alembic database to adopt, no unknown changeset in the
     * history, and every changeset up to the target applied with the checksum the changelog's index holds. A lock
     * protects work; here there is none, so a routine upgrade does not wait behind another process's migration that
     * cannot concern it (and Liquibase is not set up). Anything else, or any doubt, and the upgrade goes the locked way,
     * which reads everything again under the lock.
     */
    private Optional<MigrationResult> nothingToDo(String target) {
        try (var t = Timings.phase("compare the history with the changelog's index, without the lock")) {
            if (!history.exists() || history.count() == 0 || alembicRevision().isPresent() || !state.unknownApplied().isEmpty()) {
                return Optional.empty();
            }
            String to = revisions().upgradeTarget(target, position());
            if (!state.certainlyUpToDate(to, filter)) {
                return Optional.empty();
            }
            String at = currentRevision().orElse(BASE);
            return Optional.of(new MigrationResult(at, at, 0));
        } catch (RuntimeException doubt) {
            return Optional.empty();
        }
    }

    private MigrationResult upgradeLocked(String target, boolean allowDataLoss) {
        try (var t = Timings.phase("Alembic adoption check")) {
            adoptLocked();
        }
        Guards.refuseUnknownHistory(changelog, state.unknownApplied(), readableRevision());
        String to = revisions().upgradeTarget(target, position());
        boolean upToDate;
        try (var t = Timings.phase("compare the history with the changelog's index")) {
            upToDate = state.certainlyUpToDate(to, filter);
        }
        if (upToDate) {
            // Nothing to run, and every applied changeset unedited: Liquibase (and parsing the changelog for it) is not needed.
            String at = currentRevision().orElse(BASE);
            return new MigrationResult(at, at, 0);
        }
        if (!allowDataLoss) {
            Guards.refuseRetentionLoss(to, state.pendingUpTo(to, filter), changelog, connection);
        }
        List<LockCost.Cost> costs = LockCost.of(state.pendingUpTo(to, filter), connection);
        costs.forEach(cost -> listener.message(cost.describe()));
        Guards.refuseLongLocks(costs, maxLock);
        HypertableCopyCost.ofUpgrade(state.pendingUpTo(to, filter), connection).forEach(listener::message);
        return moving(false, () -> upgradeAttempt(to));
    }

    /** One attempt at moving up to revision {@code to} (there may be more after a lock timeout). */
    private void upgradeAttempt(String to) {
        int upTo = 0;
        for (Revision revision : revisions().all().subList(0, revisions().indexOf(to) + 1)) {
            upTo += revision.changeSets().size();
        }
        liquibase.expect(upTo - history.count());
        if (to.equals(revisions().head())) {
            liquibase.run("upgrade to head", () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                    .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, liquibase.progressListener())
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG), null);
        } else if (!tagged(to)) {
            // A revision without a tag ends where its changesets do: the next N that would run.
            int count = state.changeSetsPendingUpTo(to, filter);
            liquibase.run("upgrade to " + to, () -> new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                    .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                    .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, liquibase.progressListener())
                    .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG), null);
        } else {
            liquibase.run("upgrade to " + to, () -> new CommandScope(UpdateToTagCommandStep.COMMAND_NAME)
                    .addArgumentValue(UpdateToTagCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                    .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, liquibase.progressListener())
                    .addArgumentValue(UpdateToTagCommandStep.TAG_ARG, to)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG), null);
        }
    }

    /** Writes the SQL that {@link #upgrade(String)} would run, in order, to {@code out}; changes nothing. */
    public void upgradeSql(String target, OutputStream out) {
        Guards.refuseUnadopted(alembicRevision());
        Guards.refuseUnknownHistory(changelog, state.unknownApplied(), readableRevision());
        String to = revisions().upgradeTarget(target, position());
        List<LockCost.Cost> costs = LockCost.of(state.pendingUpTo(to, filter), connection);
        if (!costs.isEmpty()) {
            StringBuilder said = new StringBuilder();
            costs.forEach(cost -> said.append("-- ").append(cost.describe()).append('\n'));
            try {
                out.write(said.append('\n').toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        if (to.equals(revisions().head())) {
            liquibase.run("upgrade --sql", () -> new CommandScope(UpdateSqlCommandStep.COMMAND_NAME)
                    .addArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG, changelog.master()), out);
        } else if (!tagged(to)) {
            int count = state.changeSetsPendingUpTo(to, filter);
            liquibase.run("upgrade --sql", () -> new CommandScope(UpdateCountSqlCommandStep.COMMAND_NAME)
                    .addArgumentValue(UpdateCountSqlCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                    .addArgumentValue(UpdateCountSqlCommandStep.COUNT_ARG, count), out);
        } else {
            liquibase.run("upgrade --sql", () -> new CommandScope(UpdateToTagSqlCommandStep.COMMAND_NAME)
                    .addArgumentValue(UpdateToTagSqlCommandStep.CHANGELOG_FILE_ARG, changelog.master())
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
        Guards.refuseUnadopted(alembicRevision());
        Guards.refuseUnknownHistory(changelog, state.unknownApplied(), readableRevision());
        String to = revisions().downgradeTarget(target, position());
        int count = state.changeSetsAppliedAfter(to, currentRevision().orElse(BASE));
        if (count > 0) {
            Guards.refuseRollbacksAHypertableRefuses(to, state.lastApplied(count), connection);
            Guards.refuseChangeSetsWithoutRollback(to, state.lastApplied(count));
            Guards.refuseKeysTheRowsBreak(to, state.lastApplied(count), connection);
            Guards.refuseEnumValuesInUse(to, state.lastApplied(count), connection);
        }
        if (!allowDataLoss && count > 0) {
            Guards.refuseDataLoss(to, state.lastApplied(count), connection);
        }
        if (count > 0) {
            HypertableCopyCost.of(state.lastApplied(count), connection).forEach(listener::message);
        }
        return moving(true, () -> {
            // Again on each attempt: an attempt that failed on a lock timeout may have rolled some back already.
            int left = state.changeSetsAppliedAfter(to, currentRevision().orElse(BASE));
            liquibase.expect(left);
            if (left > 0) {
                liquibase.run("downgrade to " + to, () -> liquibase.rollbackCount(RollbackCountCommandStep.COMMAND_NAME, left)
                        .addArgumentValue(ChangeExecListenerCommandStep.CHANGE_EXEC_LISTENER_ARG, liquibase.progressListener()), null);
            }
        });
    }

    /** Writes the rollback SQL that {@link #downgrade(String)} would run, in order, to {@code out}; changes nothing. */
    public void downgradeSql(String target, OutputStream out) {
        Guards.refuseUnadopted(alembicRevision());
        Guards.refuseUnknownHistory(changelog, state.unknownApplied(), readableRevision());
        String to = revisions().downgradeTarget(target, position());
        int count = state.changeSetsAppliedAfter(to, currentRevision().orElse(BASE));
        if (count > 0) {
            liquibase.run("downgrade --sql", () -> liquibase.rollbackCount(RollbackCountSqlCommandStep.COMMAND_NAME, count), out);
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
        java.util.Set<ChangeSetKey> before = new java.util.HashSet<>(history.appliedAt().keySet());
        if (index >= 0) {
            if (tagged(to)) {
                liquibase.run("stamp " + to, () -> new CommandScope(ChangelogSyncToTagCommandStep.COMMAND_NAME)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.master())
                        .addArgumentValue(ChangelogSyncToTagCommandStep.TAG_ARG, to), null);
            } else {
                // Liquibase syncs to a tag or to the end; a revision without a tag is the end, less what follows it
                // (unmarked below).
                liquibase.run("stamp " + to, () -> new CommandScope(ChangelogSyncCommandStep.COMMAND_NAME)
                        .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelog.master()), null);
            }
        }
        if (history.exists()) {
            history.forget(revisions().all().subList(index + 1, revisions().all().size()).stream()
                    .flatMap(revision -> revision.changeSets().stream()).map(ChangeSetKey::of).toList());
        }
        java.util.Set<ChangeSetKey> after = history.appliedAt().keySet();
        int marked = (int) after.stream().filter(key -> !before.contains(key)).count();
        int unmarked = (int) before.stream().filter(key -> !after.contains(key)).count();
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
        String now = liquibase.inScope(() -> changeSet.generateCheckSum(ChecksumVersion.latest()).toString());
        UnknownRevisionException notApplied = new UnknownRevisionException("changeset " + changeSetId
                + " has not been applied to this database: there is no edit to accept.");
        ChangeSetKey key = ChangeSetKey.of(changeSet);
        String before = history.checksum(key).orElseThrow(() -> notApplied);
        history.recordChecksum(key, now);
        liquibase.forgetCachedHistory();
        return new AcceptedEdit(changeSet.getId(), before, now);
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
        try (var t = Timings.phase("take the migration lock")) {
            liquibase.lock().acquire(lockWait, holder -> listener.message("sark-migrate: waiting for the migration lock held by " + holder.describe() + "..."));
        } catch (MigrationInterruptedException e) {
            throw new MigrationInterruptedException(e.getMessage() + " The database is "
                    + readableRevision().orElse("at a revision that could not be read") + ".");
        }
        try {
            if (liquibase.stopRequested()) {
                throw new MigrationInterruptedException("Interrupted before anything ran. The database is "
                        + readableRevision().orElse("at a revision that could not be read") + ".");
            }
            MigrationLock.refuseIfRowLocked(connection);
            return action.get();
        } finally {
            liquibase.lock().release();
        }
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
    private Optional<String> readableRevision() {
        try {
            return Optional.of(state.position(filter).describe());
        } catch (RuntimeException unreadable) {
            if (sessions == null) {
                return Optional.empty();
            }
            // This session may be the one lost (the server ended it): another may still read the history.
            try (Connection fresh = sessions.get()) {
                return Optional.of(new ChangelogState(changelog, new HistoryTable(fresh, liquibase::historyTableName)).position(filter).describe());
            } catch (RuntimeException | SQLException stillUnreadable) {
                return Optional.empty();
            }
        }
    }

    /**
     * Runs {@code attempt} (a move to a fixed revision, down or up) and says what it did. A changeset that fails on a lock
     * timeout, or is chosen to end a deadlock (a TimescaleDB policy job can take the same locks at any moment), has rolled
     * back whole; it is tried again after a pause, {@link #lockRetries} times, and the message of the last failure names
     * the sessions it waited for.
     */
    private MigrationResult moving(boolean down, Runnable attempt) {
        // A downgrade from part-way through a revision starts from that revision; an upgrade from the last complete one.
        Position at;
        try (var t = Timings.phase("read the history (where the database stands)")) {
            at = state.position(filter);
        }
        String from = down ? at.partway().map(Position.Partial::revision).orElse(at.revision()) : at.revision();
        int before = history.count();
        long retryingSince = 0;
        try (var t = Timings.phase("run the changesets"); LockWatch watch = LockWatch.start(connection, backendPid, sessions, listener::message)) {
            watch.deadline(lockDeadline);
            for (int retry = 0; ; retry++) {
                watch.reset();
                try {
                    attempt.run();
                    break;
                } catch (MigrationException e) {
                    if (watch.cancelledAtDeadline() && !liquibase.stopRequested()) {
                        throw new LockTimeoutException(LockTimeoutException.pastLockWait(e.getMessage(), lockWait, watch.blockers(), retry), e);
                    }
                    if (!LockWatch.retryable(e)) {
                        throw e;
                    }
                    retryingSince = retry == 0 ? System.nanoTime() : retryingSince;
                    LockWatch.Seen seen = watch.blockers();
                    Duration pause = Duration.ofSeconds(Math.min(30, 1L << Math.min(retry, 5)));
                    boolean budgetLeft = System.nanoTime() - retryingSince + pause.toNanos() < LOCK_RETRY_BUDGET.toNanos()
                            && System.nanoTime() + pause.toNanos() < lockDeadline;
                    if (retry >= lockRetries || !budgetLeft || liquibase.stopRequested()) {
                        throw new LockTimeoutException(e.getMessage() + " " + LockTimeoutException.advice(seen, retry), e);
                    }
                    listener.message("sark-migrate: " + (LockWatch.deadlock(e) ? "a deadlock" : "a lock timeout") + " stopped "
                            + LockTimeoutException.changeSetOf(e.getMessage())
                            + LockTimeoutException.waitedOn(seen) + "; it was rolled back, trying again in " + pause.toSeconds()
                            + " s (retry " + (retry + 1) + " of " + lockRetries + ")...");
                    pauseUnlessInterrupted(pause);
                }
            }
        }
        try (var t = Timings.phase("read where the database stands now")) {
            return new MigrationResult(from, currentRevision().orElse(BASE), Math.abs(history.count() - before));
        }
    }

    private void pauseUnlessInterrupted(Duration pause) {
        long end = System.nanoTime() + pause.toNanos();
        while (System.nanoTime() < end) {
            if (liquibase.stopRequested()) {
                throw new MigrationInterruptedException("Interrupted while waiting to retry after a lock timeout. The database is "
                        + readableRevision().orElse("at a revision that could not be read") + ".");
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        liquibase.close();
    }
}
