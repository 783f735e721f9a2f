package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** LK102: CONCURRENTLY cannot run inside a transaction block. */
final class ConcurrentlyInTransaction extends Rule {

    ConcurrentlyInTransaction() {
        super("LK102", "concurrently-in-transaction", Severity.ERROR, "CREATE/DROP INDEX CONCURRENTLY fails inside a transaction, and Liquibase runs a changeset in one unless told not to.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        boolean concurrently = context.facts().stream()
                .anyMatch(f -> f.operation() == Operation.CREATE_INDEX_CONCURRENTLY || f.operation() == Operation.DROP_INDEX_CONCURRENTLY);
        return concurrently && context.inTransaction()
                ? List.of("runs CONCURRENTLY inside a transaction: set runInTransaction: false on this changeset (and keep it alone in it).")
                : List.of();
    }
}
