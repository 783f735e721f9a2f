package io.sark.migrate.scenarios;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Inheritance, as Hibernate maps it: one table with a discriminator (subclass columns nullable), a table per class
 * joined to the root's (root created first, foreign keys after), a table per concrete class, and a mapped
 * superclass; abstract roots included.
 */
final class Hierarchies {

    private Hierarchies() {
    }

    @Entity(name = "Payment") @Table(name = "payments")
    @jakarta.persistence.Inheritance(strategy = InheritanceType.SINGLE_TABLE) @DiscriminatorColumn(name = "kind")
    abstract static class SinglePayment {
        @Id UUID id;
        @Column(name = "amount", nullable = false) Integer amount;
    }

    @Entity(name = "CardPayment") @DiscriminatorValue("card")
    static class SingleCard extends SinglePayment {
        @Column(name = "card_last4", length = 4) String last4;
    }

    @Entity(name = "BankPayment") @DiscriminatorValue("bank")
    static class SingleBank extends SinglePayment {
        @Column(name = "iban", length = 34) String iban;
    }

    @Entity(name = "Payment") @Table(name = "payments")
    @jakarta.persistence.Inheritance(strategy = InheritanceType.JOINED)
    abstract static class JoinedPayment {
        @Id UUID id;
        @Column(name = "amount", nullable = false) Integer amount;
    }

    @Entity(name = "CardPayment") @Table(name = "card_payments")
    static class JoinedCard extends JoinedPayment {
        @Column(name = "card_last4", length = 4) String last4;
    }

    @Entity(name = "BankPayment") @Table(name = "bank_payments")
    static class JoinedBank extends JoinedPayment {
        @Column(name = "iban", length = 34) String iban;
    }

    @Entity(name = "Payment")
    @jakarta.persistence.Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
    abstract static class PerClassPayment {
        @Id UUID id;
        @Column(name = "amount", nullable = false) Integer amount;
    }

    @Entity(name = "CardPayment") @Table(name = "card_payments")
    static class PerClassCard extends PerClassPayment {
        @Column(name = "card_last4", length = 4) String last4;
    }

    @Entity(name = "BankPayment") @Table(name = "bank_payments")
    static class PerClassBank extends PerClassPayment {
        @Column(name = "iban", length = 34) String iban;
    }

    @Entity(name = "Vehicle") @Table(name = "vehicles")
    @jakarta.persistence.Inheritance(strategy = InheritanceType.JOINED)
    static class ConcreteVehicle {
        @Id @GeneratedValue Long id;
        @Column(name = "wheels") Integer wheels;
    }

    @Entity(name = "Truck") @Table(name = "trucks")
    static class Truck extends ConcreteVehicle {
        @Column(name = "payload_kg") Integer payloadKg;
    }

    @MappedSuperclass
    abstract static class Audited {
        @Id UUID id;
        @Column(name = "created_at", nullable = false) Instant createdAt;
        @Column(name = "created_by", length = 100) String createdBy;
    }

    @Entity(name = "Note") @Table(name = "notes")
    static class Note extends Audited {
        @Column(name = "body") String body;
    }

    static final List<Scenario> ALL = List.of(
            new Case("SINGLE_TABLE with an abstract root", List.of(Anchor.class), List.of(Anchor.class, SinglePayment.class, SingleCard.class,
                    SingleBank.class), List.of("Create table payments.")),
            new Case("SINGLE_TABLE: a subclass added", List.of(SinglePayment.class, SingleCard.class),
                    List.of(SinglePayment.class, SingleCard.class, SingleBank.class), List.of("Add column payments.iban character varying(34).")),
            new Case("JOINED with an abstract root", List.of(Anchor.class), List.of(Anchor.class, JoinedPayment.class, JoinedCard.class,
                    JoinedBank.class), List.of(
                    "Create table bank_payments.",
                    "Create table card_payments.",
                    "Create table payments.",
                    "Add foreign key bank_payments_id_fkey on bank_payments (id) -> payments (id), ON DELETE NO ACTION.",
                    "Add foreign key card_payments_id_fkey on card_payments (id) -> payments (id), ON DELETE NO ACTION.")),
            new Case("JOINED with a concrete root and a generated id", List.of(Anchor.class), List.of(Anchor.class, ConcreteVehicle.class,
                    Truck.class), List.of(
                    "Create sequence vehicles_seq (start 1, increment 50).",
                    "Create table trucks.",
                    "Create table vehicles.",
                    "Add foreign key trucks_id_fkey on trucks (id) -> vehicles (id), ON DELETE NO ACTION.")),
            new Case("TABLE_PER_CLASS with an abstract root", List.of(Anchor.class), List.of(Anchor.class, PerClassPayment.class,
                    PerClassCard.class, PerClassBank.class), List.of(
                    "Create table bank_payments.",
                    "Create table card_payments.")),
            new Case("@MappedSuperclass columns", List.of(Anchor.class), List.of(Anchor.class, Note.class), List.of(
                    "Create table notes.")),
            new Case("JOINED: a subclass removed", List.of(JoinedPayment.class, JoinedCard.class, JoinedBank.class),
                    List.of(JoinedPayment.class, JoinedCard.class), List.of(
                    "Drop foreign key bank_payments_id_fkey on bank_payments.",
                    "Drop table bank_payments.")));
}
