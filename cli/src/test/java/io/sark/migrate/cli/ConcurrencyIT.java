package io.sark.migrate.cli;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several deploy jobs running {@code upgrade head} on one database at the same moment, as separate processes: one
 * applies each changeset, the others wait for the migration lock and then find the database at head.
 */
@ExtendWith(FreshDatabase.class)
class ConcurrencyIT {

    private static final int PROCESSES = 6;
    private static final int ROUNDS = 3;

    @Test
    void severalProcessesUpgradingAtOnceApplyEachChangeSetOnce(TestDatabase db, @TempDir Path workDir) throws Exception {
        Changelog changelog = Changelog.inDirectory(Launcher.PROJECT_CHANGELOG);
        String head = changelog.revisions().head();
        int changeSets = changelog.changeSets().size();
        String[] upgrade = {"upgrade", "head", "--url", db.jdbcUrl(), "--changelog-root", Launcher.PROJECT_CHANGELOG.toString()};

        int waited = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            List<Launcher.Started> started = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                started.add(Launcher.start(workDir, upgrade));
            }
            List<Launcher.Result> results = new ArrayList<>();
            for (Launcher.Started s : started) {
                results.add(s.await());
            }

            for (Launcher.Result r : results) {
                assertThat(r.exitCode()).as("round %d: %s", round, r.err()).isZero();
                assertThat(r.out().strip()).endsWith("Database is at revision " + head);
                assertThat(r.err()).doesNotContain("Exception", "ERROR");
            }
            assertThat(results).filteredOn(r -> r.out().startsWith("Applied " + changeSets + " changeset(s): base -> " + head))
                    .as("round %d: exactly one process applied the changelog", round).hasSize(1);
            assertThat(results).filteredOn(r -> r.out().startsWith("Nothing to apply."))
                    .as("round %d: the others found it done", round).hasSize(PROCESSES - 1);
            waited += (int) results.stream().filter(r -> r.err().contains("notice: waiting for the migration lock held by 'sark-migrate pid")).count();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT id), count(DISTINCT orderexecuted) FROM databasechangelog")) {
                rs.next();
                assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).as("history rows, ids, positions")
                        .containsOnly(changeSets);
            }

            if (round < ROUNDS) {
                Launcher.Result down = Launcher.run(workDir, "downgrade", "base", "--url", db.jdbcUrl(),
                        "--changelog-root", Launcher.PROJECT_CHANGELOG.toString());
                assertThat(down.exitCode()).as(down.err()).isZero();
            }
        }
        System.out.printf("ConcurrencyIT: %d rounds of %d processes; %d of %d processes waited for the lock and found the work done%n",
                ROUNDS, PROCESSES, waited, ROUNDS * (PROCESSES - 1));
        assertThat(waited).as("processes that waited (the rest started after the first had finished)").isPositive();
    }
}
