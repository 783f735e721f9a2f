package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** BC101: renaming a table breaks the application that uses the old name. */
final class RenameTable extends Rule {

    RenameTable() {
        super("BC101", "rename-table", Severity.ERROR, "Renaming a table breaks every running query that names it.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.RENAME_TABLE) {
                out.add("renames table " + fact.table() + " to " + fact.detail() + ": the running application"
                        + " still uses the old name; add the new name alongside (a view), deploy, then rename.");
            }
        });
    }
}
