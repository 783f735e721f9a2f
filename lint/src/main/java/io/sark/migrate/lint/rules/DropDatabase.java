package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** DS106: a migration that drops a database. */
final class DropDatabase extends Rule {

    DropDatabase() {
        super("DS106", "drop-database", Severity.ERROR, "DROP DATABASE in a migration deletes a whole database, and cannot be rolled back.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.DROP_DATABASE) {
                out.add("drops database " + fact.name() + ": a migration changes a schema; drop a database by hand, after a backup.");
            }
        });
    }
}
