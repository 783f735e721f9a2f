package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import io.sark.migrate.schema.Identifiers;
import liquibase.change.Change;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** HY105: a name longer than PostgreSQL keeps. */
final class IdentifierTooLong extends Rule {
    IdentifierTooLong() {
        super("HY105", "identifier-too-long", Severity.WARNING,
                "PostgreSQL keeps the first 63 bytes of a name: a longer one is not the name the database holds, and two that share"
                        + " those bytes are one name.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        Map<String, String> byTruncated = new TreeMap<>();
        List<String> messages = new ArrayList<>();
        for (Change change : context.changes()) {
            for (String name : CreatedNames.names(change)) {
                if (name == null || !Identifiers.tooLong(name)) {
                    continue;
                }
                String kept = Identifiers.truncate(name);
                String other = byTruncated.putIfAbsent(kept, name);
                if (other != null && !other.equals(name)) {
                    messages.add(name + " and " + other + " are both " + kept + " to PostgreSQL (63 bytes): one of them fails as a"
                            + " duplicate. Shorten them.");
                } else if (other == null) {
                    messages.add(name + " is longer than 63 bytes: PostgreSQL keeps " + kept + ". Write that, so the changelog says what"
                            + " the database holds; and if it comes from an entity, shorten it there too: Hibernate's validate looks for"
                            + " the whole name and does not find it.");
                }
            }
        }
        return messages;
    }
}
