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

/** HY112: prefer bigint for keys. */
final class IntegerKey extends Rule {

    private static final Pattern TYPE = Pattern.compile("(int|int4|integer|smallint|int2|serial|serial4|smallserial|serial2)");

    IntegerKey() {
        super("HY112", "integer-key", Severity.WARNING, "An integer or smallint key (or identity, or serial) runs out: at 2^31 rows inserted the table stops taking rows, and widening it rewrites the table and every table that references it.");
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
                if (TYPE.matcher(type).matches()
                        && (column.primaryKey() || column.definition().generated())) {
                    messages.add("defines the key " + column.table() + "." + column.name() + " as " + type + ", which runs out at " + (type.contains("small") || type.endsWith("2") ? "32767" : "2147483647") + ": use bigint.");
                }
            }
        }
        return messages;
    }
}
