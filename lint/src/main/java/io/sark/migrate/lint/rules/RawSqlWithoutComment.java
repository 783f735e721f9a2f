package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.core.RawSQLChange;

import java.util.List;

/** HY103: raw SQL in a changeset that does not say what it does. */
final class RawSqlWithoutComment extends Rule {
    RawSqlWithoutComment() {
        super("HY103", "raw-sql-without-comment", Severity.WARNING, "Raw SQL without a comment leaves reviewers to guess what it is for.");
    }

    /** A SQL file has none: its runner (Flyway, a script) knows no rollback, a comment or changesets. */
    @Override
    public boolean forSqlFiles() {
        return false;
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        boolean raw = context.changes().stream().anyMatch(RawSQLChange.class::isInstance);
        String comment = context.changeSet().getComments();
        return raw && (comment == null || comment.isBlank())
                ? List.of("runs raw SQL without a comment: say what it does and why in the changeset's comment.")
                : List.of();
    }
}
