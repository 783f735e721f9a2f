package io.sark.migrate.scenarios;

import io.sark.migrate.model.annotations.Hypertable;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * TimescaleDB hypertables, on plain PostgreSQL: the steps are written guarded and skipped with a notice, and the
 * changelog's declaration keeps the next comparison quiet. A key without the time column is refused.
 */
final class Hypertables {

    private Hypertables() {
    }

    @Embeddable
    static class ReadingKey implements Serializable {
        @Column(name = "id", nullable = false) UUID id;
        @Column(name = "taken_at", nullable = false) Instant takenAt;

        @Override public boolean equals(Object o) {
            return o instanceof ReadingKey k && Objects.equals(id, k.id) && Objects.equals(takenAt, k.takenAt);
        }
        @Override public int hashCode() { return Objects.hash(id, takenAt); }
    }

    @Entity(name = "Reading") @Table(name = "readings")
    static class Plain {
        @EmbeddedId ReadingKey key;
        @Column(name = "value", nullable = false) double value;
    }

    @Entity(name = "Reading") @Table(name = "readings")
    @Hypertable(timeColumn = "taken_at", chunkInterval = "1 day", compressSegmentBy = "value", compressAfter = "7 days", retention = "90 days")
    static class Hyper {
        @EmbeddedId ReadingKey key;
        @Column(name = "value", nullable = false) double value;
    }

    @Entity(name = "Reading") @Table(name = "readings")
    @Hypertable(timeColumn = "taken_at", chunkInterval = "1 day", compressSegmentBy = "value", compressAfter = "7 days", retention = "30 days")
    static class ShorterRetention {
        @EmbeddedId ReadingKey key;
        @Column(name = "value", nullable = false) double value;
    }

    @Entity(name = "Reading") @Table(name = "readings")
    static class KeyWithoutTime {
        @Id UUID id;
        @Column(name = "taken_at", nullable = false) Instant takenAt;
    }

    @Entity(name = "Reading") @Table(name = "readings")
    @Hypertable(timeColumn = "taken_at")
    static class HyperKeyWithoutTime {
        @Id UUID id;
        @Column(name = "taken_at", nullable = false) Instant takenAt;
    }

    record Case(String name, Class<?> from, Class<?> to, List<String> expected, String refusal) implements Scenario {
        public List<Class<?>> before() { return List.of(from); }
        public List<Class<?>> after() { return List.of(to); }
        public List<String> expectedChanges() { return expected; }
        @Override public String toString() { return name; }
    }

    static final List<Scenario> ALL = List.of(
            new Case("hypertable conversion with policies", Plain.class, Hyper.class, List.of(
                    "Make readings a TimescaleDB hypertable partitioned by taken_at in chunks of 1 day.",
                    "Compress hypertable readings chunks older than 7 days, segmented by value.",
                    "Drop readings chunks older than 90 days (TimescaleDB runs the policy as soon as it is added: rows older than that go at once)."), null),
            new Case("hypertable retention changed", Hyper.class, ShorterRetention.class,
                    List.of("Drop readings chunks older than 30 days (TimescaleDB runs the policy as soon as it is added: rows older than that go at once)."), null),
            new Case("hypertable whose key leaves out the time column is refused", KeyWithoutTime.class, HyperKeyWithoutTime.class,
                    List.of("readings cannot become a hypertable: TimescaleDB needs taken_at in every primary key and unique index, and its"
                            + " primary key (id) leave(s) it out. Add taken_at to them (the key becomes (id, taken_at))."),
                    "the key becomes (id, taken_at)"));
}
