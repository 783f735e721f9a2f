package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** MF102: a UNIQUE constraint or index on an existing table fails on duplicates already there. */
final class UniqueOnExistingTable extends Rule {

    UniqueOnExistingTable() {
        super("MF102", "unique-on-existing-table", Severity.WARNING, "A UNIQUE constraint or unique index on an existing table fails when duplicates are already there.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.ADD_UNIQUE && context.existing(fact.table())) {
                out.add("adds UNIQUE " + fact.name() + " to existing table " + fact.table()
                        + ": check for duplicates first (SELECT … GROUP BY " + fact.detail() + " HAVING count(*) > 1).");
            }
            boolean index = fact.operation() == Operation.CREATE_INDEX || fact.operation() == Operation.CREATE_INDEX_CONCURRENTLY;
            if (index && fact.has(Fact.Flag.UNIQUE) && context.existing(fact.table())) {
                out.add("creates unique index " + fact.name() + " on existing table " + fact.table() + ": check for duplicates first.");
            }
        });
    }
}
