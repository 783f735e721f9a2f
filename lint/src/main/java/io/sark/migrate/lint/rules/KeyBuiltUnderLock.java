package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** LK110: ADD PRIMARY KEY or ADD UNIQUE builds its index while holding ACCESS EXCLUSIVE on the table. */
final class KeyBuiltUnderLock extends Rule {

    KeyBuiltUnderLock() {
        super("LK110", "key-built-under-lock", Severity.WARNING, "ADD PRIMARY KEY or ADD UNIQUE on an existing table builds its index"
                + " while holding ACCESS EXCLUSIVE: reads and writes wait for the whole build.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            boolean key = fact.operation() == Operation.ADD_PRIMARY_KEY || fact.operation() == Operation.ADD_UNIQUE;
            if (key && !fact.has(Fact.Flag.USING_INDEX) && context.existing(fact.table())) {
                String kind = fact.operation() == Operation.ADD_PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE";
                out.add("adds " + kind + (fact.name() == null ? "" : " " + fact.name()) + " to existing table " + fact.table()
                        + ", building its index under ACCESS EXCLUSIVE: CREATE UNIQUE INDEX CONCURRENTLY first (a migration of its own),"
                        + " then ADD CONSTRAINT … " + kind + " USING INDEX.");
            }
        });
    }
}
