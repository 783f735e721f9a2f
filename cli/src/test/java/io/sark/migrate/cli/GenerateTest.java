package io.sark.migrate.cli;

import io.sark.migrate.cli.fixtures.SarkWithWidgets;
import io.sark.migrate.files.Folders;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** revision --autogenerate and check, through the command line. */
@ExtendWith(FreshDatabase.class)
class GenerateTest {

    private static final Path SOURCES = Path.of("..", "migrations", "src", "main", "resources");
    private static final String WIDGETS = SarkWithWidgets.class.getName();

    @TempDir
    Path workDir;

    private Path root;
    /** The revision the project's changelog ends with, and the id the next one gets: these tests outlive both. */
    private String head;
    private String next;

    @BeforeEach
    void copyTheChangelog() throws IOException {
        root = copy(workDir.resolve("resources"));
        var revisions = io.sark.migrate.engine.changelog.Changelog.inDirectory(root).revisions();
        head = revisions.head();
        next = io.sark.migrate.generate.RevisionFiles.nextId(revisions, "add widgets");
    }

    private static Path copy(Path target) throws IOException {
        return Folders.copy(SOURCES, target);
    }

    @Test
    void checkPassesOnTheRepositoryWithoutAnyDatabase() {
        Cli.Run check = new Cli(workDir).run("check");

        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.err()).contains("Comparing with a shadow database");
        assertThat(check.out()).contains("The entities and the changelog agree (9 tables, 7 enum types).");
    }

    @Test
    void checkFailsWithTheListOfDifferencesWhenAMigrationIsMissing() {
        Cli.Run check = new Cli(workDir).run("check", "--entities", WIDGETS);

        assertThat(check.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(check.out()).contains("The entities and the changelog differ; the changelog needs:",
                "  - Create table widgets.",
                "  - Create index ix_widgets_owner_id on widgets (owner_id).",
                "  - Add foreign key widgets_owner_id_fkey on widgets (owner_id) -> users (id), ON DELETE CASCADE.",
                "revision -m");
    }

    @Test
    void autogenerateWritesTheNextRevisionWhichAppliesAndLeavesNothingToGenerate(TestDatabase db) throws IOException {
        Cli cli = new Cli(workDir);
        String changelogRoot = root.toString();

        Cli.Run generated = cli.run("revision", "-m", "add widgets", "--autogenerate", "--author", "ada",
                "--entities", WIDGETS, "--changelog-root", changelogRoot);

        Path file = root.resolve("db/changelog/" + next + ".yaml");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
        assertThat(generated.out()).contains("Created revision " + next + " (follows " + head + ")", "3 change(s):",
                "### " + next + "-1", "Lock: none on an existing table", "```sql", "CREATE TABLE widgets (", "Lint: 0 error(s)",
                "  - Create table widgets.");
        // the review opens with the picture: the new table beside the one its key references, in a Mermaid block
        assertThat(generated.out()).contains("## Revision " + next + "\n\nCreates `widgets`; beside `users` (by foreign key).\n\n```mermaid\nerDiagram\n",
                "    widgets {\n", "    users {\n", "    widgets }o--o| users : \"owner_id\"\n");
        assertThat(Files.readString(file)).contains("id: " + next + "-1", "author: ada", "comment: Create table widgets.",
                "id: " + next + "-3", "tagDatabase: {tag: " + next + "}")
                .contains("- column: {name: clicks, type: integer, defaultValueComputed: \"0\", constraints: {nullable: false}}");
        assertThat(Files.readString(root.resolve("db/changelog/db.changelog-master.yaml"))).contains("file: db/changelog/" + next + ".yaml");

        Cli.Run upgrade = cli.run("upgrade", "--changelog-root", changelogRoot, "--url", db.jdbcUrl());
        assertThat(upgrade.lastLine()).isEqualTo("Database is at revision " + next);

        Cli.Run againOnShadow = cli.run("revision", "-m", "nothing", "--autogenerate", "--entities", WIDGETS, "--changelog-root", changelogRoot);
        Cli.Run againOnDatabase = cli.run("revision", "-m", "nothing", "--autogenerate", "--entities", WIDGETS,
                "--changelog-root", changelogRoot, "--url", db.jdbcUrl());
        Cli.Run check = cli.run("check", "--entities", WIDGETS, "--changelog-root", changelogRoot);

        assertThat(againOnShadow.out()).contains("No changes: the entities and the changelog agree. Nothing was written.");
        assertThat(againOnDatabase.out()).contains("No changes");
        assertThat(Files.list(root.resolve("db/changelog")).filter(f -> f.getFileName().toString().endsWith("_nothing.yaml"))).isEmpty();
        assertThat(check.exitCode()).isZero();

        Cli.Run downgrade = cli.run("downgrade", "-1", "--changelog-root", changelogRoot, "--url", db.jdbcUrl());
        assertThat(downgrade.lastLine()).isEqualTo("Database is at revision " + head);
    }

    @Test
    void sameInputsGiveTheSameBytes() throws IOException {
        Path other = copy(workDir.resolve("other"));
        Cli cli = new Cli(workDir);

        cli.run("revision", "-m", "add widgets", "--autogenerate", "--author", "ada", "--entities", WIDGETS, "--changelog-root", root.toString());
        cli.run("revision", "-m", "add widgets", "--autogenerate", "--author", "ada", "--entities", WIDGETS, "--changelog-root", other.toString());

        assertThat(Files.readString(other.resolve("db/changelog/" + next + ".yaml")))
                .isEqualTo(Files.readString(root.resolve("db/changelog/" + next + ".yaml")));
    }

    @Test
    void sqlPreviewsTheRevisionAndWritesNothing() {
        Cli.Run sql = new Cli(workDir).run("revision", "-m", "add widgets", "--autogenerate", "--sql", "--entities", WIDGETS,
                "--changelog-root", root.toString());

        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("CREATE TABLE public.widgets", "CREATE INDEX ix_widgets_owner_id",
                "FOREIGN KEY (owner_id) REFERENCES public.users (id) ON DELETE CASCADE").doesNotContain("CREATE TABLE public.users");
        assertThat(root.resolve("db/changelog/" + next + ".yaml")).doesNotExist();
    }

    @Test
    void aDockerShadowWithoutDockerIsOneLineAndExitCode3() {
        assumeFalse(docker(), "Docker is available here: see the next test");

        Cli.Run check = new Cli(workDir).run("check", "--shadow", "docker");

        assertThat(check.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(check.err()).contains("no Docker engine answered", "drop --shadow docker").doesNotContain("\tat ");
    }

    @Test
    void aDockerShadowWhereDockerRuns() {
        assumeTrue(docker(), "needs a Docker engine");

        Cli.Run check = new Cli(workDir).run("check", "--shadow", "docker");

        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("The entities and the changelog agree");
    }

    private static boolean docker() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void aConfiguredDatabaseBehindHeadIsRefused(TestDatabase db) {
        Cli cli = new Cli(workDir);
        cli.run("upgrade", "003_policies", "--url", db.jdbcUrl());

        Cli.Run run = cli.run("revision", "-m", "x", "--autogenerate", "--changelog-root", root.toString(), "--url", db.jdbcUrl());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("is at revision 003_policies, and the changelog's head is " + head + ": upgrade it first");
    }

    @Test
    void viewsFunctionsAndTriggersNoEntityDeclaresAreLeftAloneAndSaidOnce(TestDatabase db) throws Exception {
        Cli cli = new Cli(workDir);
        cli.run("upgrade", "--changelog-root", root.toString(), "--url", db.jdbcUrl());
        db.execute("""
                CREATE VIEW active_users AS SELECT id, email FROM users WHERE is_active;
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
                CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
                """);

        Cli.Run check = cli.run("check", "--changelog-root", root.toString(), "--url", db.jdbcUrl());

        assertThat(check.exitCode()).as(check.err() + check.out()).isZero();
        assertThat(check.err().lines().filter(l -> l.startsWith("notice: left alone: 1 view, 1 function, 1 trigger"))).hasSize(1);
    }

    @Test
    void tablesNeitherTheChangelogNorTheEntitiesNameAreLeftAlone(TestDatabase db) throws Exception {
        Cli cli = new Cli(workDir);
        cli.run("upgrade", "--changelog-root", root.toString(), "--url", db.jdbcUrl());
        db.execute("CREATE TABLE reports_by_hand (id int PRIMARY KEY, total numeric); CREATE TYPE mood AS ENUM ('calm')");
        db.execute("DROP INDEX ix_api_keys_active_user"); // a real difference, which must still be found

        Cli.Run check = cli.run("check", "--changelog-root", root.toString(), "--url", db.jdbcUrl());

        assertThat(check.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(check.out()).contains("ix_api_keys_active_user").doesNotContain("reports_by_hand", "mood");
        assertThat(check.err()).contains("notice: left alone: 1 table(s) that neither the changelog nor the entities name (reports_by_hand)");
    }
}
