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

    enum MoodWithOk { sad, fine, ok, happy }

    enum MoodWithEcstatic { sad, fine, happy, ecstatic }

    enum MoodWithoutFine { sad, happy }

    enum MoodReordered { happy, fine, sad }

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

    @Entity(name = "Person") @Table(name = "people")
    static class MoodyOk {
        @Id UUID id;
        @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM) @ColumnDefault("'fine'::mood")
        @Column(name = "mood", nullable = false, columnDefinition = "mood") MoodWithOk mood;
    }

    @Entity(name = "Person") @Table(name = "people")
    static class MoodyEcstatic {
        @Id UUID id;
        @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM) @ColumnDefault("'fine'::mood")
        @Column(name = "mood", nullable = false, columnDefinition = "mood") MoodWithEcstatic mood;
    }

    @Entity(name = "Person") @Table(name = "people")
    static class MoodyWithoutFine {
        @Id UUID id;
        @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM)
        @Column(name = "mood", nullable = false, columnDefinition = "mood") MoodWithoutFine mood;
    }

    @Entity(name = "Person") @Table(name = "people")
    static class MoodyReordered {
        @Id UUID id;
        @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM) @ColumnDefault("'fine'::mood")
        @Column(name = "mood", nullable = false, columnDefinition = "mood") MoodReordered mood;
    }

    record Case(String name, Class<?> from, Class<?> to, List<String> expected, String refusal) implements Scenario {
        Case(String name, Class<?> from, Class<?> to, List<String> expected) {
            this(name, from, to, expected, null);
        }
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
                    "Drop enum type mood.")),
            new Case("enum value added in the middle", Moody.class, MoodyOk.class,
                    List.of("Add value 'ok' to enum type mood (before 'happy')."), null),
            new Case("enum value added at the end", Moody.class, MoodyEcstatic.class,
                    List.of("Add value 'ecstatic' to enum type mood (after 'happy')."), null),
            new Case("enum value removal refused", Moody.class, MoodyWithoutFine.class,
                    List.of("Change the labels of enum type mood from (sad, fine, happy) to (sad, happy).",
                            "Remove the default of people.mood (was 'fine')."),
                    "create a new type with the labels wanted"),
            new Case("enum reordering refused", Moody.class, MoodyReordered.class,
                    List.of("Change the labels of enum type mood from (sad, fine, happy) to (happy, fine, sad)."),
                    "PostgreSQL cannot remove or reorder enum labels in place"));
}
