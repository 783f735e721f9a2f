package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.DefinedColumn;

/** HY109: char(n) pads its values with blanks. */
final class CharColumn extends ChosenTypeRule {

    CharColumn() {
        super("HY109", "char-column", "A char(n) column pads its values with blanks, which comparisons and lengths then trip"
                + " over; text or varchar(n) stores what was written.",
                "(char|character|bpchar)(\\s*\\(\\s*\\d+\\s*\\))?");
    }

    @Override
    String message(DefinedColumn column, String written) {
        return "defines " + column.table() + "." + column.name() + " as " + written + ", padded with blanks: use text (with a CHECK on its"
                + " length if one matters).";
    }
}
