package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** MF101: a NOT NULL column without a default cannot be added to a table with rows. */
final class RequiredColumnWithoutDefault extends Rule {

    RequiredColumnWithoutDefault() {
        super("MF101", "required-column-without-default", Severity.ERROR,
                "Adding a NOT NULL column without a default fails on a table that has rows.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.ADD_COLUMN && fact.column() != null && context.existing(fact.table())
                    && fact.column().notNull() && fact.column().defaultValue() == null && !fact.column().generated()) {
                out.add("adds NOT NULL column " + fact.table() + "." + fact.name() + " without a default: give it a"
                        + " constant default, or add it nullable, backfill, then set NOT NULL.");
            }
        });
    }
}
