package io.sark.migrate.migrations;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogFilter;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.SystemProperty;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import liquibase.integration.commandline.LiquibaseCommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changesets run without Liquibase's update and rollback commands ({@code DirectRun}) leave the database exactly as
 * those commands do: the same schema, the same history rows (all but when they ran and the run's deployment id), and
 * a history stock Liquibase reads as its own: it finds nothing to apply, validates it, and rolls it back.
 */
class DirectRunTest {

    private static final Path CHANGELOG_ROOT = Path.of("src", "main", "resources").toAbsolutePath();

    /** The moves both databases make: the first creates the history table. */
    private static final List<Consumer<Migrator>> MOVES = List.of(
            m -> m.upgradeTo("001_initial"),
            Migrator::downgradeToBase,
            Migrator::upgradeToHead,
            m -> m.downgradeTo("002_api_keys"),
            m -> m.upgradeTo("004_audit_events"));

    @Test
    void aDirectRunLeavesTheSchemaAndHistoryLiquibasesCommandsLeave() throws Exception {
        try (TestDatabase direct = TestPostgres.freshDatabase(); TestDatabase commands = TestPostgres.freshDatabase()) {
            List<Boolean> ranDirectly = new ArrayList<>();
            List<Boolean> parsed = new ArrayList<>();
            for (int i = 0; i < MOVES.size(); i++) {
                Ran ran = run(direct, MOVES.get(i), true);
                ranDirectly.add(ran.directly());
                parsed.add(ran.parsed());
                move(commands, MOVES.get(i), false);
                assertThat(Fixtures.catalog(direct).differencesFrom(Fixtures.catalog(commands))).as("schema after move %d", i).isEmpty();
                assertThat(history(direct)).as("history after move %d", i).isEqualTo(history(commands));
                assertThat(historyTableShape(direct)).as("the history table after move %d", i).isEqualTo(historyTableShape(commands));
            }
            assertThat(ranDirectly).containsOnly(true);
            assertThat(parsed.subList(1, parsed.size())).as("after the first run, each runs what the first kept, without a parse")
                    .containsOnly(false);
            assertThat(deploymentIds(direct)).as("the deployment id Liquibase gives this process, ten digits")
                    .isEqualTo(deploymentIds(commands)).hasSize(1).allMatch(id -> id.matches("\\d{10}"));
        }
    }

    @Test
    void stockLiquibaseReadsADirectRunsHistoryAsItsOwn() throws Exception {
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            move(db, m -> m.upgradeTo("001_initial"), true);
            assertThat(move(db, Migrator::upgradeToHead, true)).isTrue();
            List<List<String>> before = history(db);
            CatalogSnapshot head = Fixtures.catalog(db);

            assertThat(liquibase(db, "validate")).as("checksums and history validate").isZero();
            assertThat(liquibase(db, "update")).isZero();
            assertThat(history(db)).as("stock Liquibase found nothing to apply").isEqualTo(before);
            assertThat(Fixtures.catalog(db).differencesFrom(head)).isEmpty();

            assertThat(liquibase(db, "rollback-count", "--count=1000")).isZero();
            assertThat(Fixtures.catalog(db).objects()).as("stock Liquibase rolled it all back").isEmpty();
        }
    }

    @Test
    void aContextFilterGoesThroughLiquibasesCommands() throws Exception {
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            move(db, m -> m.upgradeTo("001_initial"), true);
            try (Migrator migrator = Migrator.open(db.connect())) {
                migrator.filter(new ChangelogFilter("production", null)).upgradeToHead();
                assertThat(migrator.ranDirectly()).isFalse();
                assertThat(migrator.currentRevision()).contains(migrator.revisions().head());
            }
        }
    }

    @Test
    void aHistoryTableLiquibaseWouldAlterFirstGoesThroughItsCommands() throws Exception {
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            move(db, m -> m.upgradeTo("001_initial"), true);
            db.execute("ALTER TABLE databasechangelog DROP COLUMN deployment_id"); // as Liquibase before 3.3 left it
            assertThat(move(db, Migrator::upgradeToHead, true)).isFalse();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*), count(deployment_id) FROM databasechangelog")) {
                rs.next();
                assertThat(rs.getInt(2)).as("Liquibase put the column back, and filled it for what it ran").isPositive().isLessThan(rs.getInt(1));
            }
            assertThat(move(db, Migrator::downgradeToBase, true)).as("the table is Liquibase's shape again").isTrue();
        }
    }

    @Test
    void aChangeSetWithPreconditionsGoesThroughLiquibasesCommands(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"),
                "databaseChangeLog:\n  - include: {file: db/changelog/001_t.yaml}\n");
        Files.writeString(root.resolve("db/changelog/001_t.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 001_t-1
                      author: t
                      preConditions: [{onFail: MARK_RAN}, {sqlCheck: {expectedResult: 1, sql: SELECT 0}}]
                      changes:
                        - sql: {sql: CREATE TABLE skipped (id int)}
                      rollback:
                        - sql: {sql: DROP TABLE skipped}
                  - changeSet: {id: 001_t-tag, author: t, changes: [{tagDatabase: {tag: 001_t}}], rollback: []}
                """);
        try (TestDatabase db = TestPostgres.freshDatabase(); Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.upgradeToHead();
            assertThat(migrator.ranDirectly()).isFalse();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT string_agg(id || ' ' || exectype, ', ' ORDER BY orderexecuted),"
                         + " to_regclass('skipped') IS NULL FROM databasechangelog")) {
                rs.next();
                assertThat(rs.getString(1)).as("Liquibase checked the precondition and marked it ran").isEqualTo("001_t-1 MARK_RAN, 001_t-tag EXECUTED");
                assertThat(rs.getBoolean(2)).isTrue();
            }
        }
    }

    /** Runs {@code move} on {@code db}, directly when {@code direct} allows; whether it ran directly. */
    private static boolean move(TestDatabase db, Consumer<Migrator> move, boolean direct) throws SQLException {
        return run(db, move, direct).directly();
    }

    /** How a move ran: directly or through Liquibase's commands; with the changelog parsed or from what an earlier run kept. */
    private record Ran(boolean directly, boolean parsed) {
    }

    private static Ran run(TestDatabase db, Consumer<Migrator> move, boolean direct) throws SQLException {
        try (var mode = SystemProperty.set("sark.migrate.direct-run", direct ? "on" : "off");
             Migrator migrator = Migrator.open(db.connect())) {
            move.accept(migrator);
            return new Ran(migrator.ranDirectly(), migrator.changelog().parsed());
        }
    }

    /** Every history row in order, every column but when it ran and the run's deployment id. */
    private static List<List<String>> history(TestDatabase db) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM databasechangelog ORDER BY orderexecuted")) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String column = meta.getColumnName(i).toLowerCase();
                    if (!column.equals("dateexecuted") && !column.equals("deployment_id")) {
                        row.add(column + "=" + rs.getString(i));
                    }
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** The history table's columns (in order, with type, length, nullability, default), constraints and indexes. */
    private static List<String> historyTableShape(TestDatabase db) throws SQLException {
        List<String> shape = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT format('%s %s %s %s %s', column_name, data_type, character_maximum_length, is_nullable,"
                     + " column_default) FROM information_schema.columns WHERE table_name = 'databasechangelog' ORDER BY ordinal_position")) {
            while (rs.next()) {
                shape.add(rs.getString(1));
            }
            try (ResultSet more = s.executeQuery("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'databasechangelog'::regclass"
                    + " UNION ALL SELECT indexdef FROM pg_indexes WHERE tablename = 'databasechangelog' ORDER BY 1")) {
                while (more.next()) {
                    shape.add(more.getString(1));
                }
            }
        }
        return shape;
    }

    private static Set<String> deploymentIds(TestDatabase db) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT deployment_id FROM databasechangelog")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static int liquibase(TestDatabase db, String... command) {
        System.setProperty("liquibase.analytics.enabled", "false");
        List<String> args = new ArrayList<>(List.of("--url=" + db.jdbcUrl(), "--search-path=" + CHANGELOG_ROOT,
                "--changelog-file=db/changelog/db.changelog-master.yaml", "--log-level=severe", "--show-banner=false"));
        args.addAll(List.of(command));
        return new LiquibaseCommandLine().execute(args.toArray(String[]::new));
    }
}
