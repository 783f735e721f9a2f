package io.sark.migrate.scenarios;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Entities in a schema besides public ({@code @Table(schema)}, {@code @CollectionTable(schema)},
 * {@code @SequenceGenerator(schema)}): the schema is created where it is missing (its rollback drops it), the tables,
 * sequences, keys and foreign keys across schemas are made and compared there, and the rollback gives the catalog back.
 */
final class Schemas {

    /** The schemas besides public these scenarios use: read by the corpus's catalog snapshots. */
    static final List<String> USED = List.of("reporting", "archive");

    private Schemas() {
    }

    @Entity(name = "Person") @Table(name = "people")
    static class Person {
        @Id UUID id;
    }

    @Entity(name = "Sale") @Table(schema = "reporting", name = "sales", indexes = @Index(name = "sales_amount_idx", columnList = "amount"))
    static class Sale {
        @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sale_numbers")
        @SequenceGenerator(name = "sale_numbers", schema = "reporting", sequenceName = "sale_numbers", allocationSize = 50) Long id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "person_id") Person person;
        @Column(nullable = false) long amount;
        @ElementCollection @CollectionTable(schema = "reporting", name = "sale_tags", joinColumns = @JoinColumn(name = "sale_id"))
        @Column(name = "tag") Set<String> tags;
    }

    @Entity(name = "Sale") @Table(schema = "reporting", name = "sales", indexes = @Index(name = "sales_amount_idx", columnList = "amount"))
    static class NotedSale {
        @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sale_numbers")
        @SequenceGenerator(name = "sale_numbers", schema = "reporting", sequenceName = "sale_numbers", allocationSize = 50) Long id;
        @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = "person_id") Person person;
        @Column(nullable = false) long amount;
        @ElementCollection @CollectionTable(schema = "reporting", name = "sale_tags", joinColumns = @JoinColumn(name = "sale_id"))
        @Column(name = "tag") Set<String> tags;
        @Column(length = 200) String note;
    }

    @Entity(name = "Note") @Table(schema = "reporting", name = "notes")
    static class ReportingNote {
        @Id UUID id;
        @Column(length = 100) String body;
    }

    /** Moved, as the entity declares: the rows go with it. */
    @Entity(name = "Note") @Table(schema = "archive", name = "notes")
    @io.sark.migrate.model.annotations.RenamedFrom("reporting.notes")
    static class ArchivedNote {
        @Id UUID id;
        @Column(length = 100) String body;
    }

    enum Status { open, paid }

    /** A PostgreSQL enum type for a table in another schema: Hibernate creates it in public, unqualified, and so does the revision. */
    @Entity(name = "Bill") @Table(schema = "reporting", name = "bills")
    static class Bill {
        @Id UUID id;
        @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING) @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.NAMED_ENUM)
        Status status;
    }

    record Case(String name, List<Class<?>> before, List<Class<?>> after, List<String> expectedChanges) implements Scenario {
        @Override public String toString() { return name; }
    }

    /** {@code hibernate.default_schema}: every table the entities do not place is in that schema. */
    record DefaultSchema(String name, List<Class<?>> before, List<Class<?>> after, List<String> expectedChanges) implements Scenario {
        @Override public java.util.Map<String, String> settings() { return java.util.Map.of("hibernate.default_schema", "reporting"); }
        @Override public String toString() { return name; }
    }

    static final List<Scenario> ALL = List.of(
            new Case("tables, a sequence and a foreign key in another schema", List.of(Person.class), List.of(Person.class, Sale.class), List.of(
                    "Create schema reporting.",
                    "Create sequence reporting.sale_numbers (start 1, increment 50).",
                    "Create table reporting.sale_tags.",
                    "Create table reporting.sales.",
                    "Create index sales_amount_idx on reporting.sales (amount).",
                    "Add foreign key sale_tags_sale_id_fkey on reporting.sale_tags (sale_id) -> reporting.sales (id), ON DELETE NO ACTION.",
                    "Add foreign key sales_person_id_fkey on reporting.sales (person_id) -> people (id), ON DELETE NO ACTION.")),
            new DefaultSchema("the default schema setting", List.of(), List.of(Person.class), List.of(
                    "Create schema reporting.",
                    "Create table reporting.people.")),
            new Case("a table moved between schemas", List.of(ReportingNote.class), List.of(ArchivedNote.class), List.of(
                    "Create schema archive.",
                    "Rename table reporting.notes to archive.notes.")),
            new Case("an enum type in another schema", List.of(Person.class), List.of(Person.class, Bill.class), List.of(
                    "Create schema reporting.",
                    "Create enum type status (open, paid).",
                    "Create table reporting.bills.")),
            new Case("a column added in another schema", List.of(Person.class, Sale.class), List.of(Person.class, NotedSale.class), List.of(
                    "Add column reporting.sales.note character varying(200).")));
}
