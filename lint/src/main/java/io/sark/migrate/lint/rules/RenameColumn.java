package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** BC102: renaming a column breaks the application that uses the old name. */
final class RenameColumn extends Rule {

    RenameColumn() {
        super("BC102", "rename-column", Severity.ERROR, "Renaming a column breaks every running query that names it.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.RENAME_COLUMN) {
                out.add("renames column " + fact.table() + "." + fact.name() + " to " + fact.detail()
                        + ": deploy an application that reads both first (expand/contract), then allow BC102 with the reason.");
            }
        });
    }
}
