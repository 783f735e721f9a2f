package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/**
 * TS103: a TimescaleDB retention policy deletes data the moment it is added. TimescaleDB schedules a new policy's job
 * at once (on 2.28.3 it started within 0.2 s of the upgrade ending and dropped every chunk older than the window), so
 * adding one is a deletion, not a setting. {@code upgrade} counts the rows first and refuses without
 * {@code --allow-data-loss}; the reviewer should know it too.
 */
final class RetentionDeletesAtOnce extends Rule {

    RetentionDeletesAtOnce() {
        super("TS103", "retention-deletes-at-once", Severity.WARNING,
                "A new TimescaleDB retention policy runs at once and deletes every row older than its window.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachFact(context, (fact, out) -> {
            if (fact.operation() == Operation.TIMESCALE_POLICY && "add_retention_policy".equals(fact.name())) {
                out.add("adds a retention policy to " + fact.table() + (fact.detail() == null ? "" : " (" + fact.detail() + ")")
                        + ": TimescaleDB runs it at once and deletes the older rows. upgrade counts them first and refuses"
                        + " without --allow-data-loss; say in the comment that the deletion is intended.");
            }
        });
    }
}
