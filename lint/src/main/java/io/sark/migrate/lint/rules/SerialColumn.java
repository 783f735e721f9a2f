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

/** HY110: prefer an identity column to a serial. */
final class SerialColumn extends Rule {

    private static final Pattern TYPE = Pattern.compile("(small|big)?serial[248]?");

    SerialColumn() {
        super("HY110", "serial-column", Severity.WARNING, "A serial column owns a sequence with its own permissions and ownership, and lets any insert write its own value; an identity column does neither.");
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
                    messages.add("defines " + column.table() + "." + column.name() + " as " + type + ": use bigint GENERATED ALWAYS AS IDENTITY.");
                }
            }
        }
        return messages;
    }
}
