package io.sark.migrate.lint;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rule's cases, from {@code src/test/resources/rules/CODE.yaml}: changesets it must report ("flags") and changesets
 * it must not ("passes"), typed changes and raw SQL, each run in revision {@code next} after the baseline of
 * {@link LintFixtures}. A case can put a changeset before it ({@code before}), as a compressed hypertable needs.
 */
record RuleCases(String code, List<Case> flags, List<Case> passes) {

    /** One case: its name and the changelog text of its revision. */
    record Case(String name, String changeSets) {
    }

    static RuleCases of(String code) {
        try (InputStream in = RuleCases.class.getResourceAsStream("/rules/" + code + ".yaml")) {
            if (in == null) {
                return new RuleCases(code, List.of(), List.of());
            }
            Map<String, List<Map<String, Object>>> cases = new Yaml().load(in);
            return new RuleCases(code, read(cases.get("flags")), read(cases.get("passes")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Case> read(List<Map<String, Object>> entries) {
        List<Case> cases = new ArrayList<>();
        for (Map<String, Object> entry : entries == null ? List.<Map<String, Object>>of() : entries) {
            String comment = entry.containsKey("comment") ? (String) entry.get("comment") : "Case.";
            String attributes = Boolean.FALSE.equals(entry.get("runInTransaction")) ? "      runInTransaction: false\n" : "";
            String text = "";
            if (entry.containsKey("before")) {
                text += LintFixtures.changeSet("Before.", strip(entry.get("before")), strip(entry.get("beforeRollback"))).replace("next-1", "next-0");
            }
            String changeSet = LintFixtures.changeSet(comment == null || comment.isEmpty() ? null : comment, strip(entry.get("changes")),
                    entry.containsKey("rollback") ? strip(entry.get("rollback")) : "[]", attributes);
            if (!entry.containsKey("rollback")) {
                changeSet = changeSet.replace("      rollback:\n        []\n", "");
            }
            cases.add(new Case((String) entry.get("name"), text + changeSet));
        }
        return cases;
    }

    private static String strip(Object text) {
        return ((String) text).stripTrailing();
    }
}
