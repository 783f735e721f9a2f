package io.sark.migrate.gate;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.generate.Autogenerate;
import io.sark.migrate.hibernate.EntityClasses;
import io.sark.migrate.hibernate.HibernateSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A project's own test that fails when an entity changed and no migration says so:
 *
 * <pre>{@code
 * @Test
 * void everyEntityChangeHasItsMigration() {
 *     MigrationGate.entities(Customer.class, Invoice.class)
 *             .changelogOnClasspath("db/changelog/db.changelog-master.yaml")
 *             .assertNoPendingChanges();
 * }
 * }</pre>
 *
 * The changelog is replayed into a throwaway embedded PostgreSQL (no database to configure, nothing kept) and compared
 * with the schema Hibernate builds for the entities, as {@code sark-migrate check} compares them. A difference fails
 * the test with each change in plain words and the command that writes the revision.
 */
public final class MigrationGate {

    /**
     * Liquibase reports each changeset of the replay at INFO on java.util.logging: in a project's test output that is
     * noise around the one line that matters. Held here (a logger kept weakly forgets its level); a project that set
     * its own level keeps it.
     */
    private static final Logger LIQUIBASE = Logger.getLogger("liquibase");

    static {
        if (LIQUIBASE.getLevel() == null) {
            LIQUIBASE.setLevel(Level.WARNING);
        }
    }

    private final List<Class<?>> entities;
    private Changelog changelog;
    private HibernateSettings settings = HibernateSettings.none();

    private MigrationGate(List<Class<?>> entities) {
        this.entities = List.copyOf(entities);
    }

    /** The gate for these entity classes (entities, and the embeddables and mapped superclasses they use). */
    public static MigrationGate entities(Class<?>... entities) {
        if (entities.length == 0) {
            throw new IllegalArgumentException("MigrationGate.entities: name at least one entity class.");
        }
        return new MigrationGate(List.of(entities));
    }

    /**
     * The gate for every {@code @Entity}, {@code @Embeddable} and {@code @MappedSuperclass} class in these packages (and
     * below them) on the test's class path, found by their class files' annotations: no other class is loaded.
     */
    public static MigrationGate entitiesIn(String... packages) {
        if (packages.length == 0) {
            throw new IllegalArgumentException("MigrationGate.entitiesIn: name at least one package.");
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<Class<?>> found = new ArrayList<>();
        for (String name : packages) {
            for (Class<?> type : EntityClasses.inPackage(name, List.of(), loader)) {
                if (!found.contains(type)) {
                    found.add(type);
                }
            }
        }
        return new MigrationGate(found);
    }

    /** The changelog whose master is {@code master} on the test's class path (Spring Boot's: db/changelog/db.changelog-master.yaml). */
    public MigrationGate changelogOnClasspath(String master) {
        this.changelog = Changelog.onClasspath(Thread.currentThread().getContextClassLoader(), master);
        return this;
    }

    /** The changelog whose master is {@code master}, its paths relative to the nearest enclosing resources folder. */
    public MigrationGate changelog(Path master) {
        this.changelog = Changelog.ofFile(master, null);
        return this;
    }

    /** The application's Hibernate settings (naming strategies, preferred types), as the application gives them. */
    public MigrationGate hibernateSettings(Map<String, String> properties) {
        this.settings = new HibernateSettings(properties);
        return this;
    }

    /** The application's Spring Boot settings file (application.yml or .properties). */
    public MigrationGate springConfig(Path file) {
        this.settings = HibernateSettings.fromSpringBoot(file);
        return this;
    }

    /** What the entities need that the changelog does not make, in plain words; empty when they agree. */
    public List<String> pendingChanges() {
        if (changelog == null) {
            throw new IllegalStateException("MigrationGate: say where the changelog is (changelogOnClasspath or changelog).");
        }
        try (Autogenerate.Result result = Autogenerate.of(entities, changelog).settings(settings)
                .against(Autogenerate.Current.embeddedShadow()).compare()) {
            // a constraint or index the changelog named otherwise is no difference, as check says
            return result.changes().stream().map(SchemaChange::describe).toList();
        }
    }

    /** Fails, listing each change and how to write the revision, when the entities need what the changelog does not make. */
    public void assertNoPendingChanges() {
        List<String> changes = pendingChanges();
        if (!changes.isEmpty()) {
            throw new AssertionError("The entities changed and no migration says so; the changelog needs " + changes.size()
                    + " change(s):\n  - " + String.join("\n  - ", changes)
                    + "\nWrite them as a revision: sark-migrate revision -m \"<what changed>\" --autogenerate (review it, then commit it"
                    + " with the entities).");
        }
    }
}
