package io.sark.migrate.cli;

import io.sark.migrate.files.Folders;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's settings given once: sark-migrate.yaml at the project root (the commands' long options without their
 * dashes, paths relative to it) and Liquibase's liquibase.properties (changeLogFile, url); the command line overrides
 * them. A key no command has is one usage line naming it, with the closest one.
 */
@ExtendWith(FreshDatabase.class)
class ProjectSettingsTest {

    @TempDir
    Path workDir;

    private Path project;

    @BeforeEach
    void theLibraryProject() throws Exception {
        project = Folders.copy(Path.of("src", "test", "resources", "existing-project").toAbsolutePath(), workDir.resolve("library"));
    }

    @Test
    void theSettingsFileGivesWhatEveryCommandWouldBeGiven(TestDatabase db) throws Exception {
        Files.writeString(project.resolve("sark-migrate.yaml"), """
                # the library project's settings, given once
                changelog: src/main/resources/db/changelog/db.changelog-master.xml
                entities-package: io.sark.migrate.cli.fixtures.library
                keep-extras: true
                contexts: production
                url: %s
                """.formatted(db.jdbcUrl()));
        Cli cli = new Cli(project);

        Cli.Run upgrade = cli.run("upgrade");
        db.execute("CREATE INDEX ix_book_title_lower ON book (lower(title))");
        Cli.Run check = cli.run("check");
        Cli.Run exact = cli.run("check", "--keep-extras=false");

        assertThat(upgrade.exitCode()).as(upgrade.out() + upgrade.err()).isZero();
        assertThat(upgrade.out()).contains("Database is at revision 002-loans");
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.err()).contains("kept what the database has beyond the entities (--keep-extras): 1 index drop(s)");
        assertThat(exact.exitCode()).as("the command line overrides the file").isEqualTo(ExitCodes.FAILED);
        assertThat(exact.out()).contains("Drop index ix_book_title_lower");
    }

    @Test
    void liquibasePropertiesAreHonoured(TestDatabase db) throws Exception {
        Files.writeString(project.resolve("liquibase.properties"), "changeLogFile=src/main/resources/db/changelog/db.changelog-master.xml\n"
                + "url=" + db.jdbcUrl() + "\nusername=ignored\n");

        Cli.Run history = new Cli(project).run("history");

        assertThat(history.exitCode()).as(history.out() + history.err()).isZero();
        assertThat(history.out()).containsSubsequence("001-init", "002-loans", "003-sample-data");
    }

    @Test
    void aKeyNoCommandHasIsOneUsageLine() throws Exception {
        Files.writeString(project.resolve("sark-migrate.yaml"), "entites-package: com.example\n");
        Files.writeString(workDir.resolve("sark-migrate.yaml"), "changelog: [a.xml, b.xml]\n");

        Cli.Run misspelt = new Cli(project).run("current");
        Cli.Run twoChangelogs = new Cli(workDir).run("current");

        assertThat(misspelt.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(misspelt.errorLines()).isOne();
        assertThat(misspelt.err()).contains("sark-migrate.yaml: no option --entites-package (did you mean entities-package?)");
        assertThat(twoChangelogs.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(twoChangelogs.err()).contains("sark-migrate.yaml: changelog takes one value, not a list.");
    }
}
