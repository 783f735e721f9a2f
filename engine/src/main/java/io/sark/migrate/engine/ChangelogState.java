package io.sark.migrate.engine;

import io.sark.migrate.engine.changelog.ChangeSetKey;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogFilter;
import io.sark.migrate.engine.changelog.Position;
import io.sark.migrate.engine.changelog.Revision;
import io.sark.migrate.engine.changelog.Revisions;
import io.sark.migrate.engine.changelog.UnknownRevisionException;
import liquibase.changelog.ChangeSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/** The changelog merged with the history table's rows: each revision and changeset with whether, and when, it ran. */
final class ChangelogState {

    private final Changelog changelog;
    private final HistoryTable history;

    ChangelogState(Changelog changelog, HistoryTable history) {
        this.changelog = changelog;
        this.history = history;
    }

    /**
     * Where the database stands, for a message after "the database is" ({@link Position#describe()}): read on this
     * session, else (it may be the one the server ended) on a new one from {@code sessions} (may be null); empty when
     * the history cannot be read either.
     */
    Optional<String> readablePosition(ChangelogFilter filter, Supplier<Connection> sessions,
                                      Supplier<String> historyTableName) {
        try {
            return Optional.of(position(filter).describe());
        } catch (RuntimeException unreadable) {
            if (sessions == null) {
                return Optional.empty();
            }
            try (Connection fresh = sessions.get()) {
                return Optional.of(new ChangelogState(changelog, new HistoryTable(fresh, historyTableName)).position(filter).describe());
            } catch (RuntimeException | SQLException stillUnreadable) {
                return Optional.empty();
            }
        }
    }

    /**
     * Every revision, oldest first, with its state; {@code current} is the revision the database is at. A changeset
     * {@code filter} leaves out (another context) does not count towards its revision's state.
     */
    List<RevisionStatus> revisions(String current, ChangelogFilter filter) {
        Map<ChangeSetKey, String> appliedAt = history.appliedAt();
        List<RevisionStatus> statuses = new ArrayList<>();
        for (Revision revision : changelog.revisions().all()) {
            List<ChangeSetStatus> changeSets = new ArrayList<>();
            int applied = 0;
            int taken = 0;
            for (Revision.ChangeSetRef cs : revision.changeSets()) {
                String at = appliedAt.get(ChangeSetKey.of(cs));
                changeSets.add(new ChangeSetStatus(cs.id(), cs.comment(), at, cs.contexts(), cs.labels()));
                if (at != null || filter.takes(cs.contexts(), cs.labels())) {
                    taken++;
                    applied += at == null ? 0 : 1;
                }
            }
            String revisionAppliedAt = changeSets.get(changeSets.size() - 1).appliedAt();
            statuses.add(new RevisionStatus(revision.id(), RevisionState.of(applied, taken), revisionAppliedAt,
                    revision.id().equals(current), changeSets));
        }
        return statuses;
    }

    /** The changesets the history holds that the changelog does not have (migrated with a newer or another changelog). */
    List<ChangeSetKey> unknownApplied() {
        Set<ChangeSetKey> known = new HashSet<>();
        for (Revision revision : changelog.revisions().all()) {
            revision.changeSets().forEach(cs -> known.add(ChangeSetKey.of(cs)));
        }
        return history.applied().stream().filter(applied -> !known.contains(applied)).toList();
    }

    /**
     * The revision the database is at: the latest applied tag, or else the furthest revision, in changelog order, that
     * has a changeset applied and every changeset bound to no context or labels applied (one bound to them may have
     * been left out, or applied later: test data given its context after the database reached head ran last, and the
     * database is still at head); empty at base.
     */
    Optional<String> current() {
        if (changelog.revisions().all().stream().allMatch(Revision::tagged)) {
            return history.latestTag();
        }
        Set<ChangeSetKey> applied = history.appliedAt().keySet();
        List<Revision> revisions = changelog.revisions().all();
        for (int i = revisions.size() - 1; i >= 0; i--) {
            boolean any = false;
            boolean unboundMissing = false;
            for (Revision.ChangeSetRef cs : revisions.get(i).changeSets()) {
                if (applied.contains(ChangeSetKey.of(cs))) {
                    any = true;
                } else if (cs.contexts() == null && cs.labels() == null) {
                    unboundMissing = true;
                }
            }
            if (any && !unboundMissing) {
                return Optional.of(revisions.get(i).id());
            }
        }
        return Optional.empty();
    }

