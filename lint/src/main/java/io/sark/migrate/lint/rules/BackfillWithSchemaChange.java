package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.LockLevel;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** LK109: rows written in the same transaction as a change that locks the table keep it locked for the whole backfill. */
final class BackfillWithSchemaChange extends Rule {

    BackfillWithSchemaChange() {
        super("LK109", "backfill-with-schema-change", Severity.WARNING, "Rows updated in the same transaction as a change that takes a"
                + " write-blocking lock on an existing table: the lock is held until the backfill commits.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        if (!context.inTransaction()) {
            return List.of();
        }
        Fact locking = context.facts().stream()
                .filter(f -> f.lock().compareTo(LockLevel.SHARE_ROW_EXCLUSIVE) >= 0 && context.existing(f.table()))
                .findFirst().orElse(null);
        if (locking == null) {
            return List.of();
        }
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.WRITE_ROWS && context.existing(fact.table())) {
                out.add("writes rows of " + fact.table() + " in the transaction that " + locking.describe() + " (" + locking.lock().label()
                        + "): backfill in a migration of its own, in batches that commit.");
            }
        });
    }
}
