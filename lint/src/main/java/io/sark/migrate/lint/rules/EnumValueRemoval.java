package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** EN102: removing an enum value by editing the catalog. */
final class EnumValueRemoval extends Rule {

    EnumValueRemoval() {
        super("EN102", "enum-value-removal", Severity.ERROR, "PostgreSQL cannot remove an enum value; deleting from pg_enum corrupts rows that use it.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.DROP_ENUM_VALUE) {
                out.add("removes an enum value in place: create a new type without it, ALTER the columns to it"
                        + " (USING column::text::new_type after remapping the value), drop the old type, rename the new one.");
            }
        });
    }
}