    /**
     * Where the database stands: {@link #current()}, and the furthest later revision that has any changeset applied
     * (a run that failed or was stopped inside it), counted as {@link #revisions} counts.
     */
    Position position(ChangelogFilter filter) {
        String current = current().orElse(Revisions.BASE);
        Revisions revisions = changelog.revisions();
        int index = Revisions.BASE.equals(current) || !revisions.ids().contains(current) ? -1 : revisions.indexOf(current);
        Map<ChangeSetKey, String> appliedAt = history.appliedAt();
        Position.Partial partial = null;
        for (int i = index + 1; i < revisions.all().size(); i++) {
            int applied = 0;
            int taken = 0;
            for (Revision.ChangeSetRef cs : revisions.all().get(i).changeSets()) {
                boolean done = appliedAt.containsKey(ChangeSetKey.of(cs));
                if (done || filter.takes(cs.contexts(), cs.labels())) {
                    taken++;
                    applied += done ? 1 : 0;
                }
            }
            if (applied > 0) {
                partial = new Position.Partial(revisions.all().get(i).id(), i, applied, taken);
            }
        }
        return new Position(current, index, partial);
    }

    /** How many changesets were applied after the end of {@code revision}: what a downgrade to it rolls back. */
    int changeSetsAppliedAfter(String revision, String current) {
        if (!history.exists()) {
            return 0;
        }
        if (Revisions.BASE.equals(revision)) {
            return history.count();
        }
        Revision target = changelog.revisions().all().get(changelog.revisions().indexOf(revision));
        OptionalInt count;
        if (target.tagged()) {
            count = history.countAfterTag(revision);
        } else {
            // Every changeset of a later revision is undone, latest first, and whatever ran after the earliest of them
            // with it: a context's changeset of an earlier revision applied late is undone too, and the database says so.
            Set<ChangeSetKey> ofTarget = new HashSet<>();
            target.changeSets().forEach(cs -> ofTarget.add(ChangeSetKey.of(cs)));
            Set<ChangeSetKey> ofLater = new HashSet<>();
            List<Revision> all = changelog.revisions().all();
            all.subList(all.indexOf(target) + 1, all.size()).forEach(r -> r.changeSets().forEach(cs -> ofLater.add(ChangeSetKey.of(cs))));
            List<HistoryTable.Applied> rows = history.appliedLatestFirst();
            count = OptionalInt.empty();
            int undone = 0;
            for (int i = 0; i < rows.size(); i++) {
                if (ofLater.contains(rows.get(i).key())) {
                    undone = i + 1;
                }
                if (count.isEmpty() && ofTarget.contains(rows.get(i).key())) {
                    count = OptionalInt.of(i);
                }
            }
            if (count.isPresent()) {
                count = OptionalInt.of(Math.max(count.getAsInt(), undone));
            }
        }
        return count.orElseThrow(() -> new UnknownRevisionException("cannot downgrade to " + revision
                + ": the database has not been upgraded to it (it is at " + current + ")."));
    }

    /**
     * How many changesets an upgrade to {@code revision} runs: those up to its end that are not applied and that
     * {@code filter} takes.
     */
    int changeSetsPendingUpTo(String revision, ChangelogFilter filter) {
        Set<ChangeSetKey> applied = history.appliedAt().keySet();
        int pending = 0;
        for (Revision r : changelog.revisions().all().subList(0, changelog.revisions().indexOf(revision) + 1)) {
            for (Revision.ChangeSetRef cs : r.changeSets()) {
                if (!applied.contains(ChangeSetKey.of(cs)) && filter.takes(cs.contexts(), cs.labels())) {
                    pending++;
                }
            }
        }
        return pending;
    }

