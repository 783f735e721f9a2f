package io.sark.migrate.cli;

import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.JdbcUrl;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "run this next" lines, followed as printed: each repeats the options that decided the result, so that running
 * it does what it says (issue 37).
 */
@ExtendWith(FreshDatabase.class)
class FollowedHintsTest {

    private static final String ENTITIES = "io.sark.migrate.cli.fixtures.schemas";

    @TempDir
    Path workDir;

    @Test
    void checksNextStepWritesTheMissingRevisionForTheSameEntitiesAndChangelog(TestDatabase db) throws Exception {
        // The password from the environment, as docs/production.md advises: the URL holds none to repeat.
        ConnectionSettings settings = ConnectionSettings.resolve(db.jdbcUrl(), null, Map.of()).orElseThrow();
        Cli cli = new Cli(workDir, settings.password() == null ? Map.of() : Map.of("SARK_MIGRATE_PASSWORD", settings.password()));
        String url = settings.url();
        Path root = workDir.resolve("my project");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n");
        String[] given = {"--url", url, "--entities-package", ENTITIES, "--changelog-root", root.toString()};

        Cli.Run check = cli.run(concat(List.of("check"), given));
        assertThat(check.exitCode()).as(check.out() + check.err()).isEqualTo(ExitCodes.FAILED);
        String hint = check.out().lines().filter(l -> l.startsWith("Generate the missing revision with: ")).findFirst().orElseThrow()
                .substring("Generate the missing revision with: ".length()).split(" \\(or, ")[0]; // the command, without the aside
        // Before, the line was "./sark-migrate revision -m "<what changed>" --autogenerate": run as printed, it compared
        // SARK's own entities with SARK's built-in changelog and said "No changes".
        assertThat(hint).startsWith("./sark-migrate revision ");

        List<String> words = words(hint.substring("./sark-migrate ".length()).replace("<what changed>", "billing"));
        Cli.Run revision = cli.run(words.toArray(String[]::new));
        assertThat(revision.exitCode()).as(revision.out() + revision.err()).isZero();
        assertThat(revision.out()).contains("Create table billing.invoices.");
        assertThat(root.resolve("db/changelog/001_billing.yaml")).exists();

        assertThat(cli.run(concat(List.of("upgrade"), new String[] {"--url", url, "--changelog-root", root.toString()})).exitCode()).isZero();
        Cli.Run again = cli.run(concat(List.of("check"), given));
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
    }

    @Test
    void aUrlsPasswordIsNotRepeatedAndTheLineSaysHowToGiveIt(TestDatabase db) throws Exception {
        Path root = workDir.resolve("project");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n");
        String withPassword = "jdbc:postgresql://" + JdbcUrl.address(db.jdbcUrl()).orElseThrow().written()
                + "?user=postgres&password=" + ConnectionSettings.resolve(db.jdbcUrl(), null, Map.of()).orElseThrow().password();

        Cli.Run check = new Cli(workDir).run("check", "--url", withPassword, "--entities-package", ENTITIES, "--changelog-root", root.toString());

        String hint = check.out().lines().filter(l -> l.startsWith("Generate the missing revision with: ")).findFirst().orElseThrow();
        assertThat(hint).doesNotContain("password=").contains("--url", "the URL's password left out");
    }

    private static String[] concat(List<String> first, String[] rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    /** A command line split as a POSIX shell splits it: words, with '...' and "..." quoting. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
