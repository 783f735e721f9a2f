package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** MF103: a foreign key checked at once scans the table under lock and fails on orphans. */
final class ForeignKeyWithoutNotValid extends Rule {

    ForeignKeyWithoutNotValid() {
        super("MF103", "foreign-key-without-not-valid", Severity.WARNING, "A foreign key added to an existing table is checked at once: a full scan under lock, and a failure on any orphan row.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.ADD_FOREIGN_KEY && !fact.has(Fact.Flag.NOT_VALID) && context.existing(fact.table())) {
                out.add("adds foreign key " + fact.name() + " to existing table " + fact.table()
                        + ": add it NOT VALID, then VALIDATE CONSTRAINT in a migration of its own.");
            }
        });
    }
}
