package io.sark.migrate.cli;

import io.sark.migrate.files.Folders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/** Writing new revisions into the changelog's sources, and validating a changelog by running it. */
@ExtendWith(FreshDatabase.class)
class RevisionAndValidateTest {

    /** SARK's baseline changelog, copied for each test. */
    private static final Path SOURCES = Path.of(Baseline.root());

    @TempDir
    Path workDir;

    private Path root;
    private TestDatabase db;

    @BeforeEach
    void copyTheChangelog(TestDatabase db) throws IOException {
        this.db = db;
        root = workDir.resolve("resources");
        Folders.copy(SOURCES, root);
    }

    @Test
    void revisionWritesTheNextNumberedFileAndIncludesIt() throws IOException {
        Cli cli = new Cli(workDir);

        Cli.Run created = cli.run("revision", "-m", "Add user preferences!", "--changelog-root", root.toString());

        Path file = root.resolve("db/changelog/005_add_user_preferences.yaml");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created revision 005_add_user_preferences (follows 004_audit_events)");
        assertThat(Files.readString(file)).contains("logicalFilePath: db/changelog/005_add_user_preferences.yaml")
                .contains("id: 005_add_user_preferences-tag").contains("tagDatabase: {tag: 005_add_user_preferences}")
                .contains("rollback: []");
        assertThat(Files.readString(root.resolve("db/changelog/db.changelog-master.yaml")))
                .endsWith("  - include:\n      file: db/changelog/005_add_user_preferences.yaml\n");

        Cli.Run upgraded = cli.run("upgrade", "--changelog-root", root.toString(), "--url", db.jdbcUrl());
        assertThat(upgraded.lastLine()).isEqualTo("Database is at revision 005_add_user_preferences");

        JsonNode next = new ObjectMapper().readTree(
                cli.run("revision", "-m", "add index performance", "--json", "--changelog-root", root.toString()).out());
        assertThat(next.get("id").asText()).isEqualTo("006_add_index_performance");
        assertThat(next.get("follows").asText()).isEqualTo("005_add_user_preferences");
    }

    @Test
    void revisionFromOutsideTheCheckoutSaysWhereToRunIt() {
        Cli.Run run = new Cli(workDir).run("revision", "-m", "add thing");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("Run sark-migrate from the repository root, or pass --changelog-root");
    }

    @Test
    void validatePassesOnAThrowawayDatabaseAndComparesCatalogs() {
        Cli.Run run = new Cli(workDir).run("validate", "--test-downgrade", "--migration", "003_add_policies", "--show-history",
                "--changelog-root", root.toString(), "--url", db.jdbcUrl());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.err()).contains("Validating on a throwaway embedded PostgreSQL");
        assertThat(run.out()).contains("ok      upgrade to head", "final revision: 004_audit_events", "final tables: 9",
                "ok      downgrade to base leaves no table, type or other object",
                "ok      upgrade to head again rebuilds the same catalog",
                "ok      downgrade one step restores the catalog of 002_api_keys",
                "ok      upgrade to 003_policies again rebuilds the same catalog", "All validations passed.");
        assertThat(run.out()).containsPattern("004_audit_events\\s+applied");
    }

    @Test
    void validateFailsWhenARollbackLeavesSomethingBehind() throws IOException {
        new Cli(workDir).run("revision", "-m", "leaky", "--changelog-root", root.toString());
        Path file = root.resolve("db/changelog/005_leaky.yaml");
        String leaky = String.join("\n",
                "  - changeSet:",
                "      id: 005_leaky-1",
                "      author: sark",
                "      comment: A table whose rollback forgets it.",
                "      changes:",
                "        - createTable:",
                "            tableName: leftover",
                "            columns:",
                "              - column: {name: id, type: int}",
                "      rollback:",
                "        - sql: {sql: SELECT 1}",
                "",
                "");
        String tag = "  - changeSet:\n      id: 005_leaky-tag";
        String text = Files.readString(file).replace(tag, leaky + tag);
        Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);

        Cli.Run run = new Cli(workDir).run("validate", "--test-downgrade", "--changelog-root", root.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("FAILED  downgrade to base leaves no table, type or other object",
                "left behind: table leftover", "Validation FAILED.");
    }

    @Test
    void validateTouchesTheConfiguredDatabaseOnlyWithTarget() {
        Cli cli = new Cli(workDir);

        Cli.Run run = cli.run("validate", "--target", "--changelog-root", root.toString(), "--url", db.jdbcUrl(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"passed\" : true");
        assertThat(cli.run("current", "--url", db.jdbcUrl(), "--changelog-root", root.toString()).out().strip()).isEqualTo("004_audit_events (head)");
    }

    @Test
    void validateRefusesAnUnknownRevisionBeforeStartingAnything() {
        Cli.Run run = new Cli(workDir).run("validate", "--migration", "009_nothing", "--changelog-root", root.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown revision '009_nothing'").doesNotContain("throwaway");
    }
}
