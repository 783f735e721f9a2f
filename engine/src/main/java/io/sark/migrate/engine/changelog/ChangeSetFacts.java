package io.sark.migrate.engine.changelog;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.database.core.PostgresDatabase;

import java.util.List;

/**
 * What the guards read of a changeset: its id and file, what its changes do and what its own rollback does (as
 * {@link Fact}s), and whether Liquibase can roll it back. Made from a parsed changeset ({@link #of}); nothing else of
 * Liquibase's model reaches the guards, so that what they decide on can be kept without it.
 *
 * @param rollback        the facts of its explicit rollback (empty when Liquibase derives one)
 * @param rollsBack       whether it has a rollback, its own or one Liquibase derives
 * @param withoutRollback when it has none: the kinds of change Liquibase derives none for ({@code loadData}, ...)
 */
public record ChangeSetFacts(String id, String file, List<Fact> changes, List<Fact> rollback, boolean rollsBack,
                             List<String> withoutRollback) {

    public ChangeSetFacts {
        changes = List.copyOf(changes);
        rollback = List.copyOf(rollback);
        withoutRollback = List.copyOf(withoutRollback);
    }

    public static ChangeSetFacts of(ChangeSet changeSet) {
        PostgresDatabase postgres = new PostgresDatabase();
        boolean rollsBack = changeSet.supportsRollback(postgres);
        return new ChangeSetFacts(changeSet.getId(), changeSet.getFilePath(), ChangeFacts.of(changeSet.getChanges()),
                ChangeFacts.of(changeSet.getRollback().getChanges()), rollsBack, rollsBack ? List.of()
                : changeSet.getChanges().stream().filter(change -> !change.supportsRollback(postgres))
                        .map(Change::getSerializedObjectName).distinct().toList());
    }

    public static List<ChangeSetFacts> of(List<ChangeSet> changeSets) {
        return changeSets.stream().map(ChangeSetFacts::of).toList();
    }
}
