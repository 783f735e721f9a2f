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

/**
 * A rule about a column type chosen by hand (char(n), serial, timestamp, json…): each column a change defines whose type,
 * as written, matches. The project's typed changes are left alone: they follow its entities' mapping, which is where a
 * type is changed.
 */
abstract class ChosenTypeRule extends Rule {

    private final Pattern type;

    ChosenTypeRule(String code, String name, String summary, String typePattern) {
        super(code, name, Severity.WARNING, summary);
        this.type = Pattern.compile(typePattern);
    }

    /** What to say of {@code column}, whose type {@code written} (lower case) matched; null to say nothing. */
    abstract String message(DefinedColumn column, String written);

    @Override
    public final List<String> check(ChangeSetContext context) {
        List<String> messages = new ArrayList<>();
        for (Change change : context.changes()) {
            if (!context.typesChosenByHand(change)) {
                continue;
            }
            for (DefinedColumn column : ChangeFacts.columnsDefined(change)) {
                String written = column.definition().type() == null ? "" : column.definition().type().strip().toLowerCase(Locale.ROOT);
                String message = type.matcher(written).matches() ? message(column, written) : null;
                if (message != null) {
                    messages.add(message);
                }
            }
        }
        return messages;
    }
}