    /**
     * Whether an upgrade to {@code revision} has nothing to do, told without parsing the changelog: every changeset up
     * to it that {@code filter} takes is applied, with the checksum the changelog's index holds for it, and none reruns
     * by itself. False whenever that cannot be told so (no index, a changeset edited, one that reruns): then Liquibase
     * decides, as always.
     */
    boolean certainlyUpToDate(String revision, ChangelogFilter filter) {
        Optional<Map<ChangeSetKey, String>> checksums = changelog.indexedChecksums();
        if (checksums.isEmpty()) {
            return false;
        }
        Map<ChangeSetKey, String> recorded = history.checksums();
        for (Revision r : changelog.revisions().all().subList(0, changelog.revisions().indexOf(revision) + 1)) {
            for (Revision.ChangeSetRef cs : r.changeSets()) {
                if (!filter.takes(cs.contexts(), cs.labels())) {
                    continue;
                }
                String now = checksums.get().get(ChangeSetKey.of(cs));
                if (now == null || !now.equals(recorded.get(ChangeSetKey.of(cs)))) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether every applied changeset the changelog has is recorded with the checksum it has now: what Liquibase's
     * validation checks before it runs anything (a changeset recorded without a checksum, or with another: no).
     */
    boolean appliedUnedited() {
        Map<ChangeSetKey, String> now = new HashMap<>();
        changelog.summaries().forEach(s -> now.put(s.key(), s.checksum()));
        for (Map.Entry<ChangeSetKey, String> recorded : history.checksums().entrySet()) {
            if (!Objects.equals(now.get(recorded.getKey()), recorded.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The changesets an upgrade to {@code revision} runs, in order: those up to its end not applied that {@code filter} takes. */
    List<ChangeSetKey> pendingKeysUpTo(String revision, ChangelogFilter filter) {
        Set<ChangeSetKey> applied = history.appliedAt().keySet();
        List<ChangeSetKey> pending = new ArrayList<>();
        for (Revision r : changelog.revisions().all().subList(0, changelog.revisions().indexOf(revision) + 1)) {
            for (Revision.ChangeSetRef cs : r.changeSets()) {
                if (!applied.contains(ChangeSetKey.of(cs)) && filter.takes(cs.contexts(), cs.labels())) {
                    pending.add(ChangeSetKey.of(cs));
                }
            }
        }
        return pending;
    }

    /** As {@link #pendingKeysUpTo}, parsed (which parses the changelog). */
    List<ChangeSet> pendingUpTo(String revision, ChangelogFilter filter) {
        return parsed(pendingKeysUpTo(revision, filter));
    }

    /** The last {@code count} applied changesets the changelog has, latest first: the ones a rollback of {@code count} undoes. */
    List<ChangeSetKey> lastAppliedKeys(int count) {
        Set<ChangeSetKey> known = new HashSet<>();
        changelog.revisions().all().forEach(r -> r.changeSets().forEach(cs -> known.add(ChangeSetKey.of(cs))));
        return history.latest(count).stream().filter(known::contains).toList();
    }

    /** As {@link #lastAppliedKeys}, parsed (which parses the changelog). */
    List<ChangeSet> lastApplied(int count) {
        return parsed(lastAppliedKeys(count));
    }

    private List<ChangeSet> parsed(List<ChangeSetKey> keys) {
        Map<ChangeSetKey, ChangeSet> byKey = new HashMap<>();
        for (ChangeSet cs : changelog.changeSets()) {
            byKey.put(ChangeSetKey.of(cs), cs);
        }
        return keys.stream().map(byKey::get).filter(Objects::nonNull).toList();
    }
}
