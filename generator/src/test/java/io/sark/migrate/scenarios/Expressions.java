package io.sark.migrate.scenarios;

import io.sark.migrate.model.annotations.PgIndex;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Table;
import org.hibernate.annotations.Check;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Indexes JPA cannot express (partial, descending, expression, GIN) and check constraints. */
final class Expressions {

    private Expressions() {
    }

    @MappedSuperclass
    abstract static class TaskFields {
        @Id UUID id;
        @Column(name = "title", length = 200, nullable = false) String title;
        @Column(name = "status", length = 20, nullable = false) String status;
        @Column(name = "priority", nullable = false) int priority;
        @Column(name = "created_at", nullable = false) Instant createdAt;
        @Column(name = "deleted_at") Instant deletedAt;
        @JdbcTypeCode(SqlTypes.JSON) @Column(name = "labels", nullable = false) Map<String, Object> labels;
    }

    @Entity(name = "Task") @Table(name = "tasks")
    static class Plain extends TaskFields {
    }

    @Entity(name = "Task") @Table(name = "tasks")
    @PgIndex(name = "ix_tasks_open", columns = "created_at", where = "status = 'open' AND deleted_at IS NULL")
    static class Partial extends TaskFields {
    }

    @Entity(name = "Task") @Table(name = "tasks")
    @PgIndex(name = "ix_tasks_recent", columns = {"status", "created_at DESC"})
    static class Descending extends TaskFields {
    }

    @Entity(name = "Task") @Table(name = "tasks")
    @PgIndex(name = "ix_tasks_labels", columns = "labels", using = "gin")
    static class Gin extends TaskFields {
    }

    @Entity(name = "Task") @Table(name = "tasks")
    @PgIndex(name = "ix_tasks_title_lower", columns = "lower(title)", unique = true)
    static class Expression extends TaskFields {
    }

    @Entity(name = "Task") @Table(name = "tasks")
    @Check(name = "tasks_priority_check", constraints = "priority BETWEEN 1 AND 5")
    static class Checked extends TaskFields {
    }

    @Entity(name = "Task") @Table(name = "tasks")
    @Check(name = "tasks_priority_check", constraints = "priority BETWEEN 0 AND 9")
    static class CheckedWider extends TaskFields {
    }

    record Case(String name, Class<?> from, Class<?> to, List<String> expected) implements Scenario {
        public List<Class<?>> before() { return List.of(from); }
        public List<Class<?>> after() { return List.of(to); }
        public List<String> expectedChanges() { return expected; }
        @Override public String toString() { return name; }
    }

    static final List<Scenario> ALL = List.of(
            new Case("partial index", Plain.class, Partial.class,
                    List.of("Create index ix_tasks_open on tasks (created_at) where status::text = 'open'::text AND deleted_at IS NULL.")),
            new Case("descending index", Plain.class, Descending.class,
                    List.of("Create index ix_tasks_recent on tasks (status, created_at DESC).")),
            new Case("GIN index on jsonb", Plain.class, Gin.class, List.of("Create index ix_tasks_labels on tasks using gin (labels).")),
            new Case("expression index", Plain.class, Expression.class, List.of("Create unique index ix_tasks_title_lower on tasks (lower(title::text)).")),
            new Case("partial index dropped", Partial.class, Plain.class, List.of("Drop index ix_tasks_open on tasks.")),
            new Case("check constraint added", Plain.class, Checked.class,
                    List.of("Add CHECK constraint tasks_priority_check on tasks (priority >= 1 AND priority <= 5).")),
            new Case("check constraint changed", Checked.class, CheckedWider.class, List.of(
                    "Drop CHECK constraint tasks_priority_check on tasks.",
                    "Add CHECK constraint tasks_priority_check on tasks (priority >= 0 AND priority <= 9).")),
            new Case("check constraint dropped", Checked.class, Plain.class, List.of("Drop CHECK constraint tasks_priority_check on tasks.")));
}
