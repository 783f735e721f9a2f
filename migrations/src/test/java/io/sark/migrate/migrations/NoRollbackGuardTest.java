package io.sark.migrate.migrations;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogException;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A changeset with no rollback and none Liquibase can derive (a loadData of seed rows, as applications keep them):
 * a downgrade over it is refused before anything runs, naming it. Before, 'downgrade base' rolled back the revisions
 * after it, then failed there half-way.
 */
@ExtendWith(FreshDatabase.class)
class NoRollbackGuardTest {

    @Test
    void aDowngradeOverALoadDataWithoutRollbackIsRefusedBeforeAnythingRuns(TestDatabase db, @TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("db/changelog/data"));
        Files.writeString(root.resolve("db/changelog/data/kinds.csv"), "name\nbook\nfilm\n");
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), """
                databaseChangeLog:
                  - changeSet: {id: 001_kinds-1, author: t, changes: [{createTable: {tableName: kinds, columns: [{column: {name: name, type: text}}]}}]}
                  - changeSet: {id: 001_kinds-tag, author: t, changes: [{tagDatabase: {tag: 001_kinds}}], rollback: []}
                  - changeSet:
                      id: 002_seed-1
                      author: t
                      changes:
                        - loadData: {tableName: kinds, file: db/changelog/data/kinds.csv}
                  - changeSet: {id: 002_seed-tag, author: t, changes: [{tagDatabase: {tag: 002_seed}}], rollback: []}
                  - changeSet: {id: 003_more-1, author: t, changes: [{addColumn: {tableName: kinds, columns: [{column: {name: note, type: text}}]}}]}
                  - changeSet: {id: 003_more-tag, author: t, changes: [{tagDatabase: {tag: 003_more}}], rollback: []}
                """);
        Changelog changelog = Changelog.inDirectory(root);
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeToHead();
        }
        var before = Fixtures.catalog(db);

        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            assertThatThrownBy(() -> migrator.downgrade("base")).isInstanceOf(ChangelogException.class)
                    .hasMessage("downgrade to base would fail at changeset 002_seed-1: 002_seed-1 (db/changelog/db.changelog-master.yaml:"
                            + " loadData) has no rollback, and Liquibase derives none for what it does. Nothing ran. Give it a rollback"
                            + " (one that deletes what it loaded, or '- sql: {sql: empty}' where nothing needs undoing), or downgrade to a"
                            + " later revision.");
            assertThat(migrator.currentRevision()).contains("003_more");
        }
        assertThat(Fixtures.catalog(db).differencesFrom(before)).isEmpty();

        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.downgrade("002_seed");
            assertThat(migrator.currentRevision()).as("a downgrade that stays after it runs").contains("002_seed");
        }
    }
}
