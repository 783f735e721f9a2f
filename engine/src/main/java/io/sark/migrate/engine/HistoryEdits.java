package io.sark.migrate.engine;

import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.engine.changelog.ChangeSetKey;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogException;
import io.sark.migrate.engine.changelog.Revisions;
import io.sark.migrate.engine.changelog.UnknownRevisionException;
import io.sark.migrate.engine.session.LiquibaseSession;
import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeSet;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The verbs that change the history and run nothing: {@code stamp} (the changesets up to a revision marked applied,
 * those after it unmarked), {@code adopt} (an Alembic database's schema checked, then stamped) and {@code accept-edit}
 * (an applied changeset's recorded checksum made that of its text).
 * The caller holds the migration lock.
 */
final class HistoryEdits {

    private final Changelog changelog;
    private final HistoryTable history;
    private final LiquibaseSession liquibase;
    private final Supplier<String> current;

    /** {@code current}: the revision the database is at ({@link Migrator#BASE} at base). */
    HistoryEdits(Changelog changelog, HistoryTable history, LiquibaseSession liquibase, Supplier<String> current) {
        this.changelog = changelog;
        this.history = history;
        this.liquibase = liquibase;
        this.current = current;
    }

    /** Records that the database is at {@code target} ({@code head}, {@code base} or a revision name). */
    StampResult stamp(String target) {
        Revisions revisions = changelog.revisions();
        String from = current.get();
        String to = switch (target) {
            case Revisions.HEAD -> revisions.head();
            case Revisions.BASE -> Revisions.BASE;
            default -> revisions.resolve(target).id();
        };
        int index = revisions.indexOf(to);
        Set<ChangeSetKey> before = new HashSet<>(history.appliedAt().keySet());
        if (index >= 0) {
            // Liquibase syncs to a tag or to the end; a revision without a tag is the end, less what follows it (unmarked below).
            liquibase.sync("stamp " + to, revisions.all().get(index).tagged() ? to : null);
        }
        if (history.exists()) {
            history.forget(revisions.all().subList(index + 1, revisions.all().size()).stream()
                    .flatMap(revision -> revision.changeSets().stream()).map(ChangeSetKey::of).toList());
        }
        Set<ChangeSetKey> after = history.appliedAt().keySet();
        int marked = (int) after.stream().filter(key -> !before.contains(key)).count();
        int unmarked = (int) before.stream().filter(key -> !after.contains(key)).count();
        return new StampResult(from, current.get(), marked, unmarked);
    }

    /**
     * Adopts a database that Alembic manages at {@code alembic}: checks that its schema is the changelog's at that
     * revision (against {@code reference}), then stamps it there. Changes no schema. Empty when there is nothing to adopt.
     */
    Optional<AlembicAdoption.Adopted> adopt(Optional<String> alembic, AlembicAdoption.Reference reference, Connection connection,
                                            MigrationListener listener) {
        if (alembic.isEmpty()) {
            return Optional.empty();
        }
        String revision = alembic.get();
        Revisions revisions = changelog.revisions();
        if (!revisions.ids().contains(revision)) {
            throw new ChangelogException("This database is managed by Alembic at " + revision + ", a revision " + changelog.describe()
                    + " does not have. Move it with Alembic to one the changelog has (" + String.join(", ", revisions.ids())
                    + "), then run again.");
        }
        listener.message("sark-migrate: checking that this Alembic database's schema is the changelog's at " + revision + "...");
        AlembicAdoption.verify(connection, revision, reference);
        int marked = stamp(revision).marked();
        listener.message("sark-migrate: adopted the Alembic database at " + revision + ": its schema matches the changelog there, and "
                + marked + " changesets are recorded as applied (alembic_version is left as it was).");
        return Optional.of(new AlembicAdoption.Adopted(revision, marked));
    }

    /** Makes the recorded checksum of the applied changeset {@code changeSetId} the checksum of its current text. */
    AcceptedEdit acceptEdit(String changeSetId) {
        List<ChangeSet> matching = changelog.changeSets().stream().filter(cs -> cs.getId().equals(changeSetId)).toList();
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
        ChangeSetKey key = ChangeSetKey.of(changeSet);
        String before = history.checksum(key).orElseThrow(() -> new UnknownRevisionException("changeset " + changeSetId
                + " has not been applied to this database: there is no edit to accept."));
        history.recordChecksum(key, now);
        liquibase.forgetCachedHistory();
        return new AcceptedEdit(changeSet.getId(), before, now);
    }
}
