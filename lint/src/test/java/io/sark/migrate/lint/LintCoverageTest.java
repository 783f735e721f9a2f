package io.sark.migrate.lint;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/lint/README.md's table against Squawk: every Squawk 2.66 rule has a row, mapped to rules that exist here, or
 * marked "—" with the reason there is none.
 */
class LintCoverageTest {

    /** Squawk 2.66's rules, as it reports them (squawk --reporter json, rule_name). */
    private static final List<String> SQUAWK = List.of("adding-field-with-default", "adding-foreign-key-constraint",
            "adding-not-nullable-field", "adding-required-field", "adding-serial-primary-key-field", "ban-alter-domain-with-add-constraint",
            "ban-char-field", "ban-concurrent-index-creation-in-transaction", "ban-create-domain-with-constraint", "ban-drop-column",
            "ban-drop-database", "ban-drop-not-null", "ban-drop-table", "ban-truncate-cascade", "changing-column-type",
            "constraint-missing-not-valid", "disallowed-unique-constraint", "prefer-bigint-over-int", "prefer-bigint-over-smallint",
            "prefer-identity", "prefer-robust-stmts", "prefer-text-field", "prefer-timestamp-tz", "renaming-column", "renaming-table",
            "require-concurrent-index-creation", "require-concurrent-index-deletion", "require-lock-timeout",
            "require-statement-timeout", "transaction-nesting");

    @Test
    void everySquawkRuleHasARuleHereOrAReasonWhyNot() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "lint", "README.md"));
        Map<String, String[]> rows = new TreeMap<>();
        for (String line : lines) {
            String[] cells = line.split("\\|", -1);
            if (cells.length >= 4) {
                rows.put(cells[1].strip(), new String[] {cells[2].strip(), cells[3].strip()});
            }
        }
        List<String> wrong = new ArrayList<>();
        for (String rule : SQUAWK) {
            String[] row = rows.get(rule);
            if (row == null) {
                wrong.add(rule + ": no row");
            } else if (row[0].equals("—")) {
                if (row[1].isEmpty()) {
                    wrong.add(rule + ": no rule here, and no reason");
                }
            } else {
                for (String code : row[0].split(",\\s*")) {
                    if (RuleRegistry.standard().byCode(code) == null) {
                        wrong.add(rule + ": no rule " + code);
                    }
                }
            }
        }

        assertThat(wrong).isEmpty();
    }
}
