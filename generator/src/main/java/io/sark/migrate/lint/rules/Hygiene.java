package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import io.sark.migrate.lint.Tables;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.TagDatabaseChange;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** HY1xx: what makes a changeset hard to review or to undo. */
final class Hygiene {

    private Hygiene() {
    }

    /** HY101: a changeset without an explicit rollback. */
    static final class NoRollback extends Rule {
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

    /** HY102: a changeset that touches several tables. */
    static final class SeveralTables extends Rule {
        SeveralTables() {
            super("HY102", "several-tables", Severity.WARNING,
                    "A changeset touching several tables holds locks on all of them at once and is harder to review and retry.");
        }

        @Override
        public List<String> check(ChangeSetContext context) {
            Set<String> tables = new LinkedHashSet<>();
            for (Change change : context.changes()) {
                tables.addAll(Tables.touchedBy(change));
            }
            return tables.size() > 1 ? List.of("touches " + String.join(", ", tables) + ": split it, one table per changeset.") : List.of();
        }
    }

    /** HY103: raw SQL in a changeset that does not say what it does. */
    static final class RawSqlWithoutComment extends Rule {
        RawSqlWithoutComment() {
            super("HY103", "raw-sql-without-comment", Severity.WARNING, "Raw SQL without a comment leaves reviewers to guess what it is for.");
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
}
