package io.sark.migrate.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real launcher ({@code ./sark-migrate} at the top of the repository) run as a new user would, from a folder of
 * their own, with no database configured: the guide's workflow end to end, in separate processes.
 */
class LauncherIT {

    private static Launcher.Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return Launcher.run(workDir, args);
    }

    @Test
    void theGuidesWorkflowWithNothingConfigured(@TempDir Path home) throws Exception {
        // The revisions as the changelog has them today: this test follows the project's head.
        var revisions = io.sark.migrate.engine.changelog.Changelog.inDirectory(Path.of("..", "migrations", "src", "main", "resources")).revisions();
        String head = revisions.head();
        String previous = revisions.idAt(revisions.all().size() - 2);
        int headChangeSets = revisions.all().get(revisions.all().size() - 1).changeSets().size();

        Launcher.Result upgrade = run(home, "upgrade", "head");
        assertThat(upgrade.exitCode()).as(upgrade.err()).isZero();
        assertThat(upgrade.err()).contains("Using the embedded PostgreSQL in .sark-migrate/");
        assertThat(upgrade.out().strip()).endsWith("Database is at revision " + head);

        Launcher.Result current = run(home, "current");
        assertThat(current.out().strip()).isEqualTo(head + " (head)");

        Launcher.Result downgrade = run(home, "downgrade", "-1");
        assertThat(downgrade.exitCode()).as(downgrade.err()).isZero();
        assertThat(downgrade.out().strip()).endsWith("Database is at revision " + previous);

        Launcher.Result history = run(home, "history");
        assertThat(history.out()).containsPattern(previous + "\\s+applied").containsPattern(head + "\\s+pending");

        Launcher.Result sql = run(home, "upgrade", "--sql");
        assertThat(sql.exitCode()).as(sql.err()).isZero();
        assertThat(sql.out()).contains("-- Changeset db/changelog/" + head).doesNotContain("CREATE TABLE public.users");

        Launcher.Result stamp = run(home, "stamp", previous);
        assertThat(stamp.exitCode()).as(stamp.err()).isZero();
        assertThat(stamp.out()).contains("Stamped " + previous + " (was " + previous + ")");

        Launcher.Result again = run(home, "upgrade", "head");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("Applied " + headChangeSets + " changeset(s): " + previous + " -> " + head + ".");

        Launcher.Result bad = run(home, "upgrade", "097_nothing");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err().strip()).as("outside a checkout the first line says which changelog is used")
                .startsWith("Using the changelog built into sark-migrate (no sark-migrate checkout holds ")
                .contains("Using the embedded PostgreSQL in .sark-migrate/", "sark-migrate: unknown revision");
    }

    @Test
    void aMasterThatCannotBeReadIsOneLine(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("broken.xml"), "<databaseChangeLog><include file=\"x.xml\"/>");

        Launcher.Result broken = run(home, "history", "--changelog", "broken.xml");
        Launcher.Result missing = run(home, "history", "--changelog", "missing.xml");

        assertThat(broken.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(broken.err().strip().lines()).as(broken.err()).singleElement().asString()
                .startsWith("sark-migrate: error: The changelog (" + home.resolve("broken.xml") + ") cannot be read: ");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(missing.err().strip().lines()).as(missing.err()).singleElement().asString()
                .isEqualTo("sark-migrate: error: No changelog at " + home.resolve("missing.xml") + ": give the path of the master changelog file.");
    }
}
