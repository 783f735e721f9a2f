package io.sark.migrate.lint;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.sark.migrate.lint.LintFixtures.lint;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule against its own cases (one file per rule, {@code src/test/resources/rules/CODE.yaml}): every "flags" case
 * is reported by it, every "passes" case is not, and what it says is held to {@code CODE.snap} beside them. After
 * changing a rule's message: {@code mvn -pl lint verify -Dtest=RuleCasesTest -Dsnapshots.update=true}, and review the diff.
 */
class RuleCasesTest {

    private static final Path SNAPSHOTS = Path.of("src", "test", "resources", "rules");

    @TempDir
    static Path dir;

    @TestFactory
    List<DynamicNode> everyRuleAgainstItsCases() {
        List<DynamicNode> rules = new ArrayList<>();
        for (LintRule rule : RuleRegistry.standard().all()) {
            RuleCases cases = RuleCases.of(rule.code());
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("has cases", () -> {
                assertThat(cases.flags()).as("cases " + rule.code() + " must report (src/test/resources/rules/" + rule.code() + ".yaml)").isNotEmpty();
                assertThat(cases.passes()).as("cases " + rule.code() + " must let pass").isNotEmpty();
            }));
            for (RuleCases.Case c : cases.flags()) {
                tests.add(DynamicTest.dynamicTest("flags: " + c.name(), () -> assertThat(messages(rule, c)).as(c.changeSets()).isNotEmpty()));
            }
            for (RuleCases.Case c : cases.passes()) {
                tests.add(DynamicTest.dynamicTest("passes: " + c.name(), () -> assertThat(messages(rule, c)).as(c.changeSets()).isEmpty()));
            }
            tests.add(DynamicTest.dynamicTest("messages as snapshotted", () -> {
                StringBuilder snapshot = new StringBuilder();
                for (RuleCases.Case c : cases.flags()) {
                    snapshot.append("# ").append(c.name()).append('\n');
                    messages(rule, c).forEach(m -> snapshot.append(m).append('\n'));
                }
                Path file = SNAPSHOTS.resolve(rule.code() + ".snap");
                if (Boolean.getBoolean("snapshots.update")) {
                    Files.writeString(file, snapshot.toString());
                }
                assertThat(file).as("%s (write it with -Dsnapshots.update=true)", file).exists();
                assertThat(Files.readString(file)).as("%s (rewrite it with -Dsnapshots.update=true and review the diff)", file)
                        .isEqualTo(snapshot.toString());
            }));
            rules.add(DynamicContainer.dynamicContainer(rule.code() + " " + rule.name(), tests));
        }
        return rules;
    }

    private static int n;

    private static List<String> messages(LintRule rule, RuleCases.Case c) throws IOException {
        return lint(dir.resolve(rule.code() + "-" + (n++)), c.changeSets()).findings().stream()
                .filter(f -> f.code().equals(rule.code())).map(f -> f.changeSet() + ": " + f.message()).toList();
    }
}
