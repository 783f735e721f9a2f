package io.sark.migrate.lint;

import io.sark.migrate.engine.changelog.Changelog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule's page under {@code docs/lint/}, made from the rule and its test examples, so they cannot drift: the page
 * shows the failing example with what sark-migrate says about it, and the passing one. After changing a rule or an
 * example: {@code mvn -pl lint verify -Dtest=LintDocsTest -Ddocs.update=true}, and review the diff.
 */
class LintDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "lint");

    /** The line after which docs/lint/README.md is written by hand. */
    static final String HAND_WRITTEN_BELOW = "<!-- Above: made from the rules by LintDocsTest. Below: written by hand. -->";

    @Test
    void everyRuleHasAnUpToDatePage(@TempDir Path dir) throws IOException {
        Map<String, String> pages = new LinkedHashMap<>();
        StringBuilder index = new StringBuilder("""
                # Lint rules

                `sark-migrate lint` checks changesets (generated and hand-written) for what hurts a live PostgreSQL;
                `sark-migrate lint PATH…` checks any project's migrations instead, with no database: folders and files of
                plain SQL (Flyway's `V<version>__*.sql` in version order, other names by name) and Liquibase changelogs in
                any format. An error-level finding makes it exit 1. Change a rule's severity with
                `--severity CODE=error|warning|off`; allow a rule on one changeset, with a reason, in its comment:
                `sark-lint: allow DS101 because …`, or in a SQL file, on a comment line: `-- sark-lint: allow DS101 because …`
                (an allowance without a reason, or one that allows nothing, is reported). `--format text|json|sarif|github`
                chooses the output: text names each finding's file and line, SARIF 2.1.0 is for code-scanning upload, and
                github writes GitHub Actions annotations on the pull request's lines. `--postgres-version MAJOR` (default 14)
                says which PostgreSQL the migrations run on, where what is safe differs (a constant default rewrote a table
                before 11; SET NOT NULL trusts a validated CHECK from 12).

                | code | name | severity | catches |
                | --- | --- | --- | --- |
                """);
        int n = 0;
        for (LintRule rule : RuleRegistry.standard().all()) {
            String file = rule.code() + "-" + rule.name() + ".md";
            index.append("| [").append(rule.code()).append("](").append(file).append(") | ").append(rule.name()).append(" | ")
                    .append(rule.defaultSeverity().name().toLowerCase(Locale.ROOT)).append(" | ").append(rule.summary()).append(" |\n");
            RuleCases cases = RuleCases.of(rule.code());
            String failing = cases.flags().get(0).changeSets();
            String passing = cases.passes().get(0).changeSets();
            List<String> messages = new ArrayList<>();
            for (Finding f : lint(dir.resolve("p" + (n++)), failing).findings()) {
                if (f.code().equals(rule.code())) {
                    messages.add(f.changeSet() + ": " + f.message());
                }
            }
            pages.put(file, page(rule, failing, passing, messages));
        }
        // the index is made from the rules; what follows its end marker is written by hand (the coverage of other linters' rules)
        index.append("\n").append(HAND_WRITTEN_BELOW).append("\n");
        Path readme = DOCS.resolve("README.md");
        String written = Files.exists(readme) ? Files.readString(readme) : "";
        int below = written.indexOf(HAND_WRITTEN_BELOW + "\n");
        pages.put("README.md", index + (below < 0 ? "" : written.substring(below + HAND_WRITTEN_BELOW.length() + 1)));

        if (Boolean.getBoolean("docs.update")) {
            Files.createDirectories(DOCS);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                Files.writeString(DOCS.resolve(page.getKey()), page.getValue());
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = DOCS.resolve(page.getKey());
            assertThat(file).as("docs/lint/%s (regenerate with -Ddocs.update=true)", page.getKey()).exists();
            assertThat(Files.readString(file)).as("docs/lint/%s is up to date (regenerate with -Ddocs.update=true)", page.getKey())
                    .isEqualTo(page.getValue());
        }
    }

    private static String page(LintRule rule, String failing, String passing, List<String> messages) {
        return "# " + rule.code() + " " + rule.name() + "\n\n"
                + "Severity: **" + rule.defaultSeverity().name().toLowerCase(Locale.ROOT) + "** (change it with `--severity "
                + rule.code() + "=error|warning|off`).\n\n"
                + rule.summary() + "\n\n"
                + "## Problem\n\nIn a revision after the one that created `widgets` (so `widgets` is an existing table, with rows):\n\n"
                + "```yaml\n" + failing + "```\n\n"
                + "What `sark-migrate lint` says:\n\n" + messages.stream().map(m -> "> " + m + "\n").reduce("", String::concat) + "\n"
                + "## Solution\n\n```yaml\n" + passing + "```\n\n"
                + "## When it is intended\n\nSay so on the changeset, with the reason, in its comment:\n"
                + "`sark-lint: allow " + rule.code() + " because <why this is safe here>`.\n";
    }

    private static LintReport lint(Path dir, String changeSets) throws IOException {
        LintFixtures.write(dir, changeSets);
        return new Linter(RuleRegistry.standard(), Map.of()).lint(Changelog.inDirectory(dir), "next");
    }
}
