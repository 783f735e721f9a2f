package io.sark.migrate.engine;

import java.util.Locale;

/** Where a revision stands in a database: all of its changesets applied, none, or some (a run stopped inside it). */
public enum RevisionState {
    APPLIED,
    PENDING,
    PARTIAL;

    static RevisionState of(int applied, int total) {
        return applied == total ? APPLIED : applied == 0 ? PENDING : PARTIAL;
    }

    /** As the history and JSON print it: {@code applied}, {@code pending}, {@code partial}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
