package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** DS104: a type change that narrows loses data (or fails on it). */
final class NarrowingType extends Rule {

    NarrowingType() {
        super("DS104", "narrowing-type", Severity.ERROR, "Narrowing a column's type truncates or rejects the values that do not fit.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.ALTER_COLUMN_TYPE) {
                String before = TypeChanges.previousType(context, fact);
                if (before != null && TypeChanges.narrows(before, TypeChanges.newType(fact))) {
                    out.add("narrows " + fact.table() + "." + fact.name() + " from " + before + " to "
                            + TypeChanges.newType(fact) + ": values that do not fit fail the migration, or are cut; check them first.");
                }
            }
        });
    }
}
