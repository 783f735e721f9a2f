package io.sark.migrate.engine;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.engine.changelog.ChangeSetKey;
import io.sark.migrate.engine.changelog.Position;
import io.sark.migrate.engine.changelog.Revision;
import io.sark.migrate.engine.changelog.Revisions;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import io.sark.migrate.engine.guard.Guards;
import io.sark.migrate.engine.guard.HypertableCopyCost;
import io.sark.migrate.engine.guard.LockCost;
import io.sark.migrate.engine.lock.LockRetry;
import io.sark.migrate.engine.session.LiquibaseSession;
import liquibase.changelog.ChangeSet;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The upgrade and downgrade runs behind {@link Migrator}'s verbs: what tells, without the lock, that there is nothing
 * to do; what is refused before anything runs; each attempt (retried on a lock timeout); and the SQL previews. It reads
 * the migrator's settings as they are when a verb runs.
 */
final class Moves {

    private final Migrator m;

    Moves(Migrator migrator) {
        this.m = migrator;
    }

    /**
     * An upgrade with nothing to do, told without the lock: no Alembic database to adopt, no unknown changeset in the
     * history, and every changeset up to the target applied with the checksum the changelog's index holds. A lock
     * protects work; here there is none, so a routine upgrade does not wait behind another process's migration that
     * cannot concern it (and Liquibase is not set up). Anything else, or any doubt, and the upgrade goes the locked way,
     * which reads everything again under the lock.
     */
    Optional<MigrationResult> nothingToDo(String target) {
        try (var t = Timings.phase("compare the history with the changelog's index, without the lock")) {
            if (!m.history.exists() || m.history.count() == 0 || m.alembicRevision().isPresent() || !m.state.unknownApplied().isEmpty()) {
                return Optional.empty();
            }
            String to = m.revisions().upgradeTarget(target, m.position());
            if (!m.state.certainlyUpToDate(to, m.filter)) {
                return Optional.empty();
            }
            String at = m.currentRevision().orElse(Revisions.BASE);
            return Optional.of(new MigrationResult(at, at, 0));
        } catch (RuntimeException doubt) {
            return Optional.empty();
        }
    }

    /** An upgrade to {@code target}, under the migration lock: what is refused first, then the run. */
    MigrationResult upgrade(String target, boolean allowDataLoss) {
        try (var t = Timings.phase("Alembic adoption check")) {
            m.adoptLocked();
        }
        Guards.refuseUnknownHistory(m.changelog, m.state.unknownApplied(), m.readableRevision());
        String to = m.revisions().upgradeTarget(target, m.position());
        boolean upToDate;
        try (var t = Timings.phase("compare the history with the changelog's index")) {
            upToDate = m.state.certainlyUpToDate(to, m.filter);
        }
        if (upToDate) {
            // Nothing to run, and every applied changeset unedited: Liquibase (and parsing the changelog for it) is not needed.
            String at = m.currentRevision().orElse(Revisions.BASE);
            return new MigrationResult(at, at, 0);
        }
        try (var t = Timings.phase("what the upgrade is refused for, and what it costs")) {
            Guards.beforeUpgrade(to, facts(m.state.pendingKeysUpTo(to, m.filter), () -> m.state.pendingUpTo(to, m.filter)),
                    m.changelog, m.connection, allowDataLoss, m.maxLock, m.listener);
        }
        return moving(false, () -> upgradeAttempt(to));
    }

    /** One attempt at moving up to revision {@code to} (there may be more after a lock timeout). */
    private void upgradeAttempt(String to) {
        int upTo = 0;
        for (Revision revision : m.revisions().all().subList(0, m.revisions().indexOf(to) + 1)) {
            upTo += revision.changeSets().size();
        }
        m.liquibase.expect(upTo - m.history.count());
        String what = to.equals(m.revisions().head()) ? "upgrade to head" : "upgrade to " + to;
        if (!m.liquibase.updateDirectly(what, directlyUpTo(to), () -> m.state.pendingUpTo(to, m.filter))) {
            m.liquibase.update(what, stopAt(to));
        }
    }

    /**
     * The guards' facts of the changesets {@code keys} names: as an earlier run kept them, or of the parsed changesets
     * (which parses the changelog).
     */
    private List<ChangeSetFacts> facts(List<ChangeSetKey> keys, Supplier<List<ChangeSet>> parsed) {
        return m.liquibase.keptFacts(keys).orElseGet(() -> ChangeSetFacts.of(parsed.get()));
    }

    /**
     * What an upgrade to {@code to} runs, for running without Liquibase's commands: null when Liquibase must decide (an
     * applied changeset recorded with another checksum, which its validation reports; a count that differs from the
     * history's). A context or label filter is the session's to refuse.
     */
    private List<ChangeSetKey> directlyUpTo(String to) {
        return directly(m.state.pendingKeysUpTo(to, m.filter), m.state.changeSetsPendingUpTo(to, m.filter));
    }

