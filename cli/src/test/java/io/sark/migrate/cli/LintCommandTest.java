package io.sark.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** sark-migrate lint: exit 0 without error-level findings, 1 with; --json, --rules, --severity. */
class LintCommandTest {

    @TempDir
    Path workDir;

    /** SARK's baseline plus a revision that drops a table and indexes an existing one without CONCURRENTLY. */
    private Path risky() throws IOException {
        Path root = workDir.resolve("risky");
        Path changelog = Files.createDirectories(root.resolve("db/changelog"));
        for (String revision : Baseline.REVISIONS) {
            Files.copy(Path.of(Baseline.root(), "db/changelog", revision + ".yaml"), changelog.resolve(revision + ".yaml"));
        }
        Files.copy(Path.of(Baseline.root(), "db/changelog/db.changelog-master.yaml"), changelog.resolve("db.changelog-master.yaml"));
        Files.writeString(changelog.resolve("005_risky.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 005_risky-1
                      author: t
                      comment: Index policies by description.
                      changes:
                        - createIndex: {tableName: policies, indexName: ix_policies_description, columns: [{column: {name: description}}]}
                      rollback:
                        - dropIndex: {tableName: policies, indexName: ix_policies_description}
                  - changeSet:
                      id: 005_risky-tag
                      author: t
                      comment: End of 005_risky.
                      changes:
                        - tagDatabase: {tag: 005_risky}
                      rollback: []
                """);
        Files.writeString(changelog.resolve("db.changelog-master.yaml"), "  - include:\n      file: db/changelog/005_risky.yaml\n",
                java.nio.file.StandardOpenOption.APPEND);
        return root;
    }

    @Test
    void theBaselinePassesWithoutFindings() {
        Cli.Run lint = new Cli(workDir).run("lint", "--changelog-root", Baseline.root());

        assertThat(lint.exitCode()).as(lint.out() + lint.err()).isZero();
        assertThat(lint.out()).contains("0 error(s), 0 warning(s).");
    }

    @Test
    void anErrorLevelFindingFailsWithItsCodeAndWhatToDo() throws IOException {
        Cli.Run lint = new Cli(workDir).run("lint", "--changelog-root", risky().toString(), "--since", "005_risky");

        assertThat(lint.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(lint.out()).contains("error   LK101 index-without-concurrently  005_risky-1: creates index ix_policies_description"
                + " on existing table policies without CONCURRENTLY", "1 error(s), 0 warning(s) from 005_risky on.");
        // compiler-style: the file and the changeset's line first
        assertThat(lint.out()).contains("db/changelog/005_risky.yaml:3: error   LK101");
    }

    @Test
    void severitiesCanBeChangedAndJsonCarriesTheFindings() throws IOException {
        Cli.Run lint = new Cli(workDir).run("lint", "--changelog-root", risky().toString(), "--severity", "LK101=warning,LK105=off", "--json");

        JsonNode result = new ObjectMapper().readTree(lint.out());
        assertThat(lint.exitCode()).isZero();
        assertThat(result.get("errors").asInt()).isZero();
        assertThat(result.get("findings").get(0).get("code").asText()).isEqualTo("LK101");
        assertThat(result.get("findings").get(0).get("severity").asText()).isEqualTo("WARNING");
    }

    @Test
    void rulesAreListedAndABadSeverityIsAUsageError() {
        Cli.Run rules = new Cli(workDir).run("lint", "--rules");
        Cli.Run bad = new Cli(workDir).run("lint", "--severity", "LK999=error", "--changelog-root", Baseline.root());

        assertThat(rules.out()).contains("DS101  drop-table", "LK101  index-without-concurrently", "error");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--severity: no rule LK999");
    }

    /** Another project's SQL migrations, with no database configured: each finding on its file and line, in the chosen format. */
    @Test
    void aFolderOfSqlMigrationsIsLintedWithNoDatabase() throws IOException {
        Path db = Files.createDirectories(workDir.resolve("db/migration"));
        Files.writeString(db.resolve("V1__tables.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
        Files.writeString(db.resolve("V2__index.sql"), "SET lock_timeout = '5s';\nCREATE INDEX orders_user_idx ON orders (user_id);\n");
        Files.writeString(db.resolve("V3__safe_index.sql"), "SET lock_timeout = '5s';\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_id_user_idx ON orders (id, user_id);\n");

        Cli.Run text = new Cli(workDir).run("lint", db.toString());
        Cli.Run github = new Cli(workDir).run("lint", db.toString(), "--format", "github");
        Cli.Run sarif = new Cli(workDir).run("lint", db.toString(), "--format", "sarif");

        assertThat(text.exitCode()).as(text.out() + text.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(text.out()).contains(db.resolve("V2__index.sql") + ":2: error   LK101 index-without-concurrently: creates index orders_user_idx",
                "1 error(s), 0 warning(s) in 3 migration(s).");
        assertThat(github.out()).startsWith("::error file=" + db.resolve("V2__index.sql").toString().replace(":", "%3A") + ",line=2,title=LK101");
        JsonNode log = new ObjectMapper().readTree(sarif.out());
        assertThat(log.at("/version").asText()).isEqualTo("2.1.0");
        assertThat(log.at("/runs/0/results/0/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
    }

    /**
     * A relative PATH is relative to the command's working directory, and each finding names its file as given: what a
     * CI step's annotations need. Before, the path was taken from the JVM's own folder, so a command given another working
     * directory (the Maven plugin's, a test's) said "No file or folder at db/migration".
     */
    @Test
    void aRelativePathIsTheWorkingDirectorysAndIsShownAsGiven() throws IOException {
        Path db = Files.createDirectories(workDir.resolve("db/migration"));
        Files.writeString(db.resolve("V1__tables.sql"), "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n");
        Files.writeString(db.resolve("V2__index.sql"), "SET lock_timeout = '5s';\nCREATE INDEX orders_user_idx ON orders (user_id);\n");

        Cli.Run github = new Cli(workDir).run("lint", "db/migration", "--format", "github");

        assertThat(github.exitCode()).as(github.out() + github.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(github.out()).startsWith("::error file=db/migration/V2__index.sql,line=2,title=LK101");
    }

    @Test
    void aMissingPathABadFormatAndOptionsForTheProjectsChangelogAreUsageErrors() throws IOException {
        Path sql = Files.writeString(workDir.resolve("V1__x.sql"), "SELECT 1;\n");
        Cli.Run missing = new Cli(workDir).run("lint", workDir.resolve("nowhere").toString());
        Cli.Run format = new Cli(workDir).run("lint", sql.toString(), "--format", "xml");
        Cli.Run since = new Cli(workDir).run("lint", sql.toString(), "--since", "001");

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("No file or folder at " + workDir.resolve("nowhere"));
        assertThat(format.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(format.err()).contains("--format xml: the format is text, json, sarif or github.");
        assertThat(since.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(since.err()).contains("--since works on the project's changelog");
    }
}
