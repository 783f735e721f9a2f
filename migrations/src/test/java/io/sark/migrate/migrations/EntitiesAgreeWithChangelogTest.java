package io.sark.migrate.migrations;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.diff.SchemaDiff;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.HypertableDeclarations;
import io.sark.migrate.hibernate.EntitySchemaReader;
import io.sark.migrate.model.SarkEntities;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** The entities and the changelog at head describe exactly the same schema: no ignore list, no difference. */
@ExtendWith(FreshDatabase.class)
class EntitiesAgreeWithChangelogTest {

    @Test
    void theEntitiesDescribeTheDatabaseAtHeadExactly(TestDatabase db) throws SQLException {
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }
        Schema database;
        Schema entities;
        try (Connection c = db.connect()) {
            database = CatalogSchemaReader.read(c).withHypertables(HypertableDeclarations.in(Changelog.bundled()));
            // Hibernate's DDL for the entities, built and read back by PostgreSQL in a scratch schema (rolled back).
            entities = EntitySchemaReader.read(SarkEntities.ALL, c);
        }

        assertThat(SchemaDiff.between(database, entities).stream().map(SchemaChange::describe)).isEmpty();
        assertThat(entities.tables()).hasSize(9);
        assertThat(entities.enumTypes()).hasSize(7);
        assertThat(entities.enumTypes().get("auditeventtype").labels()).startsWith("server_registered", "server_updated").hasSize(12);
        assertThat(database.tables().get("users").uniqueConstraints()).containsOnlyKeys("users_email_key");
        assertThat(database.tables().get("users").indexes()).containsOnlyKeys("ix_users_email", "ix_users_email_lower");
        assertThat(entities.hypertables()).containsOnlyKeys("audit_events");
        assertThat(database.hypertables()).isEqualTo(entities.hypertables());
    }
}
