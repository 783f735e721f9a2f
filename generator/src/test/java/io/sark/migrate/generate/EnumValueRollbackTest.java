package io.sark.migrate.generate;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.guard.DataLossException;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rollback of an added enum value replaces the type (PostgreSQL cannot remove a value): the catalog comes back
 * exactly, for a column of the type with a default, indexes and a CHECK that name its values, and one of its array type. While rows hold the value,
 * the downgrade is refused with their count before anything runs.
 */
@ExtendWith(FreshDatabase.class)
class EnumValueRollbackTest {

    @Test
    void rollingBackAnAddedValueRestoresTheTypeAndIsRefusedWhileRowsHoldIt(TestDatabase db, @TempDir Path root) throws Exception {
        Path master = root.resolve(Changelog.MASTER);
        Files.createDirectories(master.getParent());
        Files.writeString(master.resolveSibling("001_people.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 001_people-1
                      author: t
                      changes:
                        - sql: {sql: "CREATE TYPE mood AS ENUM ('sad', 'fine', 'happy')"}
                        - sql: {sql: "COMMENT ON TYPE mood IS 'how one feels'"}
                        - sql: {sql: "CREATE TABLE people (id int PRIMARY KEY, mood mood NOT NULL DEFAULT 'fine', past mood[])"}
                        - sql: {sql: "CREATE INDEX people_mood_idx ON people (mood) WHERE mood <> 'sad'"}
                        - sql: {sql: "CREATE INDEX people_happy_idx ON people ((mood = 'happy'))"}
                        - sql: {sql: "ALTER TABLE people ADD CONSTRAINT people_not_only_sad CHECK (mood <> 'sad' OR past IS NOT NULL)"}
                      rollback:
                        - sql: {sql: "DROP TABLE people; DROP TYPE mood"}
                """);
        Files.writeString(master, "databaseChangeLog:\n  - include: {file: db/changelog/001_people.yaml}\n");
        Changelog changelog = Changelog.inDirectory(root);
        upgrade(db, root);
        CatalogSnapshot before = snapshot(db);

        RevisionFiles.create(changelog, changelog.revisions(), "ok", "t", List.of(new SchemaChange.AddEnumValue("mood", "ok", "happy", true)));
        Files.writeString(master.resolveSibling("003_note.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 003_note-1
                      author: t
                      changes: [{addColumn: {tableName: people, columns: [{column: {name: note, type: text}}]}}]
                """);
        Files.writeString(master, Files.readString(master) + "  - include: {file: db/changelog/003_note.yaml}\n");
        upgrade(db, root);
        sql(db, "INSERT INTO people VALUES (1, 'ok', '{sad,ok}'), (2, 'sad', '{ok}'), (3, 'happy', NULL)");
        CatalogSnapshot withRows = snapshot(db);

        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            assertThatThrownBy(() -> migrator.downgrade("001_people", true)).isInstanceOf(DataLossException.class)
                    .hasMessageStartingWith("downgrade to 001_people would fail at changeset 002_ok-1: its rollback removes value 'ok' from enum"
                            + " type mood, and 3 row(s) hold it now (people.mood: 1, people.past: 2). Nothing ran.");
        }
        assertThat(snapshot(db).differencesFrom(withRows)).as("nothing ran").isEmpty();

        sql(db, "UPDATE people SET mood = 'happy', past = '{sad}' WHERE id IN (1, 2)");
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.downgrade("001_people", true);
        }
        assertThat(snapshot(db).withoutColumnPositions().differencesFrom(before.withoutColumnPositions())).isEmpty();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT string_agg(id || ':' || mood || ':' || coalesce(past::text, '-'), ' ' ORDER BY id) FROM people")) {
            rs.next();
            assertThat(rs.getString(1)).as("the rows, moved to the type without the value").isEqualTo("1:happy:{sad} 2:happy:{sad} 3:happy:-");
        }

        upgrade(db, root);
        sql(db, "INSERT INTO people (id, past) VALUES (4, '{ok}')");
    }

    private static void upgrade(TestDatabase db, Path root) throws Exception {
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.upgradeToHead();
        }
    }

    private static CatalogSnapshot snapshot(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return CatalogSnapshot.read(c);
        }
    }

    private static void sql(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
