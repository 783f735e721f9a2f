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
import java.util.stream.Stream;
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

    /**
     * A rename that breaks the running application (lint BC102) applied in 38 ms, and every write of the old version
     * failed after it (issue 30): upgrade now refuses a changeset lint rates an error, before anything runs, unless the
     * changeset allows it with the reason, or --allow-lint-errors says so for the run.
     */
    @Test
    void upgradeRefusesAPendingLintErrorBeforeAnythingRunsUnlessItIsAllowed() throws Exception {
        Cli cli = new Cli(workDir);
        String[] at = {"--changelog-root", root.toString(), "--url", db.jdbcUrl()};
        assertThat(cli.run(concat(new String[] {"upgrade"}, at)).exitCode()).isZero();
        cli.run("revision", "-m", "rename name", "--changelog-root", root.toString());
        String tagged = Files.readString(root.resolve("db/changelog/005_rename_name.yaml"));
        beforeTheTag("005_rename_name", renaming("Rename users.full_name."));

        Cli.Run refused = cli.run(concat(new String[] {"upgrade"}, at));
        Cli.Run current = cli.run(concat(new String[] {"current"}, at));

        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.errorLines()).isOne();
        assertThat(refused.err()).contains("upgrade refused, nothing ran: lint rates 1 pending change(s) an error: 005_rename_name-1 BC102",
                "sark-lint: allow CODE because", "--allow-lint-errors");
        assertThat(current.out()).contains("004_audit_events");

        Files.writeString(root.resolve("db/changelog/005_rename_name.yaml"), tagged);
        beforeTheTag("005_rename_name", renaming("\"Rename users.full_name. sark-lint: allow BC102 because no application runs yet\""));
        Cli.Run allowed = cli.run(concat(new String[] {"upgrade"}, at));
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(allowed.lastLine()).isEqualTo("Database is at revision 005_rename_name");
    }

    /** A database with nothing applied has nothing running on it: its first upgrade is not refused (ExistingProjectTest's changelogs). */
    @Test
    void theLintGateLetsAFreshDatabaseThroughAndGivesWayToAllowLintErrors() throws Exception {
        Cli cli = new Cli(workDir);
        String[] at = {"--changelog-root", root.toString(), "--url", db.jdbcUrl()};
        cli.run("revision", "-m", "rename name", "--changelog-root", root.toString());
        beforeTheTag("005_rename_name", renaming("Rename it."));
        Cli.Run fresh = cli.run(concat(new String[] {"upgrade"}, at));
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(cli.run(concat(new String[] {"downgrade", "004_audit_events"}, at)).exitCode()).isZero();
        assertThat(cli.run(concat(new String[] {"upgrade"}, at)).exitCode()).as("applied revisions: refused").isEqualTo(ExitCodes.FAILED);


        Cli.Run allowed = cli.run(concat(new String[] {"upgrade", "--allow-lint-errors"}, at));

        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        assertThat(allowed.lastLine()).isEqualTo("Database is at revision 005_rename_name");
    }

    /**
     * What a pending changeset costs the running application is said before it runs, from the table's size in the
     * catalog: a rewrite, a scan and an index build under the lock are named with their estimate (in upgrade's notices
     * and at the top of --sql); the forms that hold no such lock are not; --max-lock-seconds refuses, before anything
     * runs, one expected to hold it longer.
     */
    @Test
    void upgradeSaysWhatEachChangesetLocksAndForHowLongAndRefusesPastTheLimit() throws Exception {
        Cli cli = new Cli(workDir);
        String[] at = {"--changelog-root", root.toString(), "--url", db.jdbcUrl()};
        assertThat(cli.run(concat(new String[] {"upgrade"}, at)).exitCode()).isZero();
        db.execute("INSERT INTO users (id, email, full_name, hashed_password) SELECT gen_random_uuid(), 'u' || g || '@example.com', 'U', 'h'"
                + " FROM generate_series(1, 20000) g; ANALYZE users");
        cli.run("revision", "-m", "costs", "--changelog-root", root.toString());
        String changeSets = Stream.of(
                        "ALTER TABLE users ALTER COLUMN role TYPE varchar(100)", // longer: no rewrite
                        "ALTER TABLE users ALTER COLUMN hashed_password TYPE bytea USING convert_to(hashed_password, 'UTF8')", // rewrites
                        "CREATE INDEX CONCURRENTLY ix_users_name ON users (full_name)", // no lock writers wait for
                        "CREATE INDEX ix_users_role ON users (role)") // built under SHARE
                .map(sql -> (sql.startsWith("CREATE INDEX CONCURRENTLY") ? "      runInTransaction: false\n" : "")
                        + "      changes:\n        - sql: {sql: \"" + sql + "\"}\n")
                .reduce("", (all, one) -> all + "\n  - changeSet:\n      id: 005_costs-" + (all.split("changeSet:").length) + "\n      author: t\n"
                        + "      comment: \"Costs. sark-lint: allow MF102 because this is a test; sark-lint: allow LK101 because this is a test;"
                        + " sark-lint: allow LK105 because this is a test\"\n" + one + "      rollback: []\n");
        beforeTheTag("005_costs", changeSets);

        Cli.Run preview = cli.run(concat(new String[] {"upgrade", "--sql"}, at));
        Cli.Run refused = cli.run(concat(new String[] {"upgrade", "--max-lock-seconds", "0", "--allow-lint-errors"}, at));
        Cli.Run applied = cli.run(concat(new String[] {"upgrade", "--allow-lint-errors"}, at));

        assertThat(preview.exitCode()).as(preview.err()).isZero();
        assertThat(preview.out()).contains("-- sark-migrate: 005_costs-2 rewrites users (about 20,000 rows, ", "holding ACCESS EXCLUSIVE: reads and writes wait ",
                "-- sark-migrate: 005_costs-4 builds an index on users (about 20,000 rows, ", "holding SHARE: writes wait ")
                .doesNotContain("005_costs-1 ", "005_costs-3 ");
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.errorLines()).isOne();
        assertThat(refused.err()).contains("upgrade refused, nothing ran: 005_costs-2 rewrites users holding ACCESS EXCLUSIVE for about 1 s;",
                "005_costs-4 builds an index on users holding SHARE for about 1 s, more than --max-lock-seconds 0");
        assertThat(applied.exitCode()).as(applied.err()).isZero();
        assertThat(applied.err()).contains("005_costs-2 rewrites users");
        assertThat(applied.lastLine()).isEqualTo("Database is at revision 005_costs");
    }

    /** A changeset renaming users.full_name in one statement (BC102), with {@code comment}. */
    private static String renaming(String comment) {
        return "\n  - changeSet:\n      id: 005_rename_name-1\n      author: t\n      comment: " + comment + "\n      changes:\n"
                + "        - sql: {sql: \"SET LOCAL lock_timeout = '5s'\"}\n"
                + "        - sql: {sql: ALTER TABLE users RENAME COLUMN full_name TO name}\n"
                + "      rollback:\n        - sql: {sql: ALTER TABLE users RENAME COLUMN name TO full_name}\n";
    }

    /** Puts {@code changeSets} (YAML) into revision {@code revision}'s file, before its tag. */
    private void beforeTheTag(String revision, String changeSets) throws IOException {
        Path file = root.resolve("db/changelog/" + revision + ".yaml");
        String tag = "\n  - changeSet:\n      id: " + revision + "-tag";
        Files.writeString(file, Files.readString(file).replaceFirst(tag, changeSets + tag));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
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
        leakyRevision("A table whose rollback forgets it.",
                "        - createTable:",
                "            tableName: leftover",
                "            columns:",
                "              - column: {name: id, type: int}");

        Cli.Run run = new Cli(workDir).run("validate", "--test-downgrade", "--changelog-root", root.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("FAILED  downgrade to base leaves no table, type or other object",
                "left behind: table leftover", "Validation FAILED.");
    }

    /** A rollback that leaves a table in another schema (and the schema) behind fails validate too: every schema is compared. */
    @Test
    void validateComparesEverySchemaNotOnlyPublic() throws IOException {
        leakyRevision("A table in another schema whose rollback forgets it.",
                "        - sql: {sql: CREATE SCHEMA billing}",
                "        - createTable:",
                "            schemaName: billing",
                "            tableName: leftover",
                "            columns:",
                "              - column: {name: id, type: int}");

        Cli.Run run = new Cli(workDir).run("validate", "--test-downgrade", "--changelog-root", root.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("billing.leftover", "Validation FAILED.");
    }

    /** A new revision 005_leaky with one changeset of {@code changes} whose rollback does nothing, before its tag. */
    private void leakyRevision(String comment, String... changes) throws IOException {
        new Cli(workDir).run("revision", "-m", "leaky", "--changelog-root", root.toString());
        Path file = root.resolve("db/changelog/005_leaky.yaml");
        String leaky = String.join("\n", "  - changeSet:", "      id: 005_leaky-1", "      author: sark", "      comment: " + comment,
                "      changes:", String.join("\n", changes), "      rollback:", "        - sql: {sql: SELECT 1}", "", "");
        String tag = "  - changeSet:\n      id: 005_leaky-tag";
        Files.writeString(file, Files.readString(file).replace(tag, leaky + tag), StandardOpenOption.TRUNCATE_EXISTING);
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

    /** Writes {@code text} into the work folder as {@code name}, for options that take a file. */
    private Path file(String name, String text) throws IOException {
        Path file = workDir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Cli.Run ok(Cli cli, String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--changelog-root", root.toString()))
                .toArray(String[]::new);
        Cli.Run run = cli.run(all);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    /**
     * The guide's data migration written by hand with the CLI alone (--add-sql, --data), expand then contract, each
     * revision tried by validate --migration on seeded rows; and a rollback that forgets the data fails it.
     */
    @Test
    void handWrittenDataMigrationsAreTriedOnSeededRows() throws IOException {
        Cli cli = new Cli(workDir);
        ok(cli, "revision", "-m", "people");
        ok(cli, "revision", "-m", "Create people.", "--add-sql",
                file("people.sql", "CREATE TABLE people (id int PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL);").toString(),
                "--rollback-sql", file("drop-people.sql", "DROP TABLE people;").toString());

        ok(cli, "revision", "-m", "full name");
        ok(cli, "revision", "-m", "Add full_name.", "--add-sql", file("add.sql", "ALTER TABLE people ADD COLUMN full_name text").toString(),
                "--rollback-sql", file("drop.sql", "ALTER TABLE people DROP COLUMN full_name").toString());
        Cli.Run data = ok(cli, "revision", "-m", "Fill full_name", "--data", "people", "--set", "full_name = first_name || ' ' || last_name",
                "--where", "full_name IS NULL", "--batch-size", "2", "--nothing-to-undo", "rolling back 006_full_name-1 drops the column");
        ok(cli, "revision", "-m", "Require full_name.", "--add-sql", file("require.sql", "ALTER TABLE people ALTER COLUMN full_name SET NOT NULL").toString(),
                "--rollback-sql", file("allow.sql", "ALTER TABLE people ALTER COLUMN full_name DROP NOT NULL").toString());

        ok(cli, "revision", "-m", "drop split names");
        ok(cli, "revision", "-m", "Drop first_name and last_name. sark-lint: allow DS102 because 006_full_name copied them into full_name,"
                        + " and the rollback splits it back", "--add-sql",
                file("contract.sql", "SET LOCAL lock_timeout = '5s';\nALTER TABLE people DROP COLUMN first_name, DROP COLUMN last_name;").toString(),
                "--rollback-sql",
                file("restore.sql", """
                        ALTER TABLE people ADD COLUMN first_name text, ADD COLUMN last_name text;
                        UPDATE people SET first_name = split_part(full_name, ' ', 1), last_name = split_part(full_name, ' ', 2);
                        ALTER TABLE people ALTER COLUMN first_name SET NOT NULL, ALTER COLUMN last_name SET NOT NULL;
                        """).toString());

        assertThat(data.out()).contains("Added 006_full_name-2 to revision 006_full_name", "runs outside a transaction", "Findings: none.");
        Cli.Run expand = ok(cli, "validate", "--migration", "006_full_name", "--seed",
                file("seed5.sql", "INSERT INTO people (id, first_name, last_name) VALUES (1, 'Ada', 'Lovelace'), (2, 'Grace', 'Hopper'),"
                        + " (3, 'Alan', 'Turing')").toString());
        assertThat(expand.out()).contains("ok      seed the tables of 005_people", "3 row(s) in 1 table(s) compared",
                "ok      downgrade one step gives back the rows of 005_people", "ok      upgrade to 006_full_name again gives the same rows");
        Path seed6 = file("seed6.sql", "INSERT INTO people (id, first_name, last_name, full_name)"
                + " VALUES (1, 'Ada', 'Lovelace', 'Ada Lovelace'), (2, 'Grace', 'Hopper', 'Grace Hopper')");
        ok(cli, "validate", "--migration", "007_drop_split_names", "--seed", seed6.toString());

        // A contract whose rollback puts the columns back but not their values.
        Path file = root.resolve("db/changelog/007_drop_split_names.yaml");
        Files.writeString(file, Files.readString(file).replace(
                "UPDATE people SET first_name = split_part(full_name, ' ', 1), last_name = split_part(full_name, ' ', 2)",
                "UPDATE people SET first_name = '?', last_name = '?'"));
        Cli.Run lossy = cli.run("validate", "--migration", "007_drop_split_names", "--seed", seed6.toString(), "--changelog-root", root.toString());
        assertThat(lossy.exitCode()).as(lossy.out() + lossy.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(lossy.out()).contains("FAILED  downgrade one step gives back the rows of 006_full_name",
                "people: the same 2 row(s) in number, not in values");
    }

    @Test
    void aDataChangeNamingColumnsTheTableLacksFailsValidateWithNoRows() {
        // The batches' UPDATE ran only when there were rows, so an empty database never checked it: validate passed.
        Cli cli = new Cli(workDir);
        ok(cli, "revision", "-m", "fill");
        ok(cli, "revision", "-m", "Fill full_name.", "--data", "users", "--set", "full_name = first_name || ' ' || last_name",
                "--where", "full_name IS NULL", "--nothing-to-undo", "the column stays");

        Cli.Run validate = cli.run("validate", "--changelog-root", root.toString());

        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(validate.out() + validate.err()).contains("first_name", "does not exist");
    }

    @Test
    void dataNamesATableTheChangelogCreates() {
        Cli cli = new Cli(workDir);
        ok(cli, "revision", "-m", "fill");

        Cli.Run run = cli.run("revision", "-m", "Fill.", "--data", "usres", "--set", "role = 'x'", "--changelog-root", root.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err().strip()).startsWith("sark-migrate: --data usres: the changelog creates no such table (it has ")
                .contains("users").doesNotContain("\n");
    }

    @Test
    void aSeedNeedsTheRevisionItIsFor() throws IOException {
        Cli.Run run = new Cli(workDir).run("validate", "--seed", file("seed.sql", "SELECT 1").toString(), "--changelog-root", root.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--seed puts rows in the tables before the revision --migration names");
    }

    @Test
    void aSeedNeverTouchesTheConfiguredDatabase() throws IOException {
        Cli.Run run = new Cli(workDir).run("validate", "--migration", "003_add_policies", "--seed", file("seed.sql", "SELECT 1").toString(),
                "--target", "--url", db.jdbcUrl(), "--changelog-root", root.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--seed runs on the throwaway database only");
        assertThat(new Cli(workDir).run("current", "--url", db.jdbcUrl(), "--changelog-root", root.toString()).out()).contains("base");
    }
}
