package io.sark.migrate.realworld;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.Revision;
import io.sark.migrate.generate.Generator;
import io.sark.migrate.generate.RevisionFiles;
import io.sark.migrate.hibernate.EntityModel;
import io.sark.migrate.hibernate.EntitySchemaReader;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.HibernateOracle;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak's database as Keycloak's own changelog builds it ({@code META-INF/jpa-changelog-master.xml} in
 * keycloak-model-jpa, an XML master of about 80 files and no sark-migrate tags; its custom changes stand in as no-ops),
 * compared with Keycloak's entities. Constraints and keys its changelog named otherwise (or listed in another column
 * order) are no difference: no name-only drop and add, no key re-created in another order. What is still reported is
 * printed, for the record, by kind.
 */
@ExtendWith(FreshDatabase.class)
class KeycloakChangelogTest {

    private static final String MASTER = "META-INF/jpa-changelog-master.xml";

    @Test
    void keycloaksOwnChangelogIsReadAsRevisionsAndItsNamesAreNoDifference(TestDatabase db, @TempDir Path root) throws Exception {
        Changelog changelog = Changelog.onClasspath(KeycloakChangelogTest.class.getClassLoader(), MASTER);
        List<Revision> revisions = changelog.revisions().all();
        assertThat(revisions).as("one revision per file, named by it").hasSizeGreaterThan(60)
                .allMatch(r -> !r.tagged() && r.id().equals(r.fileStem()));
        assertThat(revisions.get(0).id()).isEqualTo("jpa-changelog-1.0.0.Final");

        long start = System.nanoTime();
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeToHead();
            assertThat(migrator.currentRevision()).contains(changelog.revisions().head());
        }
        long applied = System.nanoTime();
        KeycloakReport.drawAndCheck(db, changelog);

        List<Class<?>> entities = KeycloakModelTest.keycloakEntities();
        List<SchemaChange> changes;
        try (Connection c = db.connect()) {
            EntityModel model = EntityModel.read(entities);
            changes = Generator.changes(CatalogSchemaReader.read(c), EntitySchemaReader.read(model, c));
        }
        long compared = System.nanoTime();
        List<String> liquibaseHibernate = OtherTools.liquibaseHibernate(db.jdbcUrl(), entities);
        long liquibaseHibernateDone = System.nanoTime();
        List<String> hibernateUpdate = OtherTools.hibernateUpdate(db.jdbcUrl(), entities);
        long hibernateDone = System.nanoTime();
        List<SchemaChange> nameOnly = changes.stream()
                .filter(ch -> ch instanceof SchemaChange.RenameConstraint || ch instanceof SchemaChange.RenameIndex).toList();
        List<SchemaChange> reported = changes.stream().filter(ch -> !nameOnly.contains(ch)).toList();

        Map<String, Long> byKind = reported.stream().collect(Collectors.groupingBy(KeycloakChangelogTest::kind, TreeMap::new,
                Collectors.counting()));
        System.out.printf("Keycloak's changelog: %d revisions applied in %d ms; check reports %d change(s) %s and %d name-only notice(s)%n",
                revisions.size(), (applied - start) / 1_000_000, reported.size(), byKind, nameOnly.size());
        System.out.printf("On the same database: sark-migrate %d change(s) in %d ms; liquibase-hibernate6 %d change(s) in %d ms;"
                        + " Hibernate's update %d statement(s) in %d ms%n", reported.size(), (compared - applied) / 1_000_000,
                liquibaseHibernate.size(), (liquibaseHibernateDone - compared) / 1_000_000, hibernateUpdate.size(),
                (hibernateDone - liquibaseHibernateDone) / 1_000_000);
        System.out.println("liquibase-hibernate6, by kind: " + liquibaseHibernate.stream()
                .collect(Collectors.groupingBy(c -> c.split(" ")[0], TreeMap::new, Collectors.counting())));
        System.out.println("Hibernate's update, by kind: " + hibernateUpdate.stream()
                .collect(Collectors.groupingBy(s -> String.join(" ", java.util.Arrays.asList(s.split("\\s+")).subList(0, Math.min(3, s.split("\\s+").length))),
                        TreeMap::new, Collectors.counting())));
        reported.forEach(ch -> System.out.println("  " + ch.describe()));
        liquibaseHibernate.forEach(ch -> System.out.println("  liquibase-hibernate6: " + ch));
        hibernateUpdate.forEach(st -> System.out.println("  Hibernate: " + st));

