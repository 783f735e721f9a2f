package io.sark.migrate.migrations;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.generate.Generator;
import io.sark.migrate.generate.RevisionFiles;
import io.sark.migrate.hibernate.EntitySchemaReader;
import io.sark.migrate.model.SarkEntities;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SARK's whole schema generated from the entities alone: the file is the one reviewed in
 * {@code golden/sark-from-entities.yaml} to the byte, stock Liquibase applies it with no sark-migrate code in
 * between, and the database it builds is catalog-identical to the one the changelog builds at head.
 */
@ExtendWith(FreshDatabase.class)
class GeneratedFromEntitiesTest {

    private static final String ID = "001_sark_from_entities";

    private static String generate(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            List<SchemaChange> changes = Generator.changes(Schema.empty(), EntitySchemaReader.read(SarkEntities.ALL, c));
            return RevisionFiles.text(ID, "SARK from entities", "base", "sark", changes);
        }
    }

    @Test
    void theGeneratedFileIsByteForByteTheReviewedOne(TestDatabase db) throws Exception {
        String first = generate(db);
        String second = generate(db);

        assertThat(second).as("generating twice").isEqualTo(first);
        if (Boolean.getBoolean("golden.update")) {
            // After an intended change to the entities or the writer: mvn -pl migrations verify -Dgolden.update=true, then review the diff.
            Files.writeString(Path.of("src/test/resources/golden/sark-from-entities.yaml"), first);
        }
        try (InputStream golden = getClass().getResourceAsStream("/golden/sark-from-entities.yaml")) {
            assertThat(golden).as("golden file").isNotNull();
            assertThat(first).isEqualTo(new String(golden.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void stockLiquibaseAppliesItAndRollsItBackAndTheSchemaIsSarks(TestDatabase db, @TempDir Path root) throws Exception {
        Path changelog = root.resolve("db/changelog");
        Files.createDirectories(changelog);
        Files.writeString(changelog.resolve(ID + ".yaml"), generate(db));
        Files.writeString(changelog.resolve("db.changelog-master.yaml"),
                "databaseChangeLog:\n  - include:\n      file: db/changelog/" + ID + ".yaml\n");

        try (Connection c = db.connect()) {
            Liquibase liquibase = new Liquibase("db/changelog/db.changelog-master.yaml", new DirectoryResourceAccessor(root),
                    DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c)));
            liquibase.update(new Contexts(), new LabelExpression());

            try (TestDatabase reference = TestPostgres.freshDatabase()) {
                try (Migrator migrator = Migrator.open(reference.connect())) {
                    migrator.upgradeToHead();
                }
                assertThat(snapshot(db).differencesFrom(snapshot(reference))).as("generated schema vs the changelog at head").isEmpty();
            }

            liquibase.rollback(1000, null, new Contexts(), new LabelExpression());
            assertThat(snapshot(db).objects()).as("left after rolling everything back").isEmpty();
        }
    }

    private static CatalogSnapshot snapshot(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            return CatalogSnapshot.read(c);
        }
    }
}
