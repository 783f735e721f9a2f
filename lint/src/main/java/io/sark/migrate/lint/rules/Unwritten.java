package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Placeholders;
import io.sark.migrate.lint.Severity;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;

import java.util.ArrayList;
import java.util.List;

/** HY106: a changeset that still holds a placeholder a skeleton left (revision --add-sql, --data). */
final class Unwritten extends Rule {
    Unwritten() {
        super("HY106", "unwritten", Severity.ERROR, "A skeleton's placeholder left in a changeset: the part it stands for was never written.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        List<String> messages = new ArrayList<>();
        if (holds(context.changes())) {
            messages.add("its changes still hold a placeholder ('" + Placeholders.MARK + "'): write that part.");
        }
        if (holds(context.changeSet().getRollback().getChanges())) {
            messages.add("its rollback is not written yet ('" + Placeholders.MARK + "'): write what undoes its changes, or"
                    + " make it rollback: [] and say why in its comment (sark-lint: allow HY101 because …).");
        }
        return messages;
    }

    private static boolean holds(List<Change> changes) {
        return changes.stream().anyMatch(c -> c instanceof RawSQLChange raw && Placeholders.in(raw.getSql()));
    }
}
