package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.LockLevel;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;

import java.util.List;

/** LK105: a lock that blocks writes, requested without lock_timeout, queues every query behind it. */
final class NoLockTimeout extends Rule {

    NoLockTimeout() {
        super("LK105", "no-lock-timeout", Severity.WARNING, "A statement that takes a lock blocking writes on an existing table (ACCESS EXCLUSIVE, or SHARE ROW EXCLUSIVE for a"
                        + " foreign key), without lock_timeout, queues the application's queries behind it while it waits.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        boolean timeout = false;
        for (Fact fact : context.facts()) {
            if (fact.operation() == Operation.SET_SETTING && "lock_timeout".equals(fact.name())) {
                timeout = true;
            } else if (fact.operation() == Operation.RESET_SETTING && ("lock_timeout".equals(fact.name()) || "all".equals(fact.name()))) {
                timeout = false;
            } else if (!timeout && fact.lock().compareTo(LockLevel.SHARE_ROW_EXCLUSIVE) >= 0 && context.existing(fact.table())) {
                return List.of("takes " + fact.lock().label() + " on " + fact.table() + " without lock_timeout (it " + fact.describe() + "):"
                        + " start the migration with SET lock_timeout = '5s', so it fails and can be retried instead of blocking everyone.");
            }
        }
        return List.of();
    }
}
