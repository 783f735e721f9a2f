package io.sark.migrate.cli;

import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C (or SIGTERM) during a long statement: the statement is cancelled, its changeset rolls back, and the process
 * says where the database stands in one line before it ends with the signal's status.
 */
@ExtendWith(FreshDatabase.class)
class InterruptIT {

    /**
     * With {@code earlier}, a first revision is applied before; without, the upgrade starts on an empty database. With
     * {@code direct}, the changesets run without Liquibase's commands (as they do by default); without, through them.
     */
    @ParameterizedTest
    @CsvSource({"INT, 130, false, true", "TERM, 143, false, true", "INT, 130, true, true", "INT, 130, false, false"})
    void aSignalDuringALongStatementRollsItsChangeSetBackAndSaysWhere(String signal, int status, boolean earlier, boolean direct,
                                                                       TestDatabase db, @TempDir Path workDir) throws Exception {
        Path root = slowChangelog(workDir, earlier);
        if (earlier) {
            Launcher.Result first = Launcher.run(workDir, "upgrade", "000_first", "--url", db.jdbcUrl(), "--changelog-root", root.toString());
            assertThat(first.exitCode()).as(first.err()).isZero();
        }
        Launcher.Started upgrade = Launcher.start(workDir, java.util.Map.of("SARK_MIGRATE_DIRECT_RUN", direct ? "on" : "off"),
                "upgrade", "--url", db.jdbcUrl(), "--changelog-root", root.toString(), "--timings");
        assertThat(ServerSessions.awaitMatching(db, upgrade.process(), "query LIKE 'SELECT pg_sleep%' AND state = 'active'",
                java.time.Duration.ofSeconds(60))).as("the upgrade reached its long statement").isTrue();
        long start = System.nanoTime();
        new ProcessBuilder("kill", "-" + signal, String.valueOf(upgrade.process().pid())).start().waitFor();
        Launcher.Result result = upgrade.await();
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(status);
        assertThat(result.err().lines().filter(l -> l.startsWith("sark-migrate:"))).containsExactly("sark-migrate: error: upgrade to head was"
                + " interrupted at changeset 001_slow-2 (db/changelog/001_slow.yaml), which was rolled back. The database is part-way through"
                + " 001_slow (1 of 3 changesets applied; the last complete revision is " + (earlier ? "000_first" : "base") + ").");
        assertThat(result.err()).doesNotContain("Exception", "\tat ");
        assertThat(result.err().contains("run the changesets directly")).as("run without Liquibase's commands").isEqualTo(direct);
        if (!direct) {
            assertThat(result.err()).as("--timings says why").contains("Liquibase: upgrade to head (not run directly: SARK_MIGRATE_DIRECT_RUN=off)");
        }
        assertThat(stopMillis).as("it stopped the statement rather than waiting for it").isLessThan(60_000);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThat(tables(s)).containsExactlyElementsOf(earlier ? List.of("databasechangelog", "first", "quick") : List.of("databasechangelog", "quick"));
            try (ResultSet rs = s.executeQuery("SELECT string_agg(id, ',' ORDER BY orderexecuted) FROM databasechangelog")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(earlier ? "000_first-1,000_first-tag,001_slow-1" : "001_slow-1");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the statement was stopped on the server too").isZero();
            }
        }
    }

    @Test
    void aSignalDuringValidateSaysItsThrowawayDatabaseIsGone(@TempDir Path workDir) throws Exception {
        Path root = slowChangelog(workDir, false);
        Launcher.Started validate = Launcher.start(workDir, java.util.Map.of("SARK_MIGRATE_PROGRESS", "always"),
                "validate", "--changelog-root", root.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(validate.err()).contains("applying 001_slow-2") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(300); // in its pg_sleep
        new ProcessBuilder("kill", "-INT", String.valueOf(validate.process().pid())).start().waitFor();
        Launcher.Result result = validate.await();

        // It said the connection was lost and to wait "when the server is back" for the throwaway one.
        assertThat(result.exitCode()).as(result.err()).isEqualTo(130);
        assertThat(result.err().lines().filter(l -> l.startsWith("sark-migrate:"))).containsExactly("sark-migrate: error: validate was"
                + " interrupted. It ran on a throwaway database, which is removed: there is nothing to resume or undo; run validate again.");
    }

    /**
     * A changelog whose 001_slow revision sleeps two minutes in its second changeset (after 001_slow-1 creates table
     * quick); with {@code earlier}, a 000_first revision before it. Its root.
     */
    private static Path slowChangelog(Path workDir, boolean earlier) throws Exception {
        Path root = workDir.resolve("changelog");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n"
                + (earlier ? "  - include: {file: db/changelog/000_first.yaml}\n" : "") + "  - include: {file: db/changelog/001_slow.yaml}\n");
        Files.writeString(root.resolve("db/changelog/000_first.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 000_first-1
                      author: t
                      changes:
                        - sql: {sql: CREATE TABLE first (id int)}
                      rollback:
                        - sql: {sql: DROP TABLE first}
                  - changeSet:
                      id: 000_first-tag
                      author: t
                      changes:
                        - tagDatabase: {tag: 000_first}
                      rollback: []
                """);
        Files.writeString(root.resolve("db/changelog/001_slow.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 001_slow-1
                      author: t
                      changes:
                        - sql: {sql: CREATE TABLE quick (id int)}
                      rollback:
                        - sql: {sql: DROP TABLE quick}
                  - changeSet:
                      id: 001_slow-2
                      author: t
                      changes:
                        - sql: {sql: CREATE TABLE slow (id int)}
                        - sql: {sql: SELECT pg_sleep(120)}
                      rollback:
                        - sql: {sql: DROP TABLE slow}
                  - changeSet:
                      id: 001_slow-tag
                      author: t
                      changes:
                        - tagDatabase: {tag: 001_slow}
                      rollback: []
                """);

        return root;
    }

    private static List<String> tables(Statement s) throws Exception {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
