package io.sark.migrate.engine;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogFilter;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cached shadow is the changelog replayed, whatever part of it came from the cache: a second run replays nothing, a
 * revision added replays that revision alone, a changeset edited replays from its revision on, and each gives the
 * catalog a replay from scratch gives.
 */
class ShadowCacheTest {

    @TempDir
    Path cache;

    @TempDir
    Path root;

    @Test
    void aSecondRunReplaysNothingAndReadsTheSameCatalog() throws Exception {
        writeChangelog(2, "");
        Changelog changelog = Changelog.inDirectory(root);

        CatalogSnapshot first;
        List<String> heard = new ArrayList<>();
        try (ShadowCache shadow = ShadowCache.open(cache, changelog, ChangelogFilter.none(), heard::add, heard::add)) {
            assertThat(shadow.reused()).isZero();
            assertThat(shadow.replayed()).isEqualTo(2);
            first = snapshot(shadow);
        }
        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), heard::add, heard::add)) {
            assertThat(shadow.reused()).isEqualTo(2);
            assertThat(shadow.replayed()).isZero();
            assertThat(snapshot(shadow).differencesFrom(first)).isEmpty();
            assertThat(tables(shadow)).containsExactly("t1", "t2");
        }
        try (io.sark.migrate.postgres.server.ThrowawayDatabase fresh = io.sark.migrate.postgres.server.ThrowawayDatabase.start()) {
            try (Migrator migrator = Migrator.open(fresh.connect(), Changelog.inDirectory(root))) {
                migrator.upgradeToHead();
            }
            try (Connection c = fresh.connect()) {
                assertThat(CatalogSnapshot.read(c).differencesFrom(first)).as("the same as a replay from scratch").isEmpty();
            }
        }
    }

    @Test
    void aRevisionAddedIsTheOnlyOneReplayed() throws Exception {
        writeChangelog(2, "");
        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
            assertThat(shadow.replayed()).isEqualTo(2);
        }
        writeChangelog(3, "");

        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
            assertThat(shadow.reused()).isEqualTo(2);
            assertThat(shadow.replayed()).isEqualTo(1);
            assertThat(tables(shadow)).containsExactly("t1", "t2", "t3");
        }
    }

    @Test
    void aChangesetEditedIsReplayedFromItsRevisionOn() throws Exception {
        writeChangelog(3, "");
        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
            assertThat(shadow.replayed()).isEqualTo(3);
        }
        writeChangelog(3, ", extra int"); // every revision's table gets a column: nothing can be reused

        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
            assertThat(shadow.reused()).isZero();
            assertThat(shadow.replayed()).isEqualTo(3);
            assertThat(columns(shadow, "t2")).containsExactly("id", "extra");
        }
        Files.writeString(root.resolve("db/changelog/003_t3.yaml"), revision(3, ", other int"));

        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
            assertThat(shadow.reused()).as("001 and 002 as they were last replayed").isEqualTo(2);
            assertThat(shadow.replayed()).isEqualTo(1);
            assertThat(columns(shadow, "t3")).containsExactly("id", "other");
        }
    }

    @Test
    void theContextsOfTheRunArePartOfTheKey() throws Exception {
        writeChangelog(2, "");
        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
            assertThat(shadow.replayed()).isEqualTo(2);
        }
        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), new ChangelogFilter("test", null), m -> { }, m -> { })) {
            assertThat(shadow.reused()).isZero();
        }
    }

    @Test
    void aCacheWhoseServerWillNotStartIsMadeAgain() throws Exception {
        writeChangelog(1, "");
        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
            assertThat(shadow.replayed()).isEqualTo(1);
        }
        Files.writeString(cache.resolve("pgdata/postgresql.conf"), "this is not a setting\n");

        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
            assertThat(shadow.replayed()).isEqualTo(1);
            assertThat(tables(shadow)).containsExactly("t1");
        }
    }

    @Test
    void atMostKeepTemplatesAreKept() throws Exception {
        for (int i = 0; i < ShadowCache.KEEP + 2; i++) {
            writeChangelog(1, ", c" + i + " int");
            try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
                assertThat(shadow.replayed()).isEqualTo(1);
                try (Connection c = shadow.connect(); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_database WHERE datistemplate AND datname LIKE 'sark\\_shadow\\_%'")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(Math.min(i + 1, ShadowCache.KEEP));
                }
            }
        }
    }

    /**
     * A changelog with seed rows in a CSV file (loadData), as applications keep them: its checksum reads the file
     * through the changelog's own search path. Before, the cache took it without that path and ended 'check' with
     * exit 70; now the shadow is replayed, with the rows, and a second run replays nothing.
     */
    @Test
    void aChangelogWithLoadDataIsCachedWithItsRows() throws Exception {
        writeChangelog(1, "");
        Files.createDirectories(root.resolve("db/changelog/data"));
        Files.writeString(root.resolve("db/changelog/data/t1.csv"), "id\n1\n2\n");
        Files.writeString(root.resolve("db/changelog/002_seed.yaml"), """
                databaseChangeLog:
                  - changeSet: {id: 002_seed-1, author: t, changes: [{loadData: {tableName: t1, file: db/changelog/data/t1.csv}}], rollback: [{sql: {sql: DELETE FROM t1}}]}
                  - changeSet: {id: 002_seed-tag, author: t, changes: [{tagDatabase: {tag: 002_seed}}], rollback: []}
                """);
        Path master = root.resolve("db/changelog/db.changelog-master.yaml");
        Files.writeString(master, Files.readString(master) + "  - include: {file: db/changelog/002_seed.yaml}\n");

        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
            assertThat(shadow.replayed()).isEqualTo(2);
            try (Connection c = shadow.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t1")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
        try (ShadowCache shadow = ShadowCache.open(cache, Changelog.inDirectory(root), ChangelogFilter.none(), m -> { }, m -> { })) {
            assertThat(shadow.replayed()).isZero();
        }
    }

    private void writeChangelog(int revisions, String extraColumns) throws Exception {
        Files.createDirectories(root.resolve("db/changelog"));
        StringBuilder master = new StringBuilder("databaseChangeLog:\n");
        for (int i = 1; i <= revisions; i++) {
            master.append("  - include: {file: db/changelog/00").append(i).append("_t").append(i).append(".yaml}\n");
            Files.writeString(root.resolve("db/changelog/00" + i + "_t" + i + ".yaml"), revision(i, extraColumns));
        }
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), master);
    }

    private static String revision(int i, String extraColumns) {
        return """
                databaseChangeLog:
                  - changeSet:
                      id: 00%1$d_t%1$d-1
                      author: t
                      changes:
                        - sql: {sql: "CREATE TABLE t%1$d (id int%2$s)"}
                      rollback:
                        - sql: {sql: DROP TABLE t%1$d}
                  - changeSet: {id: 00%1$d_t%1$d-tag, author: t, changes: [{tagDatabase: {tag: 00%1$d_t%1$d}}], rollback: []}
                """.formatted(i, extraColumns);
    }

    private static CatalogSnapshot snapshot(ShadowCache shadow) throws Exception {
        try (Connection c = shadow.connect()) {
            return CatalogSnapshot.read(c);
        }
    }

    private static List<String> tables(ShadowCache shadow) throws Exception {
        return list(shadow, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'databasechangelog%' ORDER BY 1");
    }

    private static List<String> columns(ShadowCache shadow, String table) throws Exception {
        return list(shadow, "SELECT attname FROM pg_attribute WHERE attrelid = '" + table + "'::regclass AND attnum > 0 ORDER BY attnum");
    }

    private static List<String> list(ShadowCache shadow, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = shadow.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
