package io.sark.migrate.scenarios;

import io.sark.migrate.engine.guard.DataLossException;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.generate.HandWrittenChanges;
import io.sark.migrate.generate.HandWrittenChanges.DataChange;
import io.sark.migrate.generate.HandWrittenChanges.Rollback;
import io.sark.migrate.lint.LintReport;
import io.sark.migrate.lint.Linter;
import io.sark.migrate.lint.RuleRegistry;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Changesets written by hand beside generated ones: added before the tag, applied, rolled back, and a data change cut short. */
@ExtendWith(FreshDatabase.class)
class HandWrittenChangesTest {

    /** A changelog whose one revision creates people(id bigint, first_name, last_name, full_name) and ends with its tag. */
    private static Changelog people(Path root) throws Exception {
        ScenarioCorpusTest.emptyChangelog(root);
        ScenarioCorpusTest.write(root, "people", List.of());
        Changelog changelog = Changelog.inDirectory(root);
        HandWrittenChanges.addSql(changelog, "t", "Create people.",
                "CREATE TABLE people (id bigint PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, full_name text)",
                new Rollback("DROP TABLE people", null));
        return Changelog.inDirectory(root);
    }

    /** A second revision, 002_fill_full_name, holding a batched data change that fills full_name, {@code batch} rows at a time. */
    private static HandWrittenChanges.Added fillFullNameRevision(Path root, int batch) {
        ScenarioCorpusTest.write(root, "fill full name", List.of());
        return HandWrittenChanges.addData(Changelog.inDirectory(root), "t", "Fill full_name",
                new DataChange("people", "id", "full_name = first_name || ' ' || last_name", "full_name IS NULL", batch),
                new Rollback("UPDATE people SET full_name = NULL", null));
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void sqlFromAFileGoesJustBeforeTheTagAndItsRollbackRuns(TestDatabase db, @TempDir Path root) throws Exception {
        people(root);
        String file = """
                -- Who is active.
                CREATE VIEW named_people AS SELECT id, first_name || ' ' || last_name AS name FROM people;
                CREATE FUNCTION shout(t text) RETURNS text LANGUAGE plpgsql AS $$
                BEGIN
                    RETURN upper(t);
                END
                $$;
                """;

        HandWrittenChanges.Added added = HandWrittenChanges.addSql(Changelog.inDirectory(root), "t", "A view and a function.", file,
                new Rollback("DROP FUNCTION shout(text); DROP VIEW named_people;", null));

        Changelog changelog = Changelog.inDirectory(root);
        assertThat(added.changeSet()).isEqualTo("001_people-2");
        assertThat(added.todo()).isEmpty();
        assertThat(changelog.revisions().all().get(0).changeSets()).extracting(r -> r.id())
                .containsExactly("001_people-1", "001_people-2", "001_people-tag");
        String text = Files.readString(Path.of(added.file()));
        assertThat(text).contains("# Hand-written changesets", "splitStatements: false", "RETURN upper(t);");
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeToHead();
            assertThat(count(db, "SELECT count(*) FROM pg_proc WHERE proname = 'shout'")).isOne();
            migrator.downgrade(Migrator.BASE);
        }
        assertThat(count(db, "SELECT count(*) FROM pg_class WHERE relname IN ('people', 'named_people')")).isZero();
        assertThat(new Linter(RuleRegistry.standard(), Map.of()).lint(changelog, null).errors()).isZero();
    }

