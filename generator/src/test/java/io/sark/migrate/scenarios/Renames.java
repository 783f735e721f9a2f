package io.sark.migrate.scenarios;

import io.sark.migrate.model.annotations.RenamedFrom;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.List;
import java.util.UUID;

/** Renames, declared with @RenamedFrom: the data stays; without the annotation it is a drop and an add. */
final class Renames {

    private Renames() {
    }

    @Entity(name = "Widget") @Table(name = "widgets", indexes = @Index(name = "ix_widgets_color", columnList = "color"))
    static class Widget {
        @Id UUID id;
        @Column(name = "color", length = 20) String color;
    }

    @Entity(name = "Widget") @Table(name = "widgets", indexes = @Index(name = "ix_widgets_color", columnList = "colour"))
    static class RenamedColumn {
        @Id UUID id;
        @RenamedFrom("color") @Column(name = "colour", length = 20) String colour;
    }

    @Entity(name = "Widget") @Table(name = "widgets", indexes = @Index(name = "ix_widgets_color", columnList = "colour"))
    static class UndeclaredRename {
        @Id UUID id;
        @Column(name = "colour", length = 20) String colour;
    }

    @Entity(name = "Gadget") @Table(name = "gadgets", indexes = @Index(name = "ix_widgets_color", columnList = "color"))
    @RenamedFrom("widgets")
    static class RenamedTable {
        @Id UUID id;
        @Column(name = "color", length = 20) String color;
    }

    @Entity(name = "Label") @Table(name = "labels")
    static class Labelled {
        @Id UUID id;
        @org.hibernate.annotations.ColumnDefault("'red'") @org.hibernate.annotations.Comment("What colour it is")
        @Column(name = "color", length = 20, nullable = false) String color;
    }

    @Entity(name = "Label") @Table(name = "labels")
    static class Relabelled {
        @Id UUID id;
        @org.hibernate.annotations.ColumnDefault("'red'") @org.hibernate.annotations.Comment("What colour it is")
        @RenamedFrom("color") @Column(name = "colour", length = 20, nullable = false) String colour;
    }

    @Entity(name = "Part") @Table(name = "parts")
    static class Part {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "widget_id", foreignKey = @ForeignKey(name = "parts_widget_id_fkey")) Widget widget;
    }

    @Entity(name = "Part") @Table(name = "parts")
    static class PartOfGadget {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "widget_id", foreignKey = @ForeignKey(name = "parts_widget_id_fkey")) RenamedTable widget;
    }

    record Case(String name, List<Class<?>> from, List<Class<?>> to, List<String> expected) implements Scenario {
        public List<Class<?>> before() { return from; }
        public List<Class<?>> after() { return to; }
        public List<String> expectedChanges() { return expected; }
        @Override public String toString() { return name; }
    }

    static final List<Scenario> ALL = List.of(
            new Case("rename column", List.of(Widget.class), List.of(RenamedColumn.class), List.of("Rename column widgets.color to colour.")),
            new Case("rename a required column with a default and a comment, which no index covers: by a copy",
                    List.of(Labelled.class), List.of(Relabelled.class), List.of("Rename column labels.color to colour by a copy kept in"
                    + " step both ways, so that the running application goes on with color; color stays until the contract phase drops it.")),
            new Case("rename table, with a foreign key pointing at it", List.of(Widget.class, Part.class),
                    List.of(RenamedTable.class, PartOfGadget.class), List.of("Rename table widgets to gadgets.")),
            new Case("undeclared rename is a drop and an add", List.of(Widget.class), List.of(UndeclaredRename.class), List.of(
                    "Drop index ix_widgets_color on widgets.",
                    "Add column widgets.colour character varying(20).",
                    "Create index ix_widgets_color on widgets (colour).",
                    "Drop column widgets.color.")));
}
