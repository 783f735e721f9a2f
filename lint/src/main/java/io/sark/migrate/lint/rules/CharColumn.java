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

/** HY109: char(n) pads with blanks. */
final class CharColumn extends Rule {

    private static final Pattern TYPE = Pattern.compile("(char|character|bpchar)(\\s*\\(\\s*\\d+\\s*\\))?");

    CharColumn() {
        super("HY109", "char-column", Severity.WARNING, "A char(n) column pads its values with blanks, which comparisons and lengths then trip over; text or varchar(n) stores what was written.");
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
                    messages.add("defines " + column.table() + "." + column.name() + " as " + type + ", padded with blanks: use text (with a CHECK on its length if one matters).");
                }
            }
        }
        return messages;
    }
}
