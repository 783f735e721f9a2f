package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.ArrayList;
import java.util.List;

/** LK106: BEGIN or COMMIT inside a migration that its runner already runs in a transaction. */
final class TransactionNesting extends Rule {

    TransactionNesting() {
        super("LK106", "transaction-nesting", Severity.ERROR, "BEGIN or COMMIT inside a migration its runner already runs in a"
                + " transaction (a Liquibase changeset, a Flyway migration): COMMIT ends the runner's transaction early, so a"
                + " failure after it leaves the migration half applied and unrecorded.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        List<String> messages = new ArrayList<>();
        boolean open = false;
        for (Fact fact : context.facts()) {
            if (fact.operation() != Operation.TRANSACTION_CONTROL) {
                continue;
            }
            if ("begin".equals(fact.name())) {
                if (context.inTransaction()) {
                    messages.add("runs BEGIN inside the transaction its runner opened: remove BEGIN and COMMIT, the runner commits the migration.");
                } else if (open) {
                    messages.add("runs BEGIN inside a transaction it opened itself: PostgreSQL ignores it, and the first COMMIT ends both.");
                }
                open = true;
            } else if ("commit".equals(fact.name())) {
                if (context.inTransaction() && !open) {
                    messages.add("runs COMMIT inside the transaction its runner opened: the statements after it run outside it;"
                            + " split the migration in two instead.");
                }
                open = false;
            } else {
                open = false;
            }
        }
        return messages;
    }
}
