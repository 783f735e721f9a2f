package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** DS103: dropping an enum type. */
final class DropEnumType extends Rule {

    DropEnumType() {
        super("DS103", "drop-enum-type", Severity.WARNING, "Dropping an enum type fails while a column uses it, and loses its labels.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.DROP_TYPE) {
                out.add("drops enum type " + fact.name() + ": make sure no column, default or function uses it.");
            }
        });
    }
}
