package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import java.util.List;
import java.util.UUID;

/** Names written in mixed case are folded to lower case by PostgreSQL; the generator must not see a difference in that. */
final class IdentifierCase implements Scenario {

    @Entity(name = "Gizmo")
    @Table(name = "Gizmos", indexes = @Index(name = "IX_Gizmos_Label", columnList = "Label"))
    static class Gizmo {
        @Id @Column(name = "ID") UUID id;
        @Column(name = "Label", length = 40) String label;
    }

    @Entity(name = "Gizmo")
    @Table(name = "Gizmos", indexes = @Index(name = "IX_Gizmos_Label", columnList = "Label"))
    static class CountedGizmo {
        @Id @Column(name = "ID") UUID id;
        @Column(name = "Label", length = 40) String label;
        @Column(name = "Count") Integer count;
    }

    public List<Class<?>> before() { return List.of(Gizmo.class); }
    public List<Class<?>> after() { return List.of(CountedGizmo.class); }
    public List<String> expectedChanges() { return List.of("Add column gizmos.count integer."); }
    @Override public String toString() { return "identifier case"; }
}
