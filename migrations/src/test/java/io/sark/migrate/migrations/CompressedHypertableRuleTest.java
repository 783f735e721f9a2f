package io.sark.migrate.migrations;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.lint.LintReport;
import io.sark.migrate.lint.Linter;
import io.sark.migrate.lint.RuleRegistry;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TimescaleDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lint rule TS102 against the real TimescaleDB 2.28.3 with really compressed chunks: each change is linted in a
 * changelog where the table is a compressed hypertable, and run on such a table; the rule must flag exactly the
 * changes TimescaleDB refuses, no more (a false alarm teaches reviewers to skip it) and no fewer.
 */
@ExtendWith(TimescaleDatabase.class)
class CompressedHypertableRuleTest {

    /** Each change, as a changeset's changes in YAML and as the SQL it runs. */
    private record Change(String yaml, String sql) {
        static Change sql(String sql) {
            return new Change("- sql: {sql: \"" + sql.replace("\"", "\\\"") + "\"}", sql);
        }
    }

    private static final Map<String, Change> CHANGES = new LinkedHashMap<>();

    static {
        CHANGES.put("type-change", Change.sql("ALTER TABLE widgets ALTER COLUMN qty TYPE bigint"));
        CHANGES.put("drop-segment-by", Change.sql("ALTER TABLE widgets DROP COLUMN name"));
        CHANGES.put("drop-other-column", Change.sql("ALTER TABLE widgets DROP COLUMN note"));
        CHANGES.put("add-volatile-default", new Change("- addColumn: {tableName: widgets, columns: [{column: {name: seen, type: timestamptz,"
                + " defaultValueComputed: now()}}]}", "ALTER TABLE widgets ADD COLUMN seen timestamptz DEFAULT now()"));
        CHANGES.put("add-not-null-no-default", new Change("- addColumn: {tableName: widgets, columns: [{column: {name: must, type: int,"
                + " constraints: {nullable: false}}}]}", "ALTER TABLE widgets ADD COLUMN must int NOT NULL"));
        CHANGES.put("add-not-null-constant-default", new Change("- addColumn: {tableName: widgets, columns: [{column: {name: flag, type: int,"
                + " defaultValueNumeric: 0, constraints: {nullable: false}}}]}", "ALTER TABLE widgets ADD COLUMN flag int NOT NULL DEFAULT 0"));
        CHANGES.put("add-nullable", new Change("- addColumn: {tableName: widgets, columns: [{column: {name: extra, type: text}}]}",
                "ALTER TABLE widgets ADD COLUMN extra text"));
        CHANGES.put("index-in-transaction", Change.sql("CREATE INDEX widgets_qty ON widgets (qty)"));
        CHANGES.put("set-not-null", Change.sql("ALTER TABLE widgets ALTER COLUMN note SET NOT NULL"));
        CHANGES.put("rename-column", Change.sql("ALTER TABLE widgets RENAME COLUMN note TO remark"));
        CHANGES.put("add-check", Change.sql("ALTER TABLE widgets ADD CONSTRAINT widgets_qty_positive CHECK (qty >= 0)"));
        CHANGES.put("set-default", Change.sql("ALTER TABLE widgets ALTER COLUMN qty SET DEFAULT 1"));
        CHANGES.put("index-concurrently", Change.sql("CREATE INDEX CONCURRENTLY widgets_qty ON widgets (qty)"));
        CHANGES.put("drop-index-concurrently", Change.sql("DROP INDEX CONCURRENTLY widgets_note"));
        CHANGES.put("drop-index", Change.sql("DROP INDEX widgets_note")); // last: in the changelog linted, the index is gone after it
    }

