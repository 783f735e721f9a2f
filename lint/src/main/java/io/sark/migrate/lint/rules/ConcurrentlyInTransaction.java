package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
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
        boolean open = false;
        for (Fact fact : context.facts()) {
            if (fact.operation() == Operation.TRANSACTION_CONTROL) {
                open = "begin".equals(fact.name());
            } else if (fact.operation() == Operation.CREATE_INDEX_CONCURRENTLY || fact.operation() == Operation.DROP_INDEX_CONCURRENTLY) {
                if (context.inTransaction()) {
                    return List.of("runs CONCURRENTLY inside a transaction: run it alone, outside one (a changeset with runInTransaction: false).");
                }
                if (open) {
                    return List.of("runs CONCURRENTLY after BEGIN, inside the transaction it opened: remove BEGIN and COMMIT around it.");
                }
            }
        }
        return List.of();
    }
}
