package io.sark.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command's failure paths, each run as a separate process the way a deploy script runs it: one line on stderr
 * with the documented exit code, no stack trace and no library's log, whichever library threw; under --json, a JSON
 * document on stdout too.
 */
class FailurePathsIT {

    private static TestDatabase db;
    /** At 001_initial with a row in users: a downgrade to base would lose it. */
    private static TestDatabase withData;
    private static Path home;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestPostgres.freshDatabase();
        withData = TestPostgres.freshDatabase();
        try (var migrator = io.sark.migrate.engine.Migrator.open(withData.connect(), io.sark.migrate.engine.changelog.Changelog.inDirectory(Launcher.PROJECT_CHANGELOG))) {
            migrator.upgradeTo("001_initial");
        }
        withData.execute("INSERT INTO users (id, email, full_name, hashed_password) VALUES (gen_random_uuid(), 'a@example.com', 'A', 'x')");
        home = Files.createTempDirectory("sark-failure-paths-");
        Path cycle = home.resolve("cycle/db");
        Files.createDirectories(cycle);
        Files.writeString(cycle.resolve("master.yaml"), "databaseChangeLog:\n  - include: {file: a.yaml, relativeToChangelogFile: true}\n");
        Files.writeString(cycle.resolve("a.yaml"), "databaseChangeLog:\n  - include: {file: master.yaml, relativeToChangelogFile: true}\n");
        Path latin1 = home.resolve("latin1/db");
        Files.createDirectories(latin1);
        Files.writeString(latin1.resolve("master.yaml"), "databaseChangeLog:\n  - include: {file: a.yaml, relativeToChangelogFile: true}\n");
        Files.write(latin1.resolve("a.yaml"), "databaseChangeLog:\n  - changeSet: {id: x, author: \u00e9t\u00e9, changes: [{sql: {sql: SELECT 1}}]}\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @BeforeAll
    static void aChangelogTheDatabaseRefuses() throws Exception {
        Path refused = home.resolve("refused/db");
        Files.createDirectories(refused);
        Files.writeString(refused.resolve("master.yaml"), "databaseChangeLog:\n  - include: {file: b.yaml, relativeToChangelogFile: true}\n");
        Files.writeString(refused.resolve("b.yaml"), "databaseChangeLog:\n  - changeSet: {id: b-1, author: t, changes: [{sql: {sql: "
                + "CREATE TABLE squatted (id int)}}], rollback: []}\n");
        db.execute("CREATE TABLE squatted (id int)");
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
        withData.close();
        io.sark.migrate.files.Folders.deleteRecursively(home);
    }

    static Stream<Arguments> failures() {
        String url = "--url=" + db.jdbcUrl();
        String root = "--changelog-root=" + Launcher.PROJECT_CHANGELOG;
        List<Arguments> cases = new ArrayList<>();
        cases.add(Arguments.of(ExitCodes.UNAVAILABLE, "no server there", Map.of(), List.of("upgrade", "--url", "jdbc:postgresql://127.0.0.1:1/sark", "--connect-timeout", "2")));
        cases.add(Arguments.of(ExitCodes.UNAVAILABLE, "unlock, no server there", Map.of(), List.of("unlock", "--url", "jdbc:postgresql://127.0.0.1:1/sark")));
        cases.add(Arguments.of(ExitCodes.USAGE, "not a PostgreSQL URL", Map.of(), List.of("current", "--url", "mysql://db/sark")));
        cases.add(Arguments.of(ExitCodes.USAGE, "POSTGRES_PORT out of range", Map.of("POSTGRES_PORT", "99999"), List.of("current")));
        cases.add(Arguments.of(ExitCodes.USAGE, "unknown option", Map.of(), List.of("upgrade", "--bogus")));
        cases.add(Arguments.of(ExitCodes.USAGE, "unknown option, JSON", Map.of(), List.of("upgrade", "--bogus", "--json")));
        cases.add(Arguments.of(ExitCodes.USAGE, "unknown command", Map.of(), List.of("upgarde")));
        cases.add(Arguments.of(ExitCodes.USAGE, "-1x", Map.of(), List.of("downgrade", "-1x")));
        cases.add(Arguments.of(ExitCodes.USAGE, "+N past a long", Map.of(), List.of("upgrade", "+99999999999", url, root)));
        cases.add(Arguments.of(ExitCodes.USAGE, "unknown revision, JSON", Map.of(), List.of("downgrade", "009_nope", "--json", url, root)));
        cases.add(Arguments.of(ExitCodes.USAGE, "stamp an unknown revision", Map.of(), List.of("stamp", "nope", url, root)));
        cases.add(Arguments.of(ExitCodes.USAGE, "accept-edit of no changeset", Map.of(), List.of("accept-edit", "nope", url, root)));
        cases.add(Arguments.of(ExitCodes.USAGE, "bad shadow", Map.of(), List.of("check", "--shadow", "cloud")));
        cases.add(Arguments.of(ExitCodes.USAGE, "--sql without --autogenerate", Map.of(), List.of("revision", "-m", "x", "--sql")));
        cases.add(Arguments.of(ExitCodes.FAILED, "an include cycle", Map.of(), List.of("history", "--changelog", home.resolve("cycle/db/master.yaml").toString(), url)));
        cases.add(Arguments.of(ExitCodes.FAILED, "a file that is not UTF-8", Map.of(), List.of("upgrade", "--changelog", home.resolve("latin1/db/master.yaml").toString(), url)));
        cases.add(Arguments.of(ExitCodes.FAILED, "no changelog there", Map.of(), List.of("lint", "--changelog-root", "nowhere")));
        cases.add(Arguments.of(ExitCodes.USAGE, "validate an unknown revision", Map.of(), List.of("validate", "--migration", "nope", root)));
        cases.add(Arguments.of(ExitCodes.UNAVAILABLE, "adopt, no server there", Map.of(), List.of("adopt", "--url", "jdbc:postgresql://127.0.0.1:1/sark")));
        cases.add(Arguments.of(ExitCodes.UNAVAILABLE, "history, no such database", Map.of(), List.of("history", "--url",
                db.jdbcUrl().replaceFirst("/" + db.name() + "\\?", "/no_such_database?"))));
        cases.add(Arguments.of(ExitCodes.USAGE, "completion, unknown option", Map.of(), List.of("completion", "--bogus")));
        cases.add(Arguments.of(ExitCodes.FAILED, "a downgrade that would lose data, JSON", Map.of(),
                List.of("downgrade", "base", "--json", "--url", withData.jdbcUrl(), root)));
        cases.add(Arguments.of(ExitCodes.FAILED, "a changeset the database refuses", Map.of(),
                List.of("upgrade", "--url", db.jdbcUrl(), "--changelog", home.resolve("refused/db/master.yaml").toString())));
        return cases.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("failures")
    void failsInOneLineWithItsExitCode(int code, String what, Map<String, String> env, List<String> args) throws Exception {
        Launcher.Result result = Launcher.run(home, env, args.toArray(String[]::new));

        System.out.println("FailurePathsIT: " + what + ": exit " + result.exitCode() + ": "
                + result.err().lines().filter(l -> l.startsWith("sark-migrate:")).findFirst().orElse("(none)"));
        assertThat(result.exitCode()).as(result.err()).isEqualTo(code);
        List<String> lines = result.err().lines().filter(l -> !l.startsWith("Using the ")).toList();
        assertThat(lines).as("one line: " + result.err()).hasSize(1);
        assertThat(lines.get(0)).startsWith("sark-migrate: ");
        assertThat(result.err()).as("no stack trace, no library's log").doesNotContain("\tat ", "Exception in thread", "SEVERE", "WARNING:");
        if (args.contains("--json")) {
            JsonNode error = new ObjectMapper().readTree(result.out()).get("error");
            assertThat(error.get("exitCode").asInt()).isEqualTo(code);
            assertThat(lines.get(0)).contains(error.get("message").asText());
        }
    }
}