    /** The last {@code count} applied changesets, latest first, for rolling back without Liquibase's commands; null as above. */
    private List<ChangeSetKey> directlyLast(int count) {
        return directly(m.state.lastAppliedKeys(count), count);
    }

    private List<ChangeSetKey> directly(List<ChangeSetKey> found, int expected) {
        return m.state.appliedUnedited() && found.size() == expected ? found : null;
    }

    /** Where an update to revision {@code to} stops: the changelog's end, the revision's tag, or its last changeset. */
    private LiquibaseSession.Stop stopAt(String to) {
        if (to.equals(m.revisions().head())) {
            return LiquibaseSession.Stop.END;
        }
        // A revision without a tag ends where its changesets do: the next N that would run.
        return m.tagged(to) ? LiquibaseSession.Stop.atTag(to) : LiquibaseSession.Stop.after(m.state.changeSetsPendingUpTo(to, m.filter));
    }

    /** Writes the SQL that {@link Migrator#upgrade(String)} would run, in order, to {@code out}; changes nothing. */
    void upgradeSql(String target, OutputStream out) {
        refuseUnsettledHistory();
        String to = m.revisions().upgradeTarget(target, m.position());
        try {
            out.write(LockCost.sqlComments(LockCost.of(ChangeSetFacts.of(m.state.pendingUpTo(to, m.filter)), m.connection)).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.liquibase.updateSql(stopAt(to), out);
    }

    /** Refuses a database that Alembic still manages, or whose m.history holds changesets the m.changelog does not. */
    private void refuseUnsettledHistory() {
        Guards.refuseUnadopted(m.alembicRevision());
        Guards.refuseUnknownHistory(m.changelog, m.state.unknownApplied(), m.readableRevision());
    }

    /** A downgrade to {@code target}, under the migration lock: what is refused first, then the run. */
    MigrationResult downgrade(String target, boolean allowDataLoss) {
        refuseUnsettledHistory();
        String to = m.revisions().downgradeTarget(target, m.position());
        int count = m.state.changeSetsAppliedAfter(to, m.currentRevision().orElse(Revisions.BASE));
        if (count > 0) {
            try (var t = Timings.phase("what the downgrade is refused for, and what it costs")) {
                List<ChangeSetFacts> rolledBack = facts(m.state.lastAppliedKeys(count), () -> m.state.lastApplied(count));
                Guards.beforeDowngrade(to, rolledBack, m.connection, allowDataLoss);
                HypertableCopyCost.of(rolledBack, m.connection).forEach(m.listener::message);
            }
        }
        return moving(true, () -> {
            // Again on each attempt: an attempt that failed on a lock timeout may have rolled some back already.
            int left = m.state.changeSetsAppliedAfter(to, m.currentRevision().orElse(Revisions.BASE));
            m.liquibase.expect(left);
            if (left > 0 && !m.liquibase.rollbackDirectly("downgrade to " + to, directlyLast(left), () -> m.state.lastApplied(left))) {
                m.liquibase.rollback("downgrade to " + to, left);
            }
        });
    }

    /** Writes the rollback SQL that {@link Migrator#downgrade(String)} would run, in order, to {@code out}; changes nothing. */
    void downgradeSql(String target, OutputStream out) {
        refuseUnsettledHistory();
        String to = m.revisions().downgradeTarget(target, m.position());
        int count = m.state.changeSetsAppliedAfter(to, m.currentRevision().orElse(Revisions.BASE));
        if (count > 0) {
            m.liquibase.rollbackSql(count, out);
        }
    }

    /** Runs {@code attempt} (a move to a fixed revision, down or up), retried on lock timeouts, and says what it did. */
    private MigrationResult moving(boolean down, Runnable attempt) {
        // A downgrade from part-way through a revision starts from that revision; an upgrade from the last complete one.
        Position at;
        try (var t = Timings.phase("read the history (where the database stands)")) {
            at = m.state.position(m.filter);
        }
        String from = down ? at.partway().map(Position.Partial::revision).orElse(at.revision()) : at.revision();
        int before = m.history.count();
        try (var t = Timings.phase("run the changesets")) {
            new LockRetry(m.connection, m.session.backendPid(), m.sessions, m.listener, m.liquibase::stopRequested, m::readableRevision)
                    .run(attempt, m.lockRetries, m.lockWait, m.lockDeadline);
        }
        try (var t = Timings.phase("read where the database stands now")) {
            return new MigrationResult(from, m.currentRevision().orElse(Revisions.BASE), Math.abs(m.history.count() - before));
        }
    }
}
