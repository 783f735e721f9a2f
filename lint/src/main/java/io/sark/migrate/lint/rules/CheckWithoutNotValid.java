package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** MF104: a check constraint checked at once scans the table under lock and fails on rows that break it. */
final class CheckWithoutNotValid extends Rule {

    CheckWithoutNotValid() {
        super("MF104", "check-without-not-valid", Severity.WARNING, "A check constraint added to an existing table is checked at once: a full scan under lock, and a failure on any row that breaks it.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.ADD_CHECK && !fact.has(Fact.Flag.NOT_VALID) && context.existing(fact.table())) {
                out.add("adds check " + fact.name() + " to existing table " + fact.table() + ": add it NOT VALID, then VALIDATE CONSTRAINT"
                        + " in a migration of its own.");
            }
        });
    }
}
