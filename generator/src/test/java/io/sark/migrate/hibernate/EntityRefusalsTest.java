package io.sark.migrate.hibernate;

import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What sark-migrate refuses to read as a schema, each in one line that names the entity or the statement: never a
 * schema PostgreSQL would refuse later, never a statement that is not what Hibernate meant.
 */
@ExtendWith(FreshDatabase.class)
class EntityRefusalsTest {

    @Entity(name = "Report") @Table(name = "reports", schema = "pg_reporting")
    static class InAReservedSchema {
        @Id UUID id;
    }

    @Entity(name = "Counter") @Table(name = "counters")
    static class SequenceInAReservedSchema {
        @Id @GeneratedValue(generator = "c") @SequenceGenerator(name = "c", sequenceName = "counter_seq", schema = "pg_ops") Long id;
    }

    @Entity(name = "Odd") @Table(name = "odd", indexes = @Index(name = "ix odd; drop table odd", columnList = "name"))
    static class UnquotedIndexName {
        @Id UUID id;
        @Column(name = "name") String name;
    }

    @Entity(name = "Quoted") @Table(name = "quoted")
    static class QuoteInAName {
        @Id UUID id;
        @Column(name = "x\"y") String xy;
    }

    @Entity(name = "Identity") @Table(name = "identity_and_serial")
    static class IdentityOnSerial {
        @Id @GeneratedValue(strategy = jakarta.persistence.GenerationType.IDENTITY) @Column(name = "id", columnDefinition = "bigserial") Long id;
    }

    /**
     * A schema PostgreSQL refuses to create (pg_ is its own): the entities' schema is built in scratch schemas of other
     * names, so it is refused when the entities are read, naming it, not when the revision is applied.
     */
    @Test
    void aSchemaPostgreSqlRefusesIsRefusedNamingIt() {
        assertThatThrownBy(() -> EntityModel.read(List.of(InAReservedSchema.class)))
                .isInstanceOf(EntityMappingException.class)
                .hasMessage("Schema pg_reporting (mapped by table reports): PostgreSQL reserves names beginning with pg_ for its own schemas"
                        + " and refuses to create one. Name the schema otherwise.");
        assertThatThrownBy(() -> EntityModel.read(List.of(SequenceInAReservedSchema.class)))
                .isInstanceOf(EntityMappingException.class)
                .hasMessageStartingWith("Schema pg_ops (mapped by a sequence): PostgreSQL reserves");
        assertThatThrownBy(() -> EntityModel.read(List.of(UnquotedIndexName.class),
                new HibernateSettings(java.util.Map.of("hibernate.default_schema", "pg_app"))))
                .isInstanceOf(EntityMappingException.class)
                .hasMessageStartingWith("Schema pg_app (hibernate.default_schema): PostgreSQL reserves");
    }

    @Test
    void aStatementHibernateWritesWithAnUnquotedNameIsNotRun(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE canary (id int)");
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> EntitySchemaReader.read(List.of(UnquotedIndexName.class), c))
                    .isInstanceOf(EntityMappingException.class)
                    .hasMessageContaining("PostgreSQL refuses the schema Hibernate writes for the entities: it holds more than one statement")
                    .hasMessageContaining("create index ix odd; drop table odd on odd (name)");
        }
        db.execute("SELECT 1 FROM canary");
    }

    @Test
    void aDoubleQuoteInANameHibernateCannotWriteIsRefusedInOneLine(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> EntitySchemaReader.read(List.of(QuoteInAName.class), c))
                    .isInstanceOf(EntityMappingException.class)
                    .hasMessageStartingWith("PostgreSQL refuses the schema Hibernate writes for the entities:")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void anIdentityOnASerialColumnIsWhatPostgreSqlRefuses(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> EntitySchemaReader.read(List.of(IdentityOnSerial.class), c))
                    .isInstanceOf(EntityMappingException.class)
                    .hasMessage("PostgreSQL refuses the schema Hibernate writes for the entities: ERROR: both default and identity specified"
                            + " for column \"id\" of table \"identity_and_serial\" (in: create table identity_and_serial (id bigserial generated by"
                            + " default as identity, primary key (id)))");
        }
    }
}
