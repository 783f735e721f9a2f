package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** DS101: dropping a table loses every row in it. */
final class DropTable extends Rule {

    DropTable() {
        super("DS101", "drop-table", Severity.ERROR, "Dropping a table loses its rows; the rollback brings back an empty table.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.DROP_TABLE) {
                out.add("drops table " + fact.table() + " and every row in it: archive the data first, then allow DS101 with the reason.");
            }
        });
    }
}
