package io.sark.migrate.generate;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.server.ServerDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * check and revision --autogenerate called from Java, as the Maven plugin and a project's own code call them: typed
 * inputs (entities, changelog, where the changelog's schema is read), typed results (the changes, the revision written).
 */
class AutogenerateTest {

    @Entity
    @Table(name = "api_notes")
    static class ApiNote {
        @Id
        UUID id;
        String body;
    }

    @Test
    void aRevisionWrittenFromJavaMakesTheEntitiesSchemaAndTheNextComparisonFindsNothing(@TempDir Path project) throws Exception {
        Path master = project.resolve("src/main/resources/db/changelog/db.changelog-master.yaml");
        Files.createDirectories(master.getParent());
        Files.writeString(master, "databaseChangeLog: []\n");
        List<String> said = new ArrayList<>();

        try (TestDatabase empty = TestPostgres.freshDatabase();
             Autogenerate.Result first = Autogenerate.of(List.of(ApiNote.class), Changelog.ofFile(master, null))
                     .against(Autogenerate.Current.database(settings(empty), Duration.ofSeconds(10)))
                     .compare()) {
            assertThat(first.live()).isTrue();
            assertThat(first.changes()).extracting(SchemaChange::describe).containsExactly("Create table api_notes.");
            assertThat(first.desired().tables()).containsOnlyKeys("api_notes");
            RevisionFiles.NewRevision written = first.write("add notes", "a test", first.changes());
            assertThat(written.id()).isEqualTo("001_add_notes");
            assertThat(Files.readString(Path.of(written.file()))).contains("tableName: api_notes");
        }

        try (TestDatabase shadow = TestPostgres.freshDatabase();
             Autogenerate.Result again = Autogenerate.of(List.of(ApiNote.class), Changelog.ofFile(master, null))
                     .against(Autogenerate.Current.shadow(() -> new ServerDatabase(settings(shadow), Duration.ofSeconds(10))))
                     .saying(said::add)
                     .compare()) {
            assertThat(again.live()).isFalse();
            assertThat(again.changes()).isEmpty();
            assertThat(again.warnings()).isEmpty();
        }
    }

    @Test
    void revisionOptionsHoldTheDropsBackAndRefuseARestoreOfNoDroppedColumn(@TempDir Path project) throws Exception {
        Path master = project.resolve("db.changelog-master.yaml");
        Files.writeString(master, "databaseChangeLog: []\n");
        try (TestDatabase database = TestPostgres.freshDatabase()) {
            database.execute("CREATE TABLE api_notes (id uuid PRIMARY KEY, body varchar(255), retired text)");
            try (Autogenerate.Result result = Autogenerate.of(List.of(ApiNote.class), Changelog.ofFile(master, project))
                    .against(Autogenerate.Current.database(settings(database), Duration.ofSeconds(10)))
                    .compare()) {
                assertThat(result.changes()).extracting(SchemaChange::describe).containsExactly("Drop column api_notes.retired.");

                Autogenerate.Planned held = result.plan(new Autogenerate.RevisionOptions(Map.of(), Map.of(), true));
                assertThat(held.changes()).isEmpty();
                assertThat(held.heldBack()).extracting(SchemaChange::describe).containsExactly("Drop column api_notes.retired.");

                Autogenerate.Planned restored = result.plan(new Autogenerate.RevisionOptions(Map.of(), Map.of("api_notes.retired", "'x'"), false));
                assertThat(restored.changes()).singleElement().isInstanceOfSatisfying(SchemaChange.DropColumn.class,
                        drop -> assertThat(drop.restore()).isEqualTo("'x'"));
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> result.plan(
                                new Autogenerate.RevisionOptions(Map.of(), Map.of("api_notes.body", "'x'"), false)))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("api_notes.body");
            }
        }
    }

    private static ConnectionSettings settings(TestDatabase database) {
        return ConnectionSettings.resolve(database.jdbcUrl(), null, Map.of()).orElseThrow();
    }
}
