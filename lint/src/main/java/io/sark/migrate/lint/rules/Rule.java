package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.LintRule;
import io.sark.migrate.lint.Severity;
import liquibase.change.Change;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** What every rule has: its code, name, summary and default severity. Each rule is one small subclass, in a file of its own. */
abstract class Rule implements LintRule {

    private final String code;
    private final String name;
    private final Severity severity;
    private final String summary;

    Rule(String code, String name, Severity severity, String summary) {
        this.code = code;
        this.name = name;
        this.severity = severity;
        this.summary = summary;
    }

    @Override public String code() { return code; }
    @Override public String name() { return name; }
    @Override public String summary() { return summary; }
    @Override public Severity defaultSeverity() { return severity; }

    /** Runs {@code each} on every fact of the changeset's changes (typed and SQL alike), collecting the messages it adds. */
    static List<String> forEachFact(ChangeSetContext context, BiConsumer<Fact, List<String>> each) {
        List<String> messages = new ArrayList<>();
        for (Fact fact : context.facts()) {
            each.accept(fact, messages);
        }
        return messages;
    }

    /** Runs {@code each} on every change of the changeset, collecting the messages it adds. */
    static List<String> forEachChange(ChangeSetContext context, BiConsumer<Change, List<String>> each) {
        List<String> messages = new ArrayList<>();
        for (Change change : context.changes()) {
            each.accept(change, messages);
        }
        return messages;
    }
}
