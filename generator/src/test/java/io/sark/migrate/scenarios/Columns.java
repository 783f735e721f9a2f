package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Comment;

import java.util.List;
import java.util.UUID;

/** Columns: added and dropped, their nullability, type, length, default and comment changed. */
final class Columns {

    private Columns() {
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class Plain {
        @Id UUID id;
        @Column(name = "name", length = 50) String name;
        @Column(name = "quantity") Integer quantity;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class WithColor {
        @Id UUID id;
        @Column(name = "name", length = 50) String name;
        @Column(name = "quantity") Integer quantity;
        @Column(name = "color", length = 20) String color;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class NameRequired {
        @Id UUID id;
        @Column(name = "name", length = 50, nullable = false) String name;
        @Column(name = "quantity") Integer quantity;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class Hits {
        @Id UUID id;
        @org.hibernate.annotations.ColumnDefault("0") @org.hibernate.annotations.Comment("How often it was seen")
        @Column(name = "hits", nullable = false) int hits;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class HitsLong {
        @Id UUID id;
        @org.hibernate.annotations.ColumnDefault("0") @org.hibernate.annotations.Comment("How often it was seen")
        @Column(name = "hits", nullable = false) long hits;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class QuantityLong {
        @Id UUID id;
        @Column(name = "name", length = 50) String name;
        @Column(name = "quantity") Long quantity;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class NameLonger {
        @Id UUID id;
        @Column(name = "name", length = 100) String name;
        @Column(name = "quantity") Integer quantity;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class QuantityDefaultZero {
        @Id UUID id;
        @Column(name = "name", length = 50) String name;
        @ColumnDefault("0") @Column(name = "quantity") Integer quantity;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class QuantityDefaultOne {
        @Id UUID id;
        @Column(name = "name", length = 50) String name;
        @ColumnDefault("1") @Column(name = "quantity") Integer quantity;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class NameDefaultText {
        @Id UUID id;
        @ColumnDefault("'unnamed'") @Column(name = "name", length = 50) String name;
        @Column(name = "quantity") Integer quantity;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class Commented {
        @Id UUID id;
        @Comment("What people call it") @Column(name = "name", length = 50) String name;
        @Column(name = "quantity") Integer quantity;
    }

    /** A table comment (Hibernate's @Comment on the entity; JPA 3.2's @Table(comment) on Hibernate 7). */
    @Entity(name = "Widget") @Table(name = "widgets") @Comment("Things we sell, e.g. 'sprockets'")
    static class TableCommented {
        @Id UUID id;
        @Column(name = "name", length = 50) String name;
        @Column(name = "quantity") Integer quantity;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class CommentedOtherwise {
        @Id UUID id;
        @Comment("Its display name, e.g. 'Sprocket'") @Column(name = "name", length = 50) String name;
        @Column(name = "quantity") Integer quantity;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class WithJsonAndArray {
        @Id UUID id;
        @Column(name = "name", length = 50) String name;
        @Column(name = "quantity") Integer quantity;
        @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON) @ColumnDefault("'{}'::jsonb")
        @Column(name = "attributes", nullable = false) java.util.Map<String, Object> attributes;
        @ColumnDefault("'{}'::character varying[]") @Comment("Free-form labels")
        @Column(name = "labels", nullable = false, columnDefinition = "character varying[]") String[] labels;
    }

    @Entity(name = "Widget") @Table(name = "widgets")
    static class WithOtherJsonDefault {
        @Id UUID id;
        @Column(name = "name", length = 50) String name;
        @Column(name = "quantity") Integer quantity;
        @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.JSON) @ColumnDefault("'{\"v\": 1}'::jsonb")
        @Column(name = "attributes", nullable = false) java.util.Map<String, Object> attributes;
        @ColumnDefault("'{}'::character varying[]") @Comment("Free-form labels")
        @Column(name = "labels", nullable = false, columnDefinition = "character varying[]") String[] labels;
    }

    record Case(String name, Class<?> from, Class<?> to, List<String> expected) implements Scenario {
        public List<Class<?>> before() { return List.of(from); }
        public List<Class<?>> after() { return List.of(to); }
        public List<String> expectedChanges() { return expected; }
        @Override public String toString() { return name; }
    }

    static final List<Scenario> ALL = List.of(
            new Case("add column", Plain.class, WithColor.class, List.of("Add column widgets.color character varying(20).")),
            new Case("drop column", WithColor.class, Plain.class, List.of("Drop column widgets.color.")),
            new Case("make NOT NULL", Plain.class, NameRequired.class, List.of("Make NOT NULL: widgets.name.")),
            new Case("allow NULL", NameRequired.class, Plain.class, List.of("Allow NULL in widgets.name.")),
            new Case("widen type", Plain.class, QuantityLong.class, List.of("Change the type of widgets.quantity from integer to bigint"
                    + " by a copy filled in batches and swapped in, not a rewrite under the lock; the old column stays, kept in step, until the contract phase drops it.")),
            new Case("narrow type", QuantityLong.class, Plain.class, List.of("Change the type of widgets.quantity from bigint to integer"
                    + " by a copy filled in batches and swapped in, not a rewrite under the lock; the old column stays, kept in step, until the contract phase drops it.")),
            new Case("widen a required type with a default and a comment", Hits.class, HitsLong.class, List.of("Change the type of widgets.hits"
                    + " from integer to bigint by a copy filled in batches and swapped in, not a rewrite under the lock; the old column stays,"
                    + " kept in step, until the contract phase drops it.")),
            new Case("length change", Plain.class, NameLonger.class,
                    List.of("Change the type of widgets.name from character varying(50) to character varying(100).")),
            new Case("default added", Plain.class, QuantityDefaultZero.class, List.of("Set the default of widgets.quantity to 0.")),
            new Case("default changed", QuantityDefaultZero.class, QuantityDefaultOne.class,
                    List.of("Set the default of widgets.quantity to 1 (was 0).")),
            new Case("default removed", QuantityDefaultOne.class, Plain.class, List.of("Remove the default of widgets.quantity (was 1).")),
            new Case("text default added", Plain.class, NameDefaultText.class, List.of("Set the default of widgets.name to 'unnamed'.")),
            new Case("comment added", Plain.class, Commented.class, List.of("Set the comment on widgets.name.")),
            new Case("comment changed", Commented.class, CommentedOtherwise.class, List.of("Set the comment on widgets.name.")),
            new Case("comment removed", Commented.class, Plain.class, List.of("Remove the comment on widgets.name.")),
            new Case("table comment added", Plain.class, TableCommented.class, List.of("Set the comment on table widgets.")),
            new Case("table comment removed", TableCommented.class, Plain.class, List.of("Remove the comment on table widgets.")),
            new io.sark.migrate.scenarios.Case("a table created with its comment", List.of(Anchor.class), List.of(Anchor.class, TableCommented.class),
                    List.of("Create table widgets.")),
            new Case("jsonb and array columns with defaults and a comment", Plain.class, WithJsonAndArray.class, List.of(
                    "Add column widgets.attributes jsonb NOT NULL.",
                    "Add column widgets.labels character varying[] NOT NULL.")),
            new Case("jsonb default changed", WithJsonAndArray.class, WithOtherJsonDefault.class,
                    List.of("Set the default of widgets.attributes to '{\"v\": 1}' (was '{}').")));
}
