package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;
import java.util.Set;

/** HY102: a changeset that touches several tables. */
final class SeveralTables extends Rule {

    SeveralTables() {
        super("HY102", "several-tables", Severity.WARNING, "A changeset touching several tables holds locks on all of them at once and is harder to review and retry.");
    }

    /** A SQL file has none: its runner (Flyway, a script) knows no rollback, a comment or changesets. */
    @Override
    public boolean forSqlFiles() {
        return false;
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        Set<String> tables = ChangeFacts.tables(context.facts());
        return tables.size() > 1 ? List.of("touches " + String.join(", ", tables) + ": split it, one table per changeset.") : List.of();
    }
}
