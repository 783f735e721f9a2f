package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.DefinedColumn;

/** HY111: prefer timestamptz to a timestamp without time zone. */
final class TimestampWithoutTimeZone extends ChosenTypeRule {

    TimestampWithoutTimeZone() {
        super("HY111", "timestamp-without-time-zone", "A timestamp without time zone stores a wall-clock reading with no zone: the same instant"
                + " reads differently from servers and sessions in other zones.",
                "timestamp(\\s*\\(\\s*\\d\\s*\\))?(\\s+without\\s+time\\s+zone)?");
    }

    @Override
    String message(DefinedColumn column, String written) {
        return "defines " + column.table() + "." + column.name() + " as " + written + ": use timestamptz (timestamp with time zone), which"
                + " stores the instant.";
    }
}
