package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.KeyColumns;
import io.sark.migrate.lint.Severity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HY107: a column the database generates (identity, serial) inside a composite primary key, as a hypertable's key
 * with its time column makes it. Hibernate cannot persist such an entity: "Identity generation isn't supported for
 * composite ids", at the first insert.
 */
final class GeneratedValueInCompositeKey extends Rule {
    GeneratedValueInCompositeKey() {
        super("HY107", "generated-value-in-composite-key", Severity.WARNING,
                "A database-generated column (identity, serial) inside a composite primary key: Hibernate cannot insert into it.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        Map<String, List<String>> keys = new HashMap<>(context.primaryKeys());
        Set<String> generated = new HashSet<>(context.generatedColumns());
        List<String> messages = new ArrayList<>();
        for (String table : KeyColumns.apply(context.changeSet(), keys, generated)) {
            List<String> key = keys.getOrDefault(table, List.of());
            if (key.size() < 2) {
                continue;
            }
            for (String column : key) {
                if (generated.contains(table + "." + column)) {
                    messages.add("the primary key of " + table + " (" + String.join(", ", key) + ") holds " + column + ", whose values the"
                            + " database generates: Hibernate cannot insert an entity whose composite id has a database-generated part"
                            + " (\"Identity generation isn't supported for composite ids\"). Map " + column + " with"
                            + " @GeneratedValue(strategy = GenerationType.SEQUENCE), which Hibernate fills before the insert, and give the"
                            + " column no identity; or keep " + column + " alone as the key where the table allows it.");
                }
            }
        }
        return messages;
    }
}
