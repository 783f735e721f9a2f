package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Circular foreign keys, a new entity with relations, a many-to-many join table. */
final class Relations {

    private Relations() {
    }

    @Entity(name = "Doc") @Table(name = "docs")
    static class Doc {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "current_revision_id", foreignKey = @ForeignKey(name = "fk_docs_current_revision"))
        @OnDelete(action = OnDeleteAction.SET_NULL) DocRevision currentRevision;
    }

    @Entity(name = "DocRevision") @Table(name = "doc_revisions")
    static class DocRevision {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "doc_id", nullable = false, foreignKey = @ForeignKey(name = "doc_revisions_doc_id_fkey"))
        @OnDelete(action = OnDeleteAction.CASCADE) Doc doc;
    }

    @Entity(name = "Customer") @Table(name = "customers")
    static class Customer {
        @Id UUID id;
        @Column(name = "name", nullable = false) String name;
    }

    @Entity(name = "Purchase") @Table(name = "purchases")
    static class Purchase {
        @Id UUID id;
        @ManyToOne(fetch = FetchType.LAZY, optional = false)
        @JoinColumn(name = "customer_id", nullable = false, foreignKey = @ForeignKey(name = "purchases_customer_id_fkey"))
        Customer customer;
    }

    @Entity(name = "Course") @Table(name = "courses")
    static class Course {
        @Id UUID id;
    }

    @Entity(name = "Student") @Table(name = "students")
    static class Student {
        @Id UUID id;
    }

    @Entity(name = "Student") @Table(name = "students")
    static class EnrolledStudent {
        @Id UUID id;
        @ManyToMany
        @JoinTable(name = "enrollments",
                joinColumns = @JoinColumn(name = "student_id", foreignKey = @ForeignKey(name = "enrollments_student_id_fkey")),
                inverseJoinColumns = @JoinColumn(name = "course_id", foreignKey = @ForeignKey(name = "enrollments_course_id_fkey")))
        Set<Course> courses;
    }

    record Case(String name, List<Class<?>> from, List<Class<?>> to, List<String> expected) implements Scenario {
        public List<Class<?>> before() { return from; }
        public List<Class<?>> after() { return to; }
        public List<String> expectedChanges() { return expected; }
        @Override public String toString() { return name; }
    }

    static final List<Scenario> ALL = List.of(
            new Case("circular foreign keys", List.of(), List.of(Doc.class, DocRevision.class), List.of(
                    "Create table doc_revisions.",
                    "Create table docs.",
                    "Add foreign key doc_revisions_doc_id_fkey on doc_revisions (doc_id) -> docs (id), ON DELETE CASCADE.",
                    "Add foreign key fk_docs_current_revision on docs (current_revision_id) -> doc_revisions (id), ON DELETE SET NULL.")),
            new Case("circular foreign keys dropped", List.of(Doc.class, DocRevision.class), List.of(), List.of(
                    "Drop foreign key doc_revisions_doc_id_fkey on doc_revisions.",
                    "Drop foreign key fk_docs_current_revision on docs.",
                    "Drop table doc_revisions.",
                    "Drop table docs.")),
            new Case("new entity with relations", List.of(Customer.class), List.of(Customer.class, Purchase.class), List.of(
                    "Create table purchases.",
                    "Add foreign key purchases_customer_id_fkey on purchases (customer_id) -> customers (id), ON DELETE NO ACTION.")),
            new Case("many-to-many join table", List.of(Course.class, Student.class), List.of(Course.class, EnrolledStudent.class), List.of(
                    "Create table enrollments.",
                    "Add foreign key enrollments_course_id_fkey on enrollments (course_id) -> courses (id), ON DELETE NO ACTION.",
                    "Add foreign key enrollments_student_id_fkey on enrollments (student_id) -> students (id), ON DELETE NO ACTION.")));
}
