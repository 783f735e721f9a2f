package io.sark.migrate.realworld;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.diff.SchemaDiff;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.generate.Generator;
import io.sark.migrate.generate.RevisionFiles;
import io.sark.migrate.hibernate.EntityModel;
import io.sark.migrate.hibernate.EntitySchemaReader;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.HibernateOracle;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real-world model no one here wrote: Keycloak's JPA entities (every {@code @Entity} in keycloak-model-jpa, found
 * by reading the jar). Generated from nothing, applied, compared again (nothing left), used by Hibernate (validate,
 * then one instance of every entity persisted and reloaded), and rolled back to an empty schema.
 */
@ExtendWith(FreshDatabase.class)
class KeycloakModelTest {

    @Test
    void keycloaksWholeModelGoesThroughTheGeneratorsCycle(TestDatabase db, @TempDir Path root) throws Exception {
        List<Class<?>> entities = keycloakEntities();
        assertThat(entities).hasSizeGreaterThan(50);

        long start = System.nanoTime();
        EntityModel model = EntityModel.read(entities);
        List<SchemaChange> changes;
        try (Connection c = db.connect()) {
            changes = SchemaDiff.between(Schema.empty(), EntitySchemaReader.read(model, c), model.renames());
        }
        Files.createDirectories(root.resolve(Changelog.MASTER).getParent());
        Files.writeString(root.resolve(Changelog.MASTER), "databaseChangeLog:\n");
        RevisionFiles.create(Changelog.inDirectory(root), Changelog.inDirectory(root).revisions(), "keycloak", "keycloak", changes);
        long generated = System.nanoTime();

        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.upgradeToHead();
        }
        long applied = System.nanoTime();

        Schema current;
        try (Connection c = db.connect()) {
            current = CatalogSchemaReader.read(c);
            assertThat(Generator.changes(current, EntitySchemaReader.read(model, c)).stream().map(SchemaChange::describe))
                    .as("compared again after applying").isEmpty();
        }
        long compared = System.nanoTime();
        assertThat(current.tables()).hasSizeGreaterThan(60);

        HibernateOracle.check(db, entities);
        long oracle = System.nanoTime();

        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.downgrade("base", true);
        }
        long rolledBack = System.nanoTime();
        try (Connection c = db.connect()) {
            assertThat(CatalogSnapshot.read(c).objects()).as("left after downgrade base").isEmpty();
        }
        System.out.printf("Keycloak %d entities, %d tables, %d changes: generate %d ms, apply %d ms, compare %d ms, Hibernate oracle %d ms,"
                        + " downgrade base %d ms%n", entities.size(), current.tables().size(), changes.size(), ms(generated - start),
                ms(applied - generated), ms(compared - applied), ms(oracle - compared), ms(rolledBack - oracle));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** Every class of keycloak-model-jpa annotated {@code @Entity}. */
    static List<Class<?>> keycloakEntities() throws IOException, URISyntaxException, ClassNotFoundException {
        Path jar = Path.of(Class.forName("org.keycloak.models.jpa.entities.RealmEntity").getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : Collections.list(file.entries())) {
                if (entry.getName().endsWith(".class") && !entry.getName().contains("$")) {
                    names.add(entry.getName().replace('/', '.').replaceFirst("\\.class$", ""));
                }
            }
        }
        List<Class<?>> entities = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            Class<?> type;
            try {
                type = Class.forName(name, false, KeycloakModelTest.class.getClassLoader());
                if (type.isAnnotationPresent(jakarta.persistence.Entity.class)) {
                    entities.add(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // Keycloak's providers and DAOs need the rest of Keycloak; its entities do not.
            }
        }
        return entities;
    }
}
