package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** TS101: create_hypertable on a table whose key leaves out the time column. */
final class HypertableKeyWithoutTime extends Rule {

    HypertableKeyWithoutTime() {
        super("TS101", "hypertable-key-without-time", Severity.ERROR, "TimescaleDB refuses a hypertable whose primary key or unique index leaves out the time column.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            // A conversion that checks the keys itself at run time (and skips with a notice) is safe as written.
            if (fact.operation() == Operation.CONVERT_TO_HYPERTABLE && !fact.has(Fact.Flag.GUARDED)) {
                List<String> key = context.primaryKeys().get(fact.table());
                if (key != null && !key.contains(fact.name())) {
                    out.add("makes " + fact.table() + " a hypertable on " + fact.name() + ", but its primary key (" + String.join(", ", key)
                            + ") leaves it out: make the key (" + String.join(", ", key) + ", " + fact.name() + ") first.");
                }
            }
        });
    }
}
