package io.sark.migrate.cli;

import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Liquibase contexts and labels, as stock Liquibase takes them: a changeset bound to a context runs only when that
 * context is given (or when none is), one bound to none always runs, and history says which are bound.
 */
@ExtendWith(FreshDatabase.class)
class ContextsTest {

    @TempDir
    Path workDir;

    private Cli cli;
    private String root;

    @BeforeEach
    void aRevisionWithATestDataChangeset() throws Exception {
        cli = new Cli(workDir);
        Path resources = Cli.sarkChangelogCopy(workDir);
        root = resources.toString();
        Files.writeString(resources.resolve("db/changelog/007_fixtures.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 007_fixtures-1
                      author: t
                      context: faker
                      comment: A team for tests only.
                      changes:
                        - sql: {sql: "INSERT INTO teams (id, name, created_at, updated_at) VALUES (gen_random_uuid(), 'fake', now(), now())"}
                      rollback:
                        - sql: {sql: "DELETE FROM teams WHERE name = 'fake'"}
                  - changeSet:
                      id: 007_fixtures-2
                      author: t
                      labels: slow
                      comment: A note on teams, labelled slow.
                      changes:
                        - sql: {sql: "COMMENT ON TABLE teams IS 'teams'"}
                      rollback:
                        - sql: {sql: "COMMENT ON TABLE teams IS NULL"}
                  - changeSet:
                      id: 007_fixtures-tag
                      author: t
                      comment: End of 007_fixtures.
                      changes:
                        - tagDatabase: {tag: 007_fixtures}
                      rollback: []
                """);
        Files.writeString(resources.resolve("db/changelog/db.changelog-master.yaml"), "  - include:\n      file: db/changelog/007_fixtures.yaml\n",
                StandardOpenOption.APPEND);
    }

    @Test
    void aContextBoundChangesetRunsOnlyWhenItsContextIsGiven(TestDatabase db) throws Exception {
        Cli.Run prod = cli.run("upgrade", "--contexts", "prod", "--url", db.jdbcUrl(), "--changelog-root", root);
        assertThat(prod.exitCode()).as(prod.out() + prod.err()).isZero();
        assertThat(prod.out()).contains("Database is at revision 007_fixtures");
        assertThat(fakeTeams(db)).isZero();

        Cli.Run history = cli.run("history", "--verbose", "--contexts", "prod", "--url", db.jdbcUrl(), "--changelog-root", root);
        assertThat(history.out()).contains("007_fixtures-1", "[context faker] A team for tests only.", "[labels slow] A note on teams")
                .containsPattern("007_fixtures\\s+applied");

        Cli.Run faker = cli.run("upgrade", "--contexts", "faker", "--url", db.jdbcUrl(), "--changelog-root", root);
        assertThat(faker.exitCode()).as(faker.out() + faker.err()).isZero();
        assertThat(fakeTeams(db)).isEqualTo(1);
    }

    @Test
    void lintAndItsReviewSayWhichChangesetsAreBound() {
        Cli.Run lint = cli.run("lint", "--changelog-root", root, "--since", "007_fixtures");
        Cli.Run review = cli.run("lint", "--report", "--changelog-root", root, "--since", "007_fixtures");

        assertThat(lint.out()).contains("2 changeset(s) run only where their context or labels are given: 007_fixtures-1 (context faker),"
                + " 007_fixtures-2 (labels slow).");
        assertThat(review.out()).contains("Runs only where context faker is given", "Runs only where labels slow is given");
    }

    @Test
    void withoutContextsEveryChangesetRunsAsStockLiquibaseDoes(TestDatabase db) throws Exception {
        assertThat(cli.run("upgrade", "--url", db.jdbcUrl(), "--changelog-root", root).exitCode()).isZero();

        assertThat(fakeTeams(db)).isEqualTo(1);
    }

    @Test
    void aLabelFilterLeavesOutTheChangesetsItDoesNotMatch(TestDatabase db) throws Exception {
        assertThat(cli.run("upgrade", "--label-filter", "!slow", "--contexts", "prod", "--url", db.jdbcUrl(), "--changelog-root", root)
                .exitCode()).isZero();

        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT obj_description('teams'::regclass, 'pg_class')")) {
            rs.next();
            assertThat(rs.getString(1)).isNull();
        }
    }

    private static int fakeTeams(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM teams WHERE name = 'fake'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
