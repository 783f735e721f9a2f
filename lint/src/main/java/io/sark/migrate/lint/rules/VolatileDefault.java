package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.changes.SqlFacts;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.Collections;
import java.util.List;
import java.util.Set;

/** LK104: a volatile default on a new column rewrites the table. */
final class VolatileDefault extends Rule {

    /** Volatile functions a default is commonly written with (now() and CURRENT_TIMESTAMP are stable: no rewrite). */
    private static final Set<String> VOLATILE = Set.of("random", "clock_timestamp", "timeofday", "gen_random_uuid", "uuid_generate_v1",
            "uuid_generate_v4", "nextval");

    VolatileDefault() {
        super("LK104", "volatile-default", Severity.WARNING,
                "A new column with a volatile default (random(), clock_timestamp(), gen_random_uuid()…) rewrites the whole table.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.ADD_COLUMN && fact.column() != null && context.existing(fact.table())
                    && !Collections.disjoint(SqlFacts.functionsCalled(fact.column().defaultValue()), VOLATILE)) {
                out.add("adds " + fact.table() + "." + fact.name() + " with the volatile default " + fact.column().defaultValue() + ", which"
                        + " rewrites the table: add it without a default, set the default, then backfill in batches.");
            }
        });
    }
}
