package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** DS105: TRUNCATE empties a table, and with CASCADE every table that references it too. */
final class Truncate extends Rule {

    Truncate() {
        super("DS105", "truncate", Severity.ERROR, "TRUNCATE deletes every row of an existing table (with CASCADE, of every table"
                + " that references it too), under ACCESS EXCLUSIVE, and no rollback brings them back.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.TRUNCATE && context.existing(fact.table())) {
                out.add("cascade".equals(fact.detail())
                        ? "truncates " + fact.table() + " with CASCADE, which also empties every table with a foreign key to it, whichever"
                                + " they are on the day it runs: name the tables to empty, or delete the rows meant to go."
                        : "truncates " + fact.table() + ", deleting every row: archive what must be kept, then allow DS105 with the reason.");
            }
        });
    }
}