    @Test
    void anUnwrittenRollbackIsRefusedByLintAndFailsADowngradeSayingWhy(TestDatabase db, @TempDir Path root) throws Exception {
        people(root);
        HandWrittenChanges.Added added = HandWrittenChanges.addSql(Changelog.inDirectory(root), "t", "A view.",
                "CREATE VIEW v AS SELECT 1 AS one", Rollback.unwritten());

        Changelog changelog = Changelog.inDirectory(root);
        LintReport lint = new Linter(RuleRegistry.standard(), Map.of()).lint(changelog, null);
        assertThat(added.todo()).containsExactly("the rollback of 001_people-2: what undoes it");
        assertThat(lint.findings()).anySatisfy(f -> assertThat(f.code() + " " + f.changeSet()).isEqualTo("HY106 001_people-2"));
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeToHead();
            assertThatThrownBy(() -> migrator.downgrade(Migrator.BASE)).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("sark-migrate: not written yet: the rollback of 001_people-2");
        }
        assertThat(count(db, "SELECT count(*) FROM pg_class WHERE relname = 'v'")).as("nothing undone half-way").isOne();
    }

    @Test
    void nothingToUndoIsAnEmptyRollbackWithItsReasonWhichLintAccepts(@TempDir Path root) throws Exception {
        people(root);
        HandWrittenChanges.addSql(Changelog.inDirectory(root), "t", "Say hello.", "SELECT 1",
                new Rollback(null, "it only reads"));

        String text = Files.readString(root.resolve("db/changelog/001_people.yaml"));
        assertThat(text).contains("comment: \"Say hello. sark-lint: allow HY101 because it only reads\"", "rollback: []");
        assertThat(new Linter(RuleRegistry.standard(), Map.of()).lint(Changelog.inDirectory(root), null).findings())
                .noneMatch(f -> f.code().equals("HY101") || f.code().equals("HY901"));
    }

    @Test
    void aBatchedDataChangeFillsEveryRowOnce(TestDatabase db, @TempDir Path root) throws Exception {
        people(root);
        upgrade(db, root);
        db.execute("INSERT INTO people SELECT g, 'first' || g, 'last' || g FROM generate_series(1, 2500) g");
        HandWrittenChanges.Added added = fillFullNameRevision(root, 1000);

        upgrade(db, root);

        assertThat(added.todo()).isEmpty();
        assertThat(count(db, "SELECT count(*) FROM people WHERE full_name = first_name || ' ' || last_name")).isEqualTo(2500);
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.downgrade("-1");
        }
        assertThat(count(db, "SELECT count(*) FROM people WHERE full_name IS NULL")).isEqualTo(2500);
    }

    /**
     * The proof the template is re-runnable: its connection is cut while it runs (as a killed process's would be), some
     * batches committed; the next upgrade finishes it. A trigger counts every row each UPDATE touches: none twice, none
     * missed.
     */
    @Test
    void aBatchedDataChangeCutShortIsFinishedByTheNextRunWithNoRowDoneTwiceOrMissed(TestDatabase db, @TempDir Path root) throws Exception {
        people(root);
        upgrade(db, root);
        int rows = 6000;
        db.execute("INSERT INTO people SELECT g, 'first' || g, 'last' || g FROM generate_series(1, " + rows + ") g;"
                + "CREATE TABLE touched (id bigint);"
                + "CREATE FUNCTION count_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + "  PERFORM pg_sleep(0.0005); INSERT INTO touched VALUES (NEW.id); RETURN NEW; END $$;"
                + "CREATE TRIGGER count_touch AFTER UPDATE ON people FOR EACH ROW EXECUTE FUNCTION count_touch()");
        fillFullNameRevision(root, 500);

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try {
                upgrade(db, root);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        long done = 0;
        for (int i = 0; i < 400 && done < 1000; i++) {
            Thread.sleep(25);
            done = count(db, "SELECT count(*) FROM people WHERE full_name IS NOT NULL");
        }
        long cut = count(db, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'DO $$%' AND pid <> pg_backend_pid()");
        assertThatThrownBy(() -> first.get(60, TimeUnit.SECONDS)).hasRootCauseInstanceOf(Exception.class);
        long doneWhenCut = count(db, "SELECT count(*) FROM people WHERE full_name IS NOT NULL");
        assertThat(cut).as("the data change was running when cut").isOne();
        assertThat(doneWhenCut).as("cut half-way: some batches committed, not all").isBetween(500L, rows - 500L);

        upgrade(db, root);

        assertThat(count(db, "SELECT count(*) FROM people WHERE full_name = first_name || ' ' || last_name")).as("none missed").isEqualTo(rows);
        assertThat(count(db, "SELECT count(*) FROM touched")).as("each row touched once").isEqualTo(rows);
        assertThat(count(db, "SELECT count(DISTINCT id) FROM touched")).isEqualTo(rows);
    }

    /** A row the change cannot write stops it part-way: the failure says what stays; once the row is mended, the next run finishes. */
    @Test
    void aBatchedDataChangeThatFailsPartWaySaysWhatStaysAndTheNextRunFinishesIt(TestDatabase db, @TempDir Path root) throws Exception {
        people(root);
        upgrade(db, root);
        db.execute("INSERT INTO people SELECT g, CASE WHEN g = 1700 THEN 'bad' ELSE 'first' || g END, 'last' || g FROM generate_series(1, 2500) g;"
                + "ALTER TABLE people ADD CONSTRAINT no_bad_names CHECK (full_name NOT LIKE 'bad %')");
        fillFullNameRevision(root, 500);

        assertThatThrownBy(() -> upgrade(db, root)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("failed at changeset 002_fill_full_name-1")
                .hasMessageContaining("no_bad_names")
                .hasMessageContaining("It runs outside a transaction: what it committed before it stopped stays, and the next upgrade runs it again");
        assertThat(count(db, "SELECT count(*) FROM people WHERE full_name IS NOT NULL")).as("three batches committed").isEqualTo(1500);

        db.execute("UPDATE people SET first_name = 'mended' WHERE id = 1700");
        upgrade(db, root);
        assertThat(count(db, "SELECT count(*) FROM people WHERE full_name = first_name || ' ' || last_name")).isEqualTo(2500);
    }

    @Test
    void aDowngradeCountsTheRowsOfAMaterializedViewItWouldDrop(TestDatabase db, @TempDir Path root) throws Exception {
        people(root);
        upgrade(db, root);
        db.execute("INSERT INTO people SELECT g, 'a', 'b' FROM generate_series(1, 3) g");
        ScenarioCorpusTest.write(root, "names", List.of());
        HandWrittenChanges.addSql(Changelog.inDirectory(root), "t", "Names, computed.",
                "CREATE MATERIALIZED VIEW names AS SELECT id, first_name FROM people", new Rollback("DROP MATERIALIZED VIEW names", null));
        upgrade(db, root);

        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            assertThatThrownBy(() -> migrator.downgrade("001_people")).isInstanceOf(DataLossException.class)
                    .hasMessageContaining("002_names-1 drops materialized view names (3 rows)");
            db.execute("REFRESH MATERIALIZED VIEW names WITH NO DATA");
            assertThat(migrator.downgrade("001_people").toRevision()).as("a view not populated holds nothing").isEqualTo("001_people");
        }
        assertThat(count(db, "SELECT count(*) FROM people")).isEqualTo(3);
    }

    @Test
    void refusedWhereThereIsNoPlaceBeforeATag(@TempDir Path root) throws Exception {
        ScenarioCorpusTest.emptyChangelog(root);
        assertThatThrownBy(() -> HandWrittenChanges.addSql(Changelog.inDirectory(root), "t", "x", "SELECT 1", Rollback.unwritten()))
                .hasMessage("The changelog has no revision to add to: create one first with sark-migrate revision -m MESSAGE.");
        ScenarioCorpusTest.write(root, "a", List.of());
        String before = Files.readString(root.resolve("db/changelog/001_a.yaml"));
        assertThatThrownBy(() -> HandWrittenChanges.addSql(Changelog.inDirectory(root), "t", "x", "-- nothing\n", Rollback.unwritten()))
                .hasMessageContaining("holds no statement");
        assertThat(Files.readString(root.resolve("db/changelog/001_a.yaml"))).isEqualTo(before);
    }

    private static void upgrade(TestDatabase db, Path root) throws SQLException {
        ScenarioCorpusTest.upgrade(db, root);
    }
}
