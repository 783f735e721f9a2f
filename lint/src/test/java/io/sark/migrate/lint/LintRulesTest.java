package io.sark.migrate.lint;

import io.sark.migrate.engine.changelog.Changelog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.sark.migrate.lint.LintFixtures.SET_TIMEOUT;
import static io.sark.migrate.lint.LintFixtures.changeSet;
import static io.sark.migrate.lint.LintFixtures.codes;
import static io.sark.migrate.lint.LintFixtures.lint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the linter does around the rules: allowances with reasons, configurable severities, what each revision
 * establishes for the next. Each rule's own cases are in {@link RuleCasesTest}.
 */
class LintRulesTest {

    @Test
    void anAllowanceNeedsAReasonAndOneThatAllowsNothingIsReported(@TempDir Path dir) throws IOException {
        String withoutReason = changeSet("Drop. sark-lint: allow DS101", SET_TIMEOUT + "- dropTable: {tableName: widgets}", "- sql: {sql: SELECT 1}");
        String unused = changeSet("Note. sark-lint: allow DS102 because why not", SET_TIMEOUT
                + "- addColumn: {tableName: widgets, columns: [{column: {name: note, type: text}}]}", "- dropColumn: {tableName: widgets, columnName: note}");

        assertThat(codes(lint(dir.resolve("a"), withoutReason))).contains("HY900").doesNotContain("DS101");
        assertThat(codes(lint(dir.resolve("b"), unused))).contains("HY901");
    }

    @Test
    void aRuleThatSaysTheSameOfAChangesetTwiceIsReportedOnce(@TempDir Path dir) throws IOException {
        LintRule twice = new LintRule() {
            public String code() { return "XX999"; }
            public String name() { return "says-it-twice"; }
            public String summary() { return "a rule that finds one thing per statement"; }
            public Severity defaultSeverity() { return Severity.WARNING; }
            public List<String> check(ChangeSetContext context) {
                return List.of("widgets: the same thing", "widgets: the same thing", "gadgets: another thing");
            }
        };
        Path root = LintFixtures.write(dir, changeSet("Note.", SET_TIMEOUT + "- sql: {sql: SELECT 1}", "- sql: {sql: SELECT 1}"));

        LintReport report = new Linter(new RuleRegistry(List.of(twice)), Map.of()).lint(Changelog.inDirectory(root), "next");

        assertThat(report.findings()).isNotEmpty();
        report.findings().stream().collect(java.util.stream.Collectors.groupingBy(Finding::changeSet)).forEach((changeSet, found) ->
                assertThat(found).as(changeSet).extracting(Finding::message).containsExactly("widgets: the same thing", "gadgets: another thing"));
    }

    @Test
    void severitiesAreConfigurable(@TempDir Path dir) throws IOException {
        String drop = changeSet("Drop.", SET_TIMEOUT + "- dropTable: {tableName: widgets}", "- sql: {sql: SELECT 1}");
        Path root = LintFixtures.write(dir, drop);

        LintReport asWarning = new Linter(RuleRegistry.standard(), Map.of("DS101", Severity.WARNING)).lint(Changelog.inDirectory(root), "next");
        LintReport off = new Linter(RuleRegistry.standard(), Map.of("DS101", Severity.OFF)).lint(Changelog.inDirectory(root), "next");

        assertThat(asWarning.findings()).filteredOn(f -> f.code().equals("DS101")).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.WARNING);
        assertThat(codes(off)).doesNotContain("DS101");
    }

    @Test
    void aLockTimeoutResetBeforeTheStrongLockDoesNotCount(@TempDir Path root) throws IOException {
        LintReport report = lint(root, changeSet("Note.", SET_TIMEOUT + "- sql: {sql: RESET lock_timeout}\n"
                + "- addColumn: {tableName: widgets, columns: [{column: {name: note, type: text}}]}", "- dropColumn: {tableName: widgets, columnName: note}"));

        assertThat(codes(report)).contains("LK105");
    }

    @Test
    void duplicateCodesAreRefused() {
        LintRule rule = RuleRegistry.standard().all().get(0);
        assertThatThrownBy(() -> new RuleRegistry(List.of(rule, rule))).hasMessageContaining("two lint rules have the code " + rule.code());
    }
}
