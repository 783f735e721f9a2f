package io.sark.migrate.engine;

import java.util.List;

/**
 * A revision of the changelog as a database has it.
 *
 * @param id         the revision id
 * @param state      applied, pending, or partial (some of its changesets applied)
 * @param appliedAt  when its last changeset was applied (database time, ISO-8601 without zone), or null
 * @param current    whether the database is at this revision
 * @param changeSets its changesets, in order
 */
public record RevisionStatus(String id, RevisionState state, String appliedAt, boolean current, List<ChangeSetStatus> changeSets) {

    public RevisionStatus {
        changeSets = List.copyOf(changeSets);
    }
}
