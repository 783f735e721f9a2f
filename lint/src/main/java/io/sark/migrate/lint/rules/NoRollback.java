package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import io.sark.migrate.changes.SqlStatements;
import liquibase.change.Change;
import liquibase.change.core.EmptyChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.TagDatabaseChange;

import java.util.List;

/** HY101: a changeset without an explicit rollback. */
final class NoRollback extends Rule {
    NoRollback() {
        super("HY101", "no-rollback", Severity.ERROR, "A changeset without an explicit rollback cannot be downgraded reliably.");
    }

    /** A SQL file has none: its runner (Flyway, a script) knows no rollback, a comment or changesets. */
    @Override
    public boolean forSqlFiles() {
        return false;
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        boolean onlyTags = context.changes().stream().allMatch(TagDatabaseChange.class::isInstance);
        List<Change> rollback = context.changeSet().getRollback().getChanges();
        if (onlyTags) {
            return List.of();
        }
        if (rollback.isEmpty()) {
            return List.of("has no rollback: write one; where there is truly nothing to undo, write rollback: [] and say why in"
                    + " its comment (sark-lint: allow HY101 because …).");
        }
        if (rollback.stream().allMatch(EmptyChange.class::isInstance)) {
            return List.of("its rollback is empty (rollback: []) and nothing says why: write one, or say in its comment why there"
                    + " is nothing to undo (sark-lint: allow HY101 because …).");
        }
        boolean runsNothing = rollback.stream().allMatch(c -> c instanceof RawSQLChange raw && SqlStatements.isEmpty(raw.getSql()));
        return runsNothing
                ? List.of("its rollback runs nothing (only comments): write what undoes its changes, or make it rollback: [] and"
                        + " say why in its comment (sark-lint: allow HY101 because …).")
                : List.of();
    }
}
