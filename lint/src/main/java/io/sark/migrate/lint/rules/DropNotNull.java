package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** BC104: DROP NOT NULL lets NULLs in that the running application's readers do not expect. */
final class DropNotNull extends Rule {

    DropNotNull() {
        super("BC104", "drop-not-null", Severity.WARNING, "DROP NOT NULL on an existing column lets NULLs in that code reading the column"
                + " (the running application, reports, other services) was written never to see.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.DROP_NOT_NULL && context.existing(fact.table())) {
                out.add("drops NOT NULL on " + fact.table() + "." + fact.name() + ": first deploy readers that handle a NULL there, then"
                        + " allow BC104 with the reason.");
            }
        });
    }
}
