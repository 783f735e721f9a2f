package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.DefinedColumn;

/** HY114: prefer jsonb to json. */
final class JsonColumn extends ChosenTypeRule {

    JsonColumn() {
        super("HY114", "json-column", "A json column has no equality operator: SELECT DISTINCT, UNION and GROUP BY over it fail, and it"
                + " is parsed again on every read; jsonb has neither problem.",
                "json");
    }

    @Override
    String message(DefinedColumn column, String written) {
        return "defines " + column.table() + "." + column.name() + " as json: use jsonb.";
    }
}
