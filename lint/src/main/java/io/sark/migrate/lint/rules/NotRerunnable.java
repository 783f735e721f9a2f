package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Operation;
import io.sark.migrate.changes.SqlStatements;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HY113: a migration outside a transaction stops half done when a statement fails; run again, a statement that already
 * ran fails too, unless it is written IF [NOT] EXISTS.
 */
final class NotRerunnable extends Rule {

    private static final Set<String> CREATED = Set.of("table", "index", "sequence", "schema", "extension", "view");

    NotRerunnable() {
        super("HY113", "not-rerunnable", Severity.WARNING, "A migration that runs outside a transaction stops half done when a"
                + " statement fails; a CREATE, DROP or ADD COLUMN without IF [NOT] EXISTS then fails the retry too.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        List<String> messages = new ArrayList<>();
        List<List<String>> statements = new ArrayList<>();
        for (Change change : context.changes()) {
            if (change instanceof RawSQLChange raw) {
                // settings and queries change nothing a retry meets again
                SqlStatements.of(raw.getSql()).stream()
                        .filter(t -> !Set.of("set", "reset", "select", "show").contains(t.get(0).toLowerCase(Locale.ROOT)))
                        .forEach(statements::add);
            }
        }
        // a migration that opens its own transaction (BEGIN … COMMIT) has TransactionNesting's and ConcurrentlyInTransaction's concerns
        boolean opensTransaction = context.facts().stream().anyMatch(f -> f.operation() == Operation.TRANSACTION_CONTROL);
        if (context.inTransaction() || opensTransaction || statements.size() < 2) {
            return messages;
        }
        // DROP … IF EXISTS x, then CREATE x: the retry drops what the failed run left (an invalid index, say) and builds it again
        Set<String> droppedFirst = new HashSet<>();
        for (List<String> tokens : statements) {
            List<String> words = tokens.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
            int exists = words.indexOf("exists");
            if (words.get(0).equals("drop") && exists > 0 && words.get(exists - 1).equals("if") && exists + 1 < words.size()) {
                droppedFirst.add(words.get(exists + 1));
            }
            if (words.stream().limit(8).anyMatch(droppedFirst::contains)) {
                continue;
            }
            String head = String.join(" ", words.subList(0, Math.min(words.size(), 4)));
            boolean guarded = String.join(" ", words).contains(" if not exists ") || String.join(" ", words).contains(" if exists ");
            boolean creates = words.size() > 1 && words.get(0).equals("create") && words.stream().limit(4).anyMatch(CREATED::contains);
            boolean drops = words.size() > 1 && words.get(0).equals("drop") && !words.get(1).equals("database");
            boolean addsColumn = words.size() > 3 && head.startsWith("alter table") && String.join(" ", words).contains(" add column ");
            if ((creates || drops || addsColumn) && !guarded) {
                messages.add("runs '" + String.join(" ", tokens.subList(0, Math.min(tokens.size(), 6))) + "…' outside a transaction"
                        + " without IF " + (drops ? "EXISTS" : "NOT EXISTS") + ": if a later statement fails, the retry fails here.");
            }
        }
        return messages;
    }
}