    @Test
    void ts102FlagsExactlyTheChangesTimescaleDbRefusesWithCompressedChunks(TestDatabase db, @TempDir Path root) throws Exception {
        TreeSet<String> flagged = new TreeSet<>();
        LintReport report = new Linter(RuleRegistry.standard(), Map.of()).lint(changelog(root), null);
        report.findings().stream().filter(f -> f.code().equals("TS102")).forEach(f -> flagged.add(f.changeSet().replace("002-", "")));

        // Each change on the same table, rolled back after (a CONCURRENTLY one cannot run in a transaction; refused, it changes nothing).
        TreeSet<String> refused = new TreeSet<>();
        compressedWidgets(db);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Map.Entry<String, Change> change : CHANGES.entrySet()) {
                boolean concurrently = change.getValue().sql().contains("CONCURRENTLY");
                c.setAutoCommit(concurrently);
                try {
                    s.execute(change.getValue().sql());
                } catch (SQLException e) {
                    refused.add(change.getKey() + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
        }

        assertThat(refused).as("what TimescaleDB refused (a sanity check of the cases)").hasSizeGreaterThanOrEqualTo(5)
                .anyMatch(r -> r.startsWith("type-change: "));
        assertThat(flagged).as("TS102's findings; TimescaleDB refused " + refused).isEqualTo(new TreeSet<>(refused.stream().map(r -> r.substring(0, r.indexOf(':'))).toList()));
    }

    /** widgets, a hypertable compressed segment-by name, with rows in chunks that are compressed. */
    private static void compressedWidgets(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE widgets (id int NOT NULL, at timestamptz NOT NULL, name text, qty int, note text, PRIMARY KEY (id, at))");
        db.execute("CREATE INDEX widgets_note ON widgets (note)");
        db.execute("SELECT create_hypertable('widgets', 'at', chunk_time_interval => INTERVAL '1 day')");
        db.execute("INSERT INTO widgets SELECT i, now() - i * INTERVAL '1 hour', 'n' || (i % 3), i, 'x' FROM generate_series(1, 200) AS i");
        db.execute("ALTER TABLE widgets SET (timescaledb.compress, timescaledb.compress_segmentby = 'name')");
        db.execute("SELECT compress_chunk(c) FROM show_chunks('widgets', older_than => INTERVAL '2 days') AS c");
    }

    /** 001 makes widgets that hypertable; 002 has one changeset per change, each on it as 001 left it. */
    private static Changelog changelog(Path root) throws Exception {
        Files.createDirectories(root.resolve("db/changelog"));
        StringBuilder changes = new StringBuilder("databaseChangeLog:\n");
        for (Map.Entry<String, Change> change : CHANGES.entrySet()) {
            changes.append("  - changeSet:\n      id: 002-").append(change.getKey()).append("\n      author: t\n")
                    .append("      runInTransaction: ").append(!change.getValue().sql().contains("CONCURRENTLY")).append('\n')
                    .append("      changes:\n        - sql: {sql: \"SET lock_timeout = '5s'\"}\n        ").append(change.getValue().yaml())
                    .append("\n      rollback: []\n");
        }
        Files.writeString(root.resolve("db/changelog/002_changes.yaml"), changes.toString());
        Files.writeString(root.resolve("db/changelog/001_widgets.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 001-1
                      author: t
                      changes:
                        - sql: {sql: "CREATE TABLE widgets (id int NOT NULL, at timestamptz NOT NULL, name text, qty int, note text, PRIMARY KEY (id, at))"}
                        - sql: {sql: "CREATE INDEX widgets_note ON widgets (note)"}
                        - sql: {sql: "SELECT create_hypertable('widgets', 'at', chunk_time_interval => INTERVAL '1 day')"}
                        - sql: {sql: "ALTER TABLE widgets SET (timescaledb.compress, timescaledb.compress_segmentby = 'name')"}
                      rollback: [{sql: {sql: DROP TABLE widgets}}]
                  - changeSet: {id: 001-tag, author: t, changes: [{tagDatabase: {tag: 001_widgets}}], rollback: []}
                """);
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), """
                databaseChangeLog:
                  - include: {file: db/changelog/001_widgets.yaml}
                  - include: {file: db/changelog/002_changes.yaml}
                """);
        return Changelog.inDirectory(root);
    }
}
