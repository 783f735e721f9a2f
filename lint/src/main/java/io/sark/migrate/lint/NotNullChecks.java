package io.sark.migrate.lint;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import liquibase.changelog.ChangeSet;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns a validated {@code CHECK (column IS NOT NULL)} covers, which PostgreSQL (12+) trusts when it sets NOT NULL:
 * no scan of the table under its ACCESS EXCLUSIVE lock. The safe form of SET NOT NULL is such a check added NOT VALID,
 * validated (SHARE UPDATE EXCLUSIVE: writes go on), then SET NOT NULL.
 */
public final class NotNullChecks {

    private static final Pattern IS_NOT_NULL = Pattern.compile("\\(*\\s*(\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)\\s+is\\s+not\\s+null\\s*\\)*",
            Pattern.CASE_INSENSITIVE);

    /** Checks added NOT VALID, by "table constraint": the "table.column" each covers once validated. */
    private final Map<String, String> pending = new HashMap<>();
    private final Set<String> proven = new HashSet<>();

    /** The column {@code expression} proves not null ("(qty IS NOT NULL)": qty), if it is that and nothing else. */
    static Optional<String> column(String expression) {
        if (expression == null) {
            return Optional.empty();
        }
        Matcher m = IS_NOT_NULL.matcher(expression.strip());
        return m.matches() ? Optional.ofNullable(Fact.fold(m.group(1))) : Optional.empty();
    }

    /** Follows {@code facts}: checks added, validated and dropped. */
    void track(List<Fact> facts) {
        for (Fact fact : facts) {
            switch (fact.operation()) {
                case ADD_CHECK -> column(fact.detail()).ifPresent(column -> {
                    if (fact.has(Fact.Flag.NOT_VALID)) {
                        pending.put(fact.table() + " " + fact.name(), fact.table() + "." + column);
                    } else {
                        proven.add(fact.table() + "." + column);
                    }
                });
                case VALIDATE_CONSTRAINT -> {
                    String column = pending.remove(fact.table() + " " + fact.name());
                    if (column != null) {
                        proven.add(column);
                    }
                }
                case DROP_CONSTRAINT -> pending.remove(fact.table() + " " + fact.name());
                default -> {
                }
            }
        }
    }

    void track(ChangeSet changeSet) {
        track(ChangeFacts.of(changeSet.getChanges()));
    }

    Set<String> proven() {
        return Set.copyOf(proven);
    }

    /** Whether {@code column} of {@code table} is proven not null by {@code before} (facts of one changeset, in order), after {@code known}. */
    public static boolean proven(Set<String> known, List<Fact> before, String table, String column) {
        NotNullChecks checks = new NotNullChecks();
        checks.proven.addAll(known);
        checks.track(before);
        return checks.proven.contains(table + "." + column);
    }
}
