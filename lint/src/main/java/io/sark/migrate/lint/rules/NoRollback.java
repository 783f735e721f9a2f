package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.core.TagDatabaseChange;

import java.util.List;

/** HY101: a changeset without an explicit rollback. */
final class NoRollback extends Rule {
    NoRollback() {
        super("HY101", "no-rollback", Severity.ERROR, "A changeset without an explicit rollback cannot be downgraded reliably.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        boolean onlyTags = context.changes().stream().allMatch(TagDatabaseChange.class::isInstance);
        return !onlyTags && context.changeSet().getRollback().getChanges().isEmpty()
                ? List.of("has no rollback: write one (rollback: [] only where there is truly nothing to undo).")
                : List.of();
    }
}
