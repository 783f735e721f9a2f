package io.sark.migrate.engine.changelog;

import java.util.Optional;

/**
 * Where a database stands: the last revision wholly applied, and, when a run stopped inside the next one (a failed
 * or interrupted upgrade or downgrade), how far through that one it is. The history decides, never the tag alone: a
 * downgrade that failed after rolling back a revision's tag leaves the rest of that revision applied.
 *
 * @param revision the last revision wholly applied ({@value Revisions#BASE} before the first)
 * @param index    its position in the changelog (-1 for base)
 * @param partial  the revision the database is part-way through, or null
 */
public record Position(String revision, int index, Partial partial) {

    /**
     * A revision some of whose changesets are applied.
     *
     * @param revision its id
     * @param index    its position in the changelog
     * @param applied  how many of its changesets are applied
     * @param total    how many it has (those another context leaves out are not counted)
     */
    public record Partial(String revision, int index, int applied, int total) {
    }

    public Optional<Partial> partway() {
        return Optional.ofNullable(partial);
    }

    /** The furthest revision the database has any changeset of: where a relative downgrade ({@code -N}) counts from. */
    public int reach() {
        return partial == null ? index : partial.index();
    }

    /**
     * For messages, after "the database is": {@code at revision 003_policies}, or {@code part-way through 004_audit_events
     * (2 of 5 changesets applied; the last complete revision is 003_policies)}.
     */
    public String describe() {
        if (partial == null) {
            return "at revision " + revision;
        }
        return "part-way through " + partial.revision() + " (" + partial.applied() + " of " + partial.total()
                + " changesets applied; the last complete revision is " + revision + ")";
    }
}
