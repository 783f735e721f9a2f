package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** LK101: CREATE/DROP INDEX without CONCURRENTLY blocks writes to the table for the whole build. */
final class IndexWithoutConcurrently extends Rule {

    IndexWithoutConcurrently() {
        super("LK101", "index-without-concurrently", Severity.ERROR, "CREATE INDEX or DROP INDEX without CONCURRENTLY on an existing table blocks its writes while it runs.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.CREATE_INDEX && context.existing(fact.table())) {
                out.add("creates index " + fact.name() + " on existing table " + fact.table() + " without CONCURRENTLY:"
                        + " write CREATE INDEX CONCURRENTLY, alone in a migration run outside a transaction (a changeset with runInTransaction: false).");
            }
            // DROP INDEX by name alone does not say its table: assume an existing one.
            if (fact.operation() == Operation.DROP_INDEX && (fact.table() == null || context.existing(fact.table()))) {
                out.add("drops index " + fact.name() + " without CONCURRENTLY: write DROP INDEX CONCURRENTLY, outside a transaction (a changeset with runInTransaction: false).");
            }
        });
    }
}