        // --keep-extras: what Keycloak's database has beyond its entities is kept; what remains is what the entities need.
        io.sark.migrate.diff.KeptExtras.Split split = io.sark.migrate.diff.KeptExtras.of(reported);
        System.out.printf("With --keep-extras: %d proposed, %d kept (%s)%n", split.proposed().size(), split.kept().size(), split.counted());
        split.proposed().forEach(ch -> System.out.println("  keep-extras proposes: " + ch.describe()));
        assertThat(split.proposed()).as("with --keep-extras nothing is dropped or relaxed but an extra NOT NULL column without a default")
                .noneMatch(ch -> ch.getClass().getSimpleName().startsWith("Drop") || ch instanceof SchemaChange.ChangeDefault d && d.to() == null)
                .hasSizeLessThan(reported.size() / 4);

        // What --keep-extras proposes, written as a revision and applied (Keycloak's own history moved aside: another
        // changelog's), leaves nothing to propose, and Hibernate's validate passes. (Made-up rows cannot be persisted
        // here: Keycloak's database keeps foreign keys between columns its entities map as plain values.)
        db.execute("ALTER TABLE databasechangelog RENAME TO keycloak_changelog_history");
        Files.createDirectories(root.resolve(Changelog.MASTER).getParent());
        Files.writeString(root.resolve(Changelog.MASTER), "databaseChangeLog:\n");
        RevisionFiles.create(Changelog.inDirectory(root), Changelog.inDirectory(root).revisions(), "what the entities need", "t", split.proposed());
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.upgradeToHead();
        }
        try (Connection c = db.connect()) {
            List<SchemaChange> again = Generator.changes(CatalogSchemaReader.read(c), EntitySchemaReader.read(EntityModel.read(entities), c)).stream()
                    .filter(ch -> !(ch instanceof SchemaChange.RenameConstraint || ch instanceof SchemaChange.RenameIndex)).toList();
            assertThat(io.sark.migrate.diff.KeptExtras.of(again).proposed().stream().map(SchemaChange::describe))
                    .as("proposed with --keep-extras after applying what it proposed").isEmpty();
        }
        HibernateOracle.validate(db, entities);

        assertThat(nameOnly).as("constraints and indexes Keycloak named otherwise").hasSizeGreaterThan(70);
        Map<String, List<String>> dropped = byWhatItIs(reported, false);
        Map<String, List<String>> added = byWhatItIs(reported, true);
        assertThat(dropped).as("dropped").isNotEmpty();
        assertThat(added).as("added").isNotEmpty();
        assertThat(dropped.keySet()).as("a key, constraint or index dropped and added again as the same thing: a name-only or"
                + " column-order pair").doesNotContainAnyElementsOf(added.keySet());
    }

    /** The kind of a change: its first words ("Add foreign key", "Alter column"). */
    private static String kind(SchemaChange change) {
        String[] words = change.describe().split(" ");
        return words[0] + " " + words[1] + (words[1].equals("foreign") || words[1].equals("unique") || words[1].equals("primary")
                ? " " + words[2] : "");
    }

    /**
     * Constraint and index changes that drop ({@code added} false) or add one, by what the object is with its name left
     * out and its columns as a set: "table primary key [a, b]".
     */
    private static Map<String, List<String>> byWhatItIs(List<SchemaChange> changes, boolean added) {
        Map<String, List<String>> result = new TreeMap<>();
        for (SchemaChange change : changes) {
            String key = null;
            if (added && change instanceof SchemaChange.AddPrimaryKey c) {
                key = c.table() + " primary key " + sorted(c.key().columns());
            } else if (!added && change instanceof SchemaChange.DropPrimaryKey c) {
                key = c.table() + " primary key " + sorted(c.key().columns());
            } else if (added && change instanceof SchemaChange.AddUniqueConstraint c) {
                key = c.table() + " unique " + sorted(c.constraint().columns());
            } else if (!added && change instanceof SchemaChange.DropUniqueConstraint c) {
                key = c.table() + " unique " + sorted(c.constraint().columns());
            } else if (added && change instanceof SchemaChange.CreateIndex c) {
                key = c.table() + " index " + c.index().withName("");
            } else if (!added && change instanceof SchemaChange.DropIndex c) {
                key = c.table() + " index " + c.index().withName("");
            } else if (added && change instanceof SchemaChange.AddForeignKey c) {
                key = c.table() + " foreign key " + c.key().withName("");
            } else if (!added && change instanceof SchemaChange.DropForeignKey c) {
                key = c.table() + " foreign key " + c.key().withName("");
            }
            if (key != null) {
                result.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(change.describe());
            }
        }
        return result;
    }

    private static List<String> sorted(List<String> columns) {
        return columns.stream().sorted().toList();
    }
}
