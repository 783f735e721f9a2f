package io.sark.migrate.gate;

import io.sark.migrate.model.SarkEntities;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gate as a project's own test uses it: SARK's entities and SARK's changelog (from the class path, as the
 * project's build puts it there) pass; an entity added without a migration fails, naming what is missing and how to
 * write it.
 */
class MigrationGateTest {

    @Entity(name = "GateNote")
    @Table(name = "gate_notes")
    static class GateNote {
        @Id
        UUID id;
        String body;
    }

    @Test
    void entitiesAndTheirChangelogPass() {
        assertThatCode(() -> MigrationGate.entities(SarkEntities.ALL.toArray(Class<?>[]::new))
                .changelogOnClasspath("db/changelog/db.changelog-master.yaml")
                .assertNoPendingChanges()).doesNotThrowAnyException();
    }

    /** Found by package, as a project names its own: SARK's model package holds exactly the entities its changelog makes. */
    @Test
    void entitiesFoundByTheirPackagePass() {
        assertThatCode(() -> MigrationGate.entitiesIn("io.sark.migrate.model")
                .changelogOnClasspath("db/changelog/db.changelog-master.yaml")
                .assertNoPendingChanges()).doesNotThrowAnyException();
        assertThatThrownBy(() -> MigrationGate.entitiesIn("io.sark.migrate.nothing"))
                .hasMessageContaining("no @Entity, @Embeddable or @MappedSuperclass class in package io.sark.migrate.nothing");
    }

    @Test
    void anEntityWithoutItsMigrationFailsTheBuild() {
        List<Class<?>> entities = new ArrayList<>(SarkEntities.ALL);
        entities.add(GateNote.class);

        assertThatThrownBy(() -> MigrationGate.entities(entities.toArray(Class<?>[]::new))
                .changelogOnClasspath("db/changelog/db.changelog-master.yaml")
                .assertNoPendingChanges())
                .isInstanceOf(AssertionError.class)
                .hasMessage("The entities changed and no migration says so; the changelog needs 1 change(s):\n"
                        + "  - Create table gate_notes.\n"
                        + "Write them as a revision: sark-migrate revision -m \"<what changed>\" --autogenerate (review it, then commit it"
                        + " with the entities).");
    }
}
