package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.DefinedColumn;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.Change;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** HY114: prefer jsonb to json. */
final class JsonColumn extends Rule {

    private static final Pattern TYPE = Pattern.compile("json");

    JsonColumn() {
        super("HY114", "json-column", Severity.WARNING, "A json column has no equality operator: SELECT DISTINCT, UNION and GROUP BY over it fail, and it is parsed again on every read; jsonb has neither problem.");
    }

    /** Types chosen by hand only: the project's typed changes follow its entities' mapping, which is where to change a type. */
    @Override
    public List<String> check(ChangeSetContext context) {
        List<String> messages = new ArrayList<>();
        for (Change change : context.changes()) {
            if (!context.typesChosenByHand(change)) {
                continue;
            }
            for (DefinedColumn column : ChangeFacts.columnsDefined(change)) {
                String type = column.definition().type() == null ? "" : column.definition().type().strip().toLowerCase(Locale.ROOT);
                if (TYPE.matcher(type).matches()) {
                    messages.add("defines " + column.table() + "." + column.name() + " as json: use jsonb.");
                }
            }
        }
        return messages;
    }
}
