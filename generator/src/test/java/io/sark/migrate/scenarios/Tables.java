package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.List;
import java.util.UUID;

/** Tables come and go. */
final class Tables {

    private Tables() {
    }

    @Entity(name = "Widget")
    @Table(name = "widgets")
    static class Widget {
        @Id
        UUID id;
        @Column(name = "name", nullable = false, length = 100)
        String name;
    }

    static final class AddTable implements Scenario {
        public List<Class<?>> before() { return List.of(); }
        public List<Class<?>> after() { return List.of(Widget.class); }
        public List<String> expectedChanges() { return List.of("Create table widgets."); }
        @Override public String toString() { return "add table"; }
    }

    static final class DropTable implements Scenario {
        public List<Class<?>> before() { return List.of(Widget.class); }
        public List<Class<?>> after() { return List.of(); }
        public List<String> expectedChanges() { return List.of("Drop table widgets."); }
        @Override public String toString() { return "drop table"; }
    }
}
