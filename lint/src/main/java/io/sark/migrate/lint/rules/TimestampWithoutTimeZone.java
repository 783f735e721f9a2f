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

/** HY111: prefer timestamptz. */
final class TimestampWithoutTimeZone extends Rule {

    private static final Pattern TYPE = Pattern.compile("timestamp(\\s*\\(\\s*\\d\\s*\\))?(\\s+without\\s+time\\s+zone)?");

    TimestampWithoutTimeZone() {
        super("HY111", "timestamp-without-time-zone", Severity.WARNING, "A timestamp without time zone stores a wall-clock reading with no zone: the same instant reads differently from servers and sessions in other zones.");
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
                    messages.add("defines " + column.table() + "." + column.name() + " as " + type + ": use timestamptz (timestamp with time zone), which stores the instant.");
                }
            }
        }
        return messages;
    }
}
