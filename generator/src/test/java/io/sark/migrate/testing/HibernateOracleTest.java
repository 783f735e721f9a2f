package io.sark.migrate.testing;

import io.sark.migrate.hibernate.EntitySchemaReader;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The oracle turns red for a missing sequence, identity or collection table: by Hibernate's validate where it looks
 * (sequences, tables), and by the first insert where it does not (an identity), or where validate cannot run. Each database here is the one Hibernate's own DDL builds, less one
 * object.
 */
@ExtendWith(FreshDatabase.class)
class HibernateOracleTest {

    @Entity(name = "Invoice") @Table(name = "invoices")
    static class Invoice {
        @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ids")
        @SequenceGenerator(name = "ids", sequenceName = "invoice_id_seq", allocationSize = 50) Long id;
        @Column(name = "total") Integer total;
    }

    @Entity(name = "Ticket") @Table(name = "tickets")
    static class Ticket {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
        @ElementCollection Set<String> labels = new HashSet<>();
    }

    private static void build(TestDatabase db, List<Class<?>> entities) throws Exception {
        try (var c = db.connect(); var s = c.createStatement()) {
            for (String statement : io.sark.migrate.hibernate.EntityModel.read(entities).ddl()) {
                s.execute(statement);
            }
        }
    }

    @Test
    void theSchemaHibernateBuildsPasses(TestDatabase db) throws Exception {
        build(db, List.of(Invoice.class, Ticket.class));

        assertThatCode(() -> HibernateOracle.check(db, List.of(Invoice.class, Ticket.class))).doesNotThrowAnyException();
        try (var c = db.connect()) {
            EntitySchemaReader.read(List.of(Invoice.class), c); // and the reader agrees it can be built again beside it
        }
    }

    @Test
    void aMissingSequenceFailsOnTheFirstInsert(TestDatabase db) throws Exception {
        build(db, List.of(Invoice.class));
        db.execute("DROP SEQUENCE invoice_id_seq");

        assertThatThrownBy(() -> HibernateOracle.check(db, List.of(Invoice.class))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("missing sequence [invoice_id_seq]");
        // Where validate cannot run (names over 63 bytes), the insert still finds it.
        assertThatThrownBy(() -> HibernateOracle.check(db, List.of(Invoice.class), java.util.Map.of(), false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Hibernate could not persist").hasMessageContaining("invoice_id_seq");
    }

    @Test
    void aMissingIdentityFailsOnTheFirstInsert(TestDatabase db) throws Exception {
        build(db, List.of(Ticket.class));
        db.execute("ALTER TABLE tickets ALTER COLUMN id DROP IDENTITY");

        assertThatThrownBy(() -> HibernateOracle.check(db, List.of(Ticket.class))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Hibernate could not persist").hasMessageContaining("null value in column \"id\"");
    }

    @Test
    void aMissingCollectionTableFails(TestDatabase db) throws Exception {
        build(db, List.of(Ticket.class));
        db.execute("DROP TABLE ticket_labels");

        assertThatThrownBy(() -> HibernateOracle.check(db, List.of(Ticket.class))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("missing table [Ticket_labels]");
        assertThatThrownBy(() -> HibernateOracle.check(db, List.of(Ticket.class), java.util.Map.of(), false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Hibernate could not persist").hasMessageContaining("ticket_labels");
    }
}
