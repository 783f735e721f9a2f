package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.List;
import java.util.UUID;

/** A column of a new PostgreSQL enum type: the type is created before it, and dropped after it. */
final class EnumColumns {

    private EnumColumns() {
    }

    enum Mood { sad, fine, happy }

    @Entity(name = "Person") @Table(name = "people")
    static class Plain {
        @Id UUID id;
    }

    @Entity(name = "Person") @Table(name = "people")
    static class Moody {
        @Id UUID id;
        @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM) @ColumnDefault("'fine'::mood")
        @Column(name = "mood", nullable = false, columnDefinition = "mood") Mood mood;
    }

    record Case(String name, Class<?> from, Class<?> to, List<String> expected) implements Scenario {
        public List<Class<?>> before() { return List.of(from); }
        public List<Class<?>> after() { return List.of(to); }
        public List<String> expectedChanges() { return expected; }
        @Override public String toString() { return name; }
    }

    static final List<Scenario> ALL = List.of(
            new Case("enum column added", Plain.class, Moody.class, List.of(
                    "Create enum type mood (sad, fine, happy).",
                    "Add column people.mood mood NOT NULL.")),
            new Case("enum column dropped", Moody.class, Plain.class, List.of(
                    "Drop column people.mood.",
                    "Drop enum type mood.")));
}
