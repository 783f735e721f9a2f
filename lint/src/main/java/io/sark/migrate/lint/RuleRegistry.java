package io.sark.migrate.lint;

import io.sark.migrate.lint.rules.Rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules, by code; a duplicate code or name is refused when the registry is built. */
public final class RuleRegistry {

    private final List<LintRule> rules;
    private final Map<String, LintRule> byCode = new HashMap<>();

    public RuleRegistry(List<LintRule> rules) {
        Set<String> names = new HashSet<>();
        for (LintRule rule : rules) {
            if (byCode.put(rule.code(), rule) != null) {
                throw new IllegalStateException("two lint rules have the code " + rule.code());
            }
            if (!names.add(rule.name())) {
                throw new IllegalStateException("two lint rules have the name " + rule.name());
            }
        }
        this.rules = new ArrayList<>(rules);
    }

    /** Every rule sark-migrate has. */
    public static RuleRegistry standard() {
        return new RuleRegistry(Rules.ALL);
    }

    public List<LintRule> all() {
        return List.copyOf(rules);
    }

    public LintRule byCode(String code) {
        return byCode.get(code);
    }
}
