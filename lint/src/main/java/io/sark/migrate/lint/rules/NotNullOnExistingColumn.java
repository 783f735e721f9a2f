package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.NotNullChecks;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.ArrayList;
import java.util.List;

/** BC103: a NOT NULL on an existing column rejects the running application's NULL writes, and scans the table. */
final class NotNullOnExistingColumn extends Rule {

    NotNullOnExistingColumn() {
        super("BC103", "not-null-on-existing-column", Severity.WARNING, "SET NOT NULL on an existing column fails on NULLs already there, scans the table under an exclusive lock,"
                        + " and rejects the running application's NULL writes.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        List<Fact> before = new ArrayList<>();
        return forEachFact(context, (fact, out) -> {
            // the safe form: a validated CHECK (column IS NOT NULL) before it, so PostgreSQL does not scan; in the same
            // changeset only outside a transaction (inside one, the check's ACCESS EXCLUSIVE lock is held through the validation);
            // PostgreSQL trusts the check from 12 on
            boolean proven = context.postgresMajor() >= 12 && NotNullChecks.proven(context.provenNotNull(), context.inTransaction() ? List.of() : before, fact.table(), fact.name());
            before.add(fact);
            if (fact.operation() == Operation.SET_NOT_NULL && context.existing(fact.table()) && !proven) {
                out.add("makes " + fact.table() + "." + fact.name() + " NOT NULL: backfill it first, and add a"
                        + " CHECK (" + fact.name() + " IS NOT NULL) NOT VALID, VALIDATE it, then SET NOT NULL (no scan).");
            }
        });
    }
}
