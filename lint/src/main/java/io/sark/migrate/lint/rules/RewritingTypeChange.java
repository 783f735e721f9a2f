package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** LK103: a type change that rewrites the table holds an exclusive lock for the whole rewrite. */
final class RewritingTypeChange extends Rule {

    RewritingTypeChange() {
        super("LK103", "rewriting-type-change", Severity.WARNING, "Changing a column's type usually rewrites the table under an ACCESS EXCLUSIVE lock (a longer varchar, or varchar to text, does not).");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.ALTER_COLUMN_TYPE && context.existing(fact.table())) {
                String before = TypeChanges.previousType(context, fact);
                if (before == null || TypeChanges.rewrites(before, TypeChanges.newType(fact))) {
                    out.add("changes the type of " + fact.table() + "." + fact.name() + " to " + TypeChanges.newType(fact)
                            + (before == null ? "" : " from " + before) + ", which rewrites the table under an exclusive lock: on a large"
                            + " table, add a new column, backfill it in batches, and switch.");
                }
            }
        });
    }
}
