package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;

import java.util.List;
import java.util.UUID;

/**
 * Ids and their generators: sequences (named, with an allocation size, and Hibernate's default {@code <entity>_seq}),
 * identity columns, {@code serial}, a table generator, UUIDs; each created, changed and dropped. Without the sequence
 * or the identity, Hibernate's validate passes and the first insert fails: the oracle's insert is what shows them.
 */
final class Generators {

    private Generators() {
    }

    @Entity(name = "Invoice") @Table(name = "invoices")
    static class SequenceId {
        @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_ids")
        @SequenceGenerator(name = "invoice_ids", sequenceName = "invoice_id_seq", allocationSize = 50)
        Long id;
        @Column(name = "total") Integer total;
    }

    @Entity(name = "Invoice") @Table(name = "invoices")
    static class SequenceIdSmallerSteps {
        @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_ids")
        @SequenceGenerator(name = "invoice_ids", sequenceName = "invoice_id_seq", allocationSize = 20)
        Long id;
        @Column(name = "total") Integer total;
    }

    @Entity(name = "Invoice") @Table(name = "invoices")
    static class SequenceIdStartingHigh {
        @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_ids")
        @SequenceGenerator(name = "invoice_ids", sequenceName = "invoice_number_seq", initialValue = 1000, allocationSize = 1)
        Long id;
        @Column(name = "total") Integer total;
    }

    @Entity(name = "Ticket") @Table(name = "tickets")
    static class AutoId {
        @Id @GeneratedValue Long id;
        @Column(name = "title") String title;
    }

    @Entity(name = "Ticket") @Table(name = "tickets")
    static class PlainLongId {
        @Id Long id;
        @Column(name = "title") String title;
    }

    @Entity(name = "Ticket") @Table(name = "tickets")
    static class IdentityId {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
        @Column(name = "title") String title;
    }

    @Entity(name = "Ticket") @Table(name = "tickets")
    static class SerialNumber {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
        @Column(name = "title") String title;
        @org.hibernate.annotations.Generated
        @Column(name = "number", columnDefinition = "bigserial", insertable = false, updatable = false) Long number;
    }

    @Entity(name = "Counter") @Table(name = "counters")
    static class IntegerIdentity {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Integer id;
    }

    @Entity(name = "Badge") @Table(name = "badges")
    static class TableGenerated {
        @Id @GeneratedValue(strategy = GenerationType.TABLE, generator = "badge_ids")
        @TableGenerator(name = "badge_ids", table = "id_blocks", pkColumnName = "entity", valueColumnName = "next_block", allocationSize = 10)
        Long id;
    }

    @Entity(name = "Token") @Table(name = "tokens")
    static class UuidGenerated {
        @Id @GeneratedValue(strategy = GenerationType.UUID) UUID id;
    }

    static final List<Scenario> ALL = List.of(
            new Case("sequence generator with allocationSize", List.of(Anchor.class), List.of(Anchor.class, SequenceId.class), List.of(
                    "Create sequence invoice_id_seq (start 1, increment 50).",
                    "Create table invoices.")),
            new Case("sequence generator's allocationSize changed", List.of(SequenceId.class), List.of(SequenceIdSmallerSteps.class), List.of(
                    "Alter sequence invoice_id_seq: increment 50 -> 20.")),
            new Case("sequence generator renamed and restarted", List.of(SequenceId.class), List.of(SequenceIdStartingHigh.class), List.of(
                    "Create sequence invoice_number_seq (start 1000, increment 1).",
                    "Drop sequence invoice_id_seq.")),
            new Case("sequence generator dropped with its entity", List.of(Anchor.class, SequenceId.class), List.of(Anchor.class), List.of(
                    "Drop table invoices.",
                    "Drop sequence invoice_id_seq.")),
            new Case("@GeneratedValue AUTO: Hibernate's <entity>_seq", List.of(Anchor.class), List.of(Anchor.class, AutoId.class), List.of(
                    "Create sequence tickets_seq (start 1, increment 50).",
                    "Create table tickets.")),
            new Case("IDENTITY id", List.of(Anchor.class), List.of(Anchor.class, IdentityId.class), List.of(
                    "Create table tickets.")),
            new Case("IDENTITY added to an existing id", List.of(PlainLongId.class), List.of(IdentityId.class), List.of(
                    "Make tickets.id GENERATED BY DEFAULT AS IDENTITY.")),
            new Case("IDENTITY removed from an id", List.of(IdentityId.class), List.of(PlainLongId.class), List.of(
                    "Drop identity of tickets.id.")),
            new Case("integer IDENTITY", List.of(Anchor.class), List.of(Anchor.class, IntegerIdentity.class), List.of(
                    "Create table counters.")),
            new Case("bigserial reads back as a sequence its column owns", List.of(Anchor.class), List.of(Anchor.class, SerialNumber.class), List.of(
                    "Create sequence tickets_number_seq (start 1, increment 1).",
                    "Create table tickets.",
                    "Sequence tickets_number_seq owned by tickets.number.")),
            new Case("bigserial column added to a table with rows", List.of(IdentityId.class), List.of(SerialNumber.class), List.of(
                    "Create sequence tickets_number_seq (start 1, increment 1).",
                    "Add column tickets.number bigint NOT NULL.",
                    "Sequence tickets_number_seq owned by tickets.number.")),
            new Case("bigserial column dropped, and its sequence", List.of(SerialNumber.class), List.of(IdentityId.class), List.of(
                    "Sequence tickets_number_seq no longer owned by tickets.number.",
                    "Drop column tickets.number.",
                    "Drop sequence tickets_number_seq.")),
            new Case("TABLE generator: its table", List.of(Anchor.class), List.of(Anchor.class, TableGenerated.class), List.of(
                    "Create table badges.",
                    "Create table id_blocks.")),
            new Case("UUID generated in Java", List.of(Anchor.class), List.of(Anchor.class, UuidGenerated.class), List.of(
                    "Create table tokens.")));
}
