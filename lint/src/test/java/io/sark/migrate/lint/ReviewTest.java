package io.sark.migrate.lint;

import io.sark.migrate.changes.LockLevel;
import io.sark.migrate.engine.changelog.Changelog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The review a pull request shows, held to a golden file (regenerate with -Dgolden.update=true and review the diff). */
class ReviewTest {

    @Test
    void theReviewOfARevisionIsTheGoldenOne(@TempDir Path dir) throws IOException {
        String changes = LintFixtures.changeSet("Index widgets by name. Built CONCURRENTLY.", "- sql: {sql: \"SET lock_timeout = '5s'\"}\n"
                        + "- sql: {sql: CREATE INDEX CONCURRENTLY ix_w_name ON widgets (name)}", "- sql: {sql: DROP INDEX CONCURRENTLY IF EXISTS ix_w_name}",
                "      runInTransaction: false\n")
                + LintFixtures.changeSet("Add a note to widgets.", "- addColumn: {tableName: widgets, columns: [{column: {name: note, type: text}}]}",
                "- dropColumn: {tableName: widgets, columnName: note}").replace("next-1", "next-2");
        Changelog changelog = Changelog.inDirectory(LintFixtures.write(dir, changes));
        LintReport report = new Linter(RuleRegistry.standard(), Map.of()).lint(changelog, "next");

        List<Review.ChangeSetReview> reviews = Review.of(changelog, report, "next");
        String markdown = Review.markdown(reviews);

        assertThat(reviews).extracting(Review.ChangeSetReview::lock).containsExactly(LockLevel.SHARE_UPDATE_EXCLUSIVE, LockLevel.ACCESS_EXCLUSIVE);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/golden/review.md"), markdown);
        }
        try (InputStream golden = getClass().getResourceAsStream("/golden/review.md")) {
            assertThat(golden).as("golden review").isNotNull();
            assertThat(markdown).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aChangesetBoundToAContextSaysSo(@TempDir Path dir) throws IOException {
        String changes = LintFixtures.changeSet("A team for tests only.", "- sql: {sql: \"INSERT INTO widgets (id, name) VALUES (gen_random_uuid(), 'x')\"}",
                "- sql: {sql: \"DELETE FROM widgets WHERE name = 'x'\"}", "      context: faker\n      labels: fixtures\n");
        Changelog changelog = Changelog.inDirectory(LintFixtures.write(dir, changes));

        List<Review.ChangeSetReview> reviews = Review.of(changelog, new Linter(RuleRegistry.standard(), Map.of()).lint(changelog, "next"), "next");

        assertThat(reviews).extracting(Review.ChangeSetReview::boundTo).containsExactly("context faker, labels fixtures");
        assertThat(Review.markdown(reviews)).contains("Runs only where context faker, labels fixtures is given (`--contexts`, `--label-filter`),"
                + " or where none is.");
    }

    @Test
    void aHandWrittenViewAndFunctionAreNamedAsWhatNoEntityDeclares(@TempDir Path dir) throws IOException {
        String changes = LintFixtures.changeSet("Named widgets.", "- sql: {sql: \"CREATE VIEW named_widgets AS SELECT id, name FROM widgets\"}\n"
                        + "- sql: {sql: \"CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql AS 'SELECT upper(t)'\"}",
                "- sql: {sql: DROP FUNCTION shout(text)}\n- sql: {sql: DROP VIEW named_widgets}");
        Changelog changelog = Changelog.inDirectory(LintFixtures.write(dir, changes));

        List<Review.ChangeSetReview> reviews = Review.of(changelog, new Linter(RuleRegistry.standard(), Map.of()).lint(changelog, "next"), "next");

        assertThat(reviews).extracting(Review.ChangeSetReview::undeclared).containsExactly(List.of("view named_widgets", "function shout"));
        assertThat(Review.markdown(reviews)).contains("Creates what no entity declares: `view named_widgets`, `function shout`. `check` leaves"
                + " it alone, so this changeset and its rollback are what keep it right.");
    }

    @Test
    void aStatementThatEndsWithASemicolonIsShownWithOne(@TempDir Path dir) throws IOException {
        String changes = LintFixtures.changeSet("A row for tests.", "- sql: {sql: \"INSERT INTO widgets (id, name) VALUES (gen_random_uuid(), 'x');\"}",
                "- sql: {sql: \"DELETE FROM widgets WHERE name = 'x'\"}");
        Changelog changelog = Changelog.inDirectory(LintFixtures.write(dir, changes));

        String review = Review.markdown(Review.of(changelog, new Linter(RuleRegistry.standard(), Map.of()).lint(changelog, "next"), "next"));

        assertThat(review).contains("VALUES (gen_random_uuid(), 'x');\n").doesNotContain(";;")
                .contains("DELETE FROM widgets WHERE name = 'x';\n");
    }
}
