package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.SqlStatements;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LK108: a stored generated column added to an existing table computes it for every row, rewriting the table. */
final class StoredGeneratedColumn extends Rule {

    private static final Pattern ADDED = Pattern.compile("alter table (?:if exists )?(?:only )?(\\S+) .*\\badd (?:column )?(?:if not exists )?(\\S+) .*"
            + "\\bgenerated always as \\(.*\\) stored\\b.*");

    StoredGeneratedColumn() {
        super("LK108", "stored-generated-column", Severity.WARNING, "A stored generated column added to an existing table is computed"
                + " for every row at once: the table is rewritten under ACCESS EXCLUSIVE.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        List<String> messages = new ArrayList<>();
        for (Change change : context.changes()) {
            if (!(change instanceof RawSQLChange raw)) {
                continue;
            }
            for (List<String> tokens : SqlStatements.of(raw.getSql())) {
                Matcher m = ADDED.matcher(String.join(" ", tokens).toLowerCase(Locale.ROOT));
                if (m.matches() && context.existing(m.group(1).replace("\"", ""))) {
                    messages.add("adds the stored generated column " + m.group(1) + "." + m.group(2) + ", which rewrites the table: add a"
                            + " plain column, fill it in batches and keep it current with a trigger.");
                }
            }
        }
        return messages;
    }
}
