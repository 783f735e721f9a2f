package io.sark.migrate.scenarios;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.HypertableDeclarations;
import io.sark.migrate.generate.Generator;
import io.sark.migrate.generate.UnsupportedChangeException;
import io.sark.migrate.hibernate.EntityModel;
import io.sark.migrate.hibernate.EntitySchemaReader;
import io.sark.migrate.hibernate.HibernateSettings;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.HibernateOracle;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The generator's promise, scenario by scenario: it finds the expected change; applying what it wrote leaves
 * nothing to generate; Hibernate validates the result and persists and reloads every entity ({@link HibernateOracle});
 * rolling it back restores the catalog exactly; applying it again works.
 */
@ExtendWith(FreshDatabase.class)
class ScenarioCorpusTest {

    /** Every scenario; with {@code -Dscenario=TEXT}, those whose name holds it (to run a few while working on them). */
    static Stream<Scenario> corpus() {
        String only = System.getProperty("scenario");
        return Corpus.ALL.stream().filter(scenario -> only == null || scenario.toString().contains(only));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void generatesApplyableReversibleChanges(Scenario scenario, TestDatabase db, @TempDir Path root) throws Exception {
        run(scenario, scenario.expectedChanges(), db, root, entities -> entities, HibernateOracle::check);
    }

    /** Hibernate's verdict on the database for the entities ({@link HibernateOracle}, on one Hibernate or another). */
    interface Oracle {
        void check(TestDatabase db, List<Class<?>> entities, Map<String, String> settings, boolean validate);
    }

    /**
     * The scenario, with its entities as {@code load} gives them (loaded beside one Hibernate or another: the entities'
     * loader decides which Hibernate reads them), the changes that Hibernate's schema calls for, and {@code oracle}'s verdict.
     */
    static void run(Scenario scenario, List<String> expected, TestDatabase db, Path root, UnaryOperator<List<Class<?>>> load, Oracle oracle)
            throws Exception {
        List<Class<?>> beforeEntities = load.apply(scenario.before());
        List<Class<?>> afterEntities = load.apply(scenario.after());
        emptyChangelog(root);

        // The "before" schema is itself generated from nothing, and applied.
        Schema empty = read(db);
        assertThat(empty.isEmpty()).isTrue();
        write(root, "before", Generator.changes(empty, desired(db, beforeEntities, scenario.settings())));
        upgrade(db, root);
        assertThat(describe(changes(db, root, beforeEntities, scenario.settings()))).as("re-diff of before").isEmpty();
        oracle.check(db, beforeEntities, scenario.settings(), scenario.hibernateValidates());
        CatalogSnapshot before = snapshot(db);

        List<SchemaChange> changes = changes(db, root, afterEntities, scenario.settings());
        assertThat(describe(changes)).as("changes found").containsExactlyElementsOf(expected);

        if (scenario.refusal() != null) {
            assertThatThrownBy(() -> write(root, "after", changes)).isInstanceOf(UnsupportedChangeException.class)
                    .hasMessageContaining(scenario.refusal());
            return;
        }
        write(root, "after", changes);
        upgrade(db, root);
        // A change made by a copy (expand) leaves the old column, in step, for a contract phase: the next comparison.
        List<SchemaChange> contract = changes(db, root, afterEntities, scenario.settings());
        assertThat(contract).as("re-diff after applying: nothing but a contract phase").allMatch(c -> c instanceof SchemaChange.DropColumnCopy);
        oracle.check(db, afterEntities, scenario.settings(), scenario.hibernateValidates());
        if (!contract.isEmpty()) {
            write(root, "contract", contract);
            upgrade(db, root);
            assertThat(describe(changes(db, root, afterEntities, scenario.settings()))).as("re-diff after the contract phase").isEmpty();
            oracle.check(db, afterEntities, scenario.settings(), scenario.hibernateValidates());
        }
        CatalogSnapshot after = snapshot(db);

        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            // A table generator's row is written by Hibernate outside the oracle's (rolled back) transaction.
            migrator.downgrade(contract.isEmpty() ? "-1" : "-2", true);
        }
        assertThat(snapshot(db).withoutColumnPositions().differencesFrom(before.withoutColumnPositions()))
                .as("catalog after rollback").isEmpty();

        upgrade(db, root);
        assertThat(snapshot(db).withoutColumnPositions().differencesFrom(after.withoutColumnPositions()))
                .as("catalog after applying again").isEmpty();
    }

    static void emptyChangelog(Path root) throws IOException {
        Path master = root.resolve(Changelog.MASTER);
        Files.createDirectories(master.getParent());
        Files.writeString(master, "databaseChangeLog:\n");
    }

    static void write(Path root, String message, List<SchemaChange> changes) {
        Changelog fresh = Changelog.inDirectory(root);
        io.sark.migrate.generate.RevisionFiles.create(fresh, fresh.revisions(), message, "scenario", changes);
    }

    static void upgrade(TestDatabase db, Path root) throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.upgradeToHead();
        }
    }

    /** What the generator finds between the database and the entities, expressions spelled by the database. */
    static List<SchemaChange> changes(TestDatabase db, Path root, List<Class<?>> entities) throws SQLException {
        return changes(db, root, entities, Map.of());
    }

    static List<SchemaChange> changes(TestDatabase db, Path root, List<Class<?>> entities, Map<String, String> settings) throws SQLException {
        EntityModel model = EntityModel.read(entities, new HibernateSettings(settings));
        Schema current = read(db, model.comparedSchemas()).withHypertables(HypertableDeclarations.in(Changelog.inDirectory(root)));
        try (Connection c = db.connect()) {
            return Generator.changes(current, EntitySchemaReader.read(model, c), model.renames());
        }
    }

    /** What the entities describe, built by Hibernate's DDL in a scratch schema of {@code db}. */
    static Schema desired(TestDatabase db, List<Class<?>> entities) throws SQLException {
        return desired(db, entities, Map.of());
    }

    static Schema desired(TestDatabase db, List<Class<?>> entities, Map<String, String> settings) throws SQLException {
        try (Connection c = db.connect()) {
            return EntitySchemaReader.read(EntityModel.read(entities, new HibernateSettings(settings)), c);
        }
    }

    static Schema read(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return CatalogSchemaReader.read(c);
        }
    }

    /** Schema public and the other schemas the scenarios map entities into, with their names qualified. */
    static Schema read(TestDatabase db, java.util.Set<String> others) throws SQLException {
        java.util.Map<String, String> namespaces = new java.util.HashMap<>();
        namespaces.put("public", null);
        others.forEach(schema -> namespaces.put(schema, schema));
        try (Connection c = db.connect()) {
            return CatalogSchemaReader.read(c, namespaces, CatalogSnapshot.BOOKKEEPING_TABLES);
        }
    }

    /** The catalog of schema public and of the other schemas the scenarios use ({@link Schemas}). */
    static CatalogSnapshot snapshot(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return CatalogSnapshot.read(c, Schemas.USED);
        }
    }

    static List<String> describe(List<SchemaChange> changes) {
        return changes.stream().map(SchemaChange::describe).toList();
    }
}
