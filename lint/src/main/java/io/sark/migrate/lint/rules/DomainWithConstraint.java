package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** HY108: a domain with a constraint is a constraint that is hard to change later. */
final class DomainWithConstraint extends Rule {

    DomainWithConstraint() {
        super("HY108", "domain-with-constraint", Severity.WARNING, "A domain with a CHECK or NOT NULL puts a constraint where it is"
                + " hard to change: changing it checks every column of the domain in every table at once.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.CREATE_DOMAIN && "check".equals(fact.detail())) {
                out.add("creates domain " + fact.name() + " with a constraint: put the CHECK on the tables' columns instead, where"
                        + " it can be added NOT VALID and validated one table at a time.");
            }
        });
    }
}
