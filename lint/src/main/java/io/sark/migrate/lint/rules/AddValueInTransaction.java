package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** EN101: ALTER TYPE … ADD VALUE inside a transaction. */
final class AddValueInTransaction extends Rule {

    AddValueInTransaction() {
        super("EN101", "add-value-in-transaction", Severity.WARNING, "ALTER TYPE … ADD VALUE fails inside a transaction before PostgreSQL 12, and after it the value is unusable until commit.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        boolean adds = context.facts().stream().anyMatch(f -> f.operation() == Operation.ADD_ENUM_VALUE);
        return adds && context.inTransaction()
                ? List.of("adds an enum value inside a transaction: put it in a migration of its own, run outside a transaction (a changeset with runInTransaction: false).")
                : List.of();
    }
}
