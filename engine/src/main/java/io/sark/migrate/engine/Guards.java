package io.sark.migrate.engine;

import liquibase.changelog.ChangeSet;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What a command refuses before anything runs: a history from another changelog, an Alembic database not adopted, data loss. */
final class Guards {

    private Guards() {
    }

    /**
     * Refuses a database whose history holds changesets the changelog does not have: it was migrated with a newer or
     * another changelog, and neither moving it forward nor back with this one can be right.
     */
    static void refuseUnknownHistory(Changelog changelog, List<ChangeSetKey> unknownApplied, Optional<String> revision) {
        List<String> unknown = unknownApplied.stream().map(ChangeSetKey::id).toList();
        Set<String> files = new TreeSet<>(unknownApplied.stream().map(ChangeSetKey::file).toList());
        if (!unknown.isEmpty()) {
            List<String> shown = unknown.size() <= 5 ? unknown : unknown.subList(0, 5);
            throw new ChangelogException("The database's history holds " + unknown.size() + " changeset(s) that " + changelog.describe()
                    + " does not have (" + String.join(", ", shown) + (unknown.size() > shown.size() ? ", ..." : "") + " from "
                    + String.join(", ", files) + "): it was migrated with a newer or another changelog. Use that changelog;"
                    + " nothing ran" + revision.map(at -> ", and the database is " + at).orElse("") + ".");
        }
    }

    /** Refuses to preview or roll back on an Alembic database before it is adopted: the history would be wrong. */
    static void refuseUnadopted(Optional<String> alembicRevision) {
        if (alembicRevision.isPresent()) {
            throw new ChangelogException("This database is managed by Alembic at " + alembicRevision.get() + " and is not adopted yet: run"
                    + " 'sark-migrate adopt' (it checks the schema and records the revision, changing no schema), then run this again.");
        }
    }

    /** Refuses a downgrade to {@code to} whose rollbacks ({@code rolledBack}, latest first) would drop rows or values. */
    static void refuseDataLoss(String to, List<ChangeSet> rolledBack, Connection connection) {
        List<DataLoss.Loss> losses = DataLoss.of(rolledBack, connection);
        if (!losses.isEmpty()) {
            throw new DataLossException("downgrade to " + to + " would destroy data: " + String.join("; ",
                    losses.stream().map(DataLoss.Loss::describe).toList()) + ". Nothing ran. Keep a copy of what you need"
                    + " (pg_dump), then run again with --allow-data-loss; or downgrade to a later revision.");
        }
    }
}
