package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** LK107: ALTER DOMAIN … ADD CONSTRAINT checks every column of the domain, in every table, at once. */
final class DomainConstraintAdded extends Rule {

    DomainConstraintAdded() {
        super("LK107", "domain-constraint-added", Severity.WARNING, "ALTER DOMAIN … ADD CONSTRAINT (or SET NOT NULL) checks every"
                + " column of the domain in every table at once, blocking their writes while it scans, and fails on any row that breaks it.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.ADD_DOMAIN_CONSTRAINT && !fact.has(Fact.Flag.NOT_VALID)) {
                out.add("adds a constraint to domain " + fact.name() + ", checked at once on every column of it: add it NOT VALID,"
                        + " then VALIDATE CONSTRAINT in a migration of its own (it lets writes go on).");
            }
        });
    }
}
