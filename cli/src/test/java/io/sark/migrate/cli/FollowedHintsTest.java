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

    /**
     * A failure's "run this next" ({@code accept-edit} of an edited changeset, {@code unlock} of Liquibase's lock row)
     * names the same database and changelog: before, "./sark-migrate accept-edit 001_initial-3" alone, which run as
     * printed went to the embedded database and the built-in changelog.
     */
    @Test
    void aFailuresNextCommandWorksOnTheSameDatabaseAndChangelog(TestDatabase db) throws Exception {
        ConnectionSettings settings = ConnectionSettings.resolve(db.jdbcUrl(), null, Map.of()).orElseThrow();
        Cli cli = new Cli(workDir, settings.password() == null ? Map.of() : Map.of("SARK_MIGRATE_PASSWORD", settings.password()));
        String root = Cli.sarkChangelogCopy(workDir.resolve("project")).toString();
        List<String> given = List.of("--url", settings.url(), "--changelog-root", root);
        assertThat(cli.run(concat(List.of("upgrade", "001_initial"), given.toArray(String[]::new))).exitCode()).isZero();
        db.execute("UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000' WHERE id = '001_initial-3'");

        Cli.Run refused = cli.run(concat(List.of("upgrade"), given.toArray(String[]::new)));
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        String hint = between(refused.err(), "accept it: ", ". Nothing ran");
        assertThat(hint).startsWith("./sark-migrate accept-edit 001_initial-3 --url ");
        Cli.Run accepted = cli.run(words(hint).subList(1, words(hint).size()).toArray(String[]::new));
        assertThat(accepted.exitCode()).as(accepted.out() + accepted.err()).isZero();
        assertThat(cli.run(concat(List.of("upgrade"), given.toArray(String[]::new))).exitCode()).isZero();

        db.execute("CREATE TABLE IF NOT EXISTS databasechangeloglock (id int PRIMARY KEY, locked boolean NOT NULL, lockgranted timestamp,"
                + " lockedby varchar(255)); INSERT INTO databasechangeloglock VALUES (1, true, now(), 'a killed Liquibase')"
                + " ON CONFLICT (id) DO UPDATE SET locked = true");
        Cli.Run locked = cli.run(concat(List.of("downgrade", "-1"), given.toArray(String[]::new)));
        String unlock = between(locked.err(), "release it with ", ".\n");
        assertThat(unlock).startsWith("./sark-migrate unlock --url ");
        Cli.Run released = cli.run(words(unlock).subList(1, words(unlock).size()).toArray(String[]::new));
        assertThat(released.exitCode()).as(released.out() + released.err()).isZero();
        assertThat(cli.run(concat(List.of("downgrade", "-1"), given.toArray(String[]::new))).exitCode()).isZero();
    }

    /**
     * current's way out of a revision stopped part-way, followed as printed: before, "'downgrade 006_performance_indexes'
     * undoes it", which is not a command line, and which without the options went to another database.
     */
    @Test
    void currentsWayOutOfAHalfDoneRevisionUndoesItOnTheSameDatabase(TestDatabase db) throws Exception {
        ConnectionSettings settings = ConnectionSettings.resolve(db.jdbcUrl(), null, Map.of()).orElseThrow();
        Cli cli = new Cli(workDir, settings.password() == null ? Map.of() : Map.of("SARK_MIGRATE_PASSWORD", settings.password()));
        Path root = Cli.sarkChangelogCopy(workDir.resolve("project"));
        assertThat(cli.run("revision", "-m", "half", "--changelog-root", root.toString()).exitCode()).isZero();
        Path half = root.resolve("db/changelog/007_half.yaml");
        Files.writeString(half, Files.readString(half).replace("  - changeSet:\n      id: 007_half-tag",
                "  - changeSet:\n      id: 007_half-1\n      author: t\n      comment: Works.\n      changes:\n"
                        + "        - sql: {sql: CREATE TABLE half (id int)}\n      rollback:\n        - sql: {sql: DROP TABLE half}\n"
                        + "  - changeSet:\n      id: 007_half-2\n      author: t\n      comment: Fails.\n      changes:\n"
                        + "        - sql: {sql: SELECT 1/0}\n      rollback: []\n  - changeSet:\n      id: 007_half-tag"));
        String[] given = {"--url", settings.url(), "--changelog-root", root.toString()};
        assertThat(cli.run(concat(List.of("upgrade", "--allow-lint-errors"), given)).exitCode()).isEqualTo(ExitCodes.FAILED);

        String current = cli.run(concat(List.of("current"), given)).out();
        assertThat(current).contains("part-way through 007_half (1 of 3 changesets applied: ./sark-migrate upgrade 007_half --url ");
        String undo = between(current, " finishes it, ", " undoes it");
        Cli.Run undone = cli.run(words(undo).subList(1, words(undo).size()).toArray(String[]::new));

        assertThat(undone.exitCode()).as(undone.out() + undone.err()).isZero();
        assertThat(cli.run(concat(List.of("current"), given)).out().strip()).isEqualTo("006_performance_indexes (1 pending)");
    }

    private static String between(String text, String before, String after) {
        int start = text.indexOf(before);
        assertThat(start).as(text).isNotNegative();
        String rest = text.substring(start + before.length());
        java.util.regex.Matcher end = java.util.regex.Pattern.compile(after).matcher(rest);
        assertThat(end.find()).as(text).isTrue();
        return rest.substring(0, end.start());
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
