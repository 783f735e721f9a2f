package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** DS102: dropping a column loses its values. */
final class DropColumn extends Rule {

    DropColumn() {
        super("DS102", "drop-column", Severity.ERROR, "Dropping a column loses its values, and breaks an application that still reads it.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.DROP_COLUMN) {
                out.add("drops column " + fact.table() + "." + fact.name() + ": first deploy an application that no"
                        + " longer reads it (expand/contract), then allow DS102 with the reason.");
            }
        });
    }
}
