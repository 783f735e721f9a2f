package io.sark.migrate.postgres.catalog;

import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.schema.Identifiers;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the live reader takes to be the schema (what {@code check} compares with the entities). */
class CatalogSchemaReaderTest {

    /**
     * Objects an extension owns are the extension's, in whichever schema: tables, their indexes and sequences, enums.
     * ({@code ALTER EXTENSION ... ADD} makes them members as an extension's script would, without a test extension.)
     */
    @Test
    void objectsThatAnExtensionOwnsAreNotTheSchemas() throws SQLException {
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            db.execute("CREATE EXTENSION citext;"
                    + " CREATE TYPE ext_state AS ENUM ('a', 'b'); CREATE TABLE ext_jobs (id serial PRIMARY KEY, state ext_state);"
                    + " CREATE INDEX ext_jobs_state ON ext_jobs (state); CREATE SEQUENCE ext_counter;"
                    + " ALTER EXTENSION citext ADD TYPE ext_state; ALTER EXTENSION citext ADD TABLE ext_jobs;"
                    + " ALTER EXTENSION citext ADD SEQUENCE ext_jobs_id_seq; ALTER EXTENSION citext ADD SEQUENCE ext_counter;"
                    + " CREATE TYPE mood AS ENUM ('ok'); CREATE TABLE notes (id int PRIMARY KEY, body citext, mood mood)");
            try (Connection c = db.connect()) {
                Schema schema = CatalogSchemaReader.read(c, "public", Set.of());

                assertThat(schema.tables().keySet()).containsExactly("notes");
                assertThat(schema.enumTypes().keySet()).containsExactly("mood");
                assertThat(schema.sequences()).isEmpty();
            }
        }
    }

    /**
     * Several schemas read into one: the home schema's names bare, another's qualified, a foreign key across them
     * naming the table it references in its schema, a sequence of another schema there; a schema not asked for is left
     * alone, and a scratch schema can stand for the schema it was built for.
     */
    @Test
    void otherSchemasAreReadWithTheirNamesQualified() throws SQLException {
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            db.execute("CREATE TABLE users (id int PRIMARY KEY);"
                    + " CREATE SCHEMA reporting; CREATE TABLE reporting.sales (id int PRIMARY KEY, user_id int REFERENCES users);"
                    + " CREATE TABLE reporting.lines (id int PRIMARY KEY, sale_id int REFERENCES reporting.sales);"
                    + " CREATE SEQUENCE reporting.sale_numbers; CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.t (id int);"
                    + " CREATE SCHEMA scratch_reporting; CREATE TABLE scratch_reporting.sales (id int PRIMARY KEY)");
            try (Connection c = db.connect()) {
                java.util.Map<String, String> namespaces = new java.util.HashMap<>();
                namespaces.put("public", null);
                namespaces.put("reporting", "reporting");
                Schema schema = CatalogSchemaReader.read(c, namespaces, Set.of());
                Schema scratch = CatalogSchemaReader.read(c, java.util.Map.of("scratch_reporting", "reporting"), Set.of());

                String sales = Identifiers.qualified("reporting", "sales");
                assertThat(schema.tables().keySet()).containsExactlyInAnyOrder("users", sales, Identifiers.qualified("reporting", "lines"));
                assertThat(schema.tables().get(sales).foreignKeys().values()).singleElement()
                        .satisfies(fk -> assertThat(fk.referencedTable()).isEqualTo("users"));
                assertThat(schema.tables().get(Identifiers.qualified("reporting", "lines")).foreignKeys().values()).singleElement()
                        .satisfies(fk -> assertThat(fk.referencedTable()).isEqualTo(sales));
                assertThat(schema.sequences().keySet()).containsExactly(Identifiers.qualified("reporting", "sale_numbers"));
                assertThat(scratch.tables().keySet()).containsExactly(sales);
                assertThat(Identifiers.readable(sales)).isEqualTo("reporting.sales");
                assertThat(Identifiers.display("Create table " + sales + ".")).isEqualTo("Create table reporting.sales.");
                assertThat(CatalogSnapshot.read(c, java.util.List.of("reporting", "absent")).objects())
                        .containsKeys("schema reporting", "table reporting.sales", "column reporting.sales.user_id", "table users")
                        .doesNotContainKeys("schema absent", "table elsewhere.t");
            }
        }
    }

    /**
     * TimescaleDB makes an index on a hypertable's time column, descending, named {@code <table>_<column>_idx}, unless
     * told not to; it is TimescaleDB's and is left out. The view is the shape of TimescaleDB's own
     * {@code timescaledb_information.dimensions}; the index is what {@code create_hypertable} makes (quoted here, since
     * {@code timestamp} is a keyword: the reader writes {@code "timestamp" DESC}).
     */
    @Test
    void timescaleDbsDefaultTimeIndexIsLeftOutAndAnIndexOfOnesOwnIsNot() throws SQLException {
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            db.execute("CREATE TABLE audit_events (id int, \"timestamp\" timestamptz NOT NULL, at timestamptz);"
                    + " CREATE INDEX audit_events_timestamp_idx ON audit_events (\"timestamp\" DESC);"
                    + " CREATE INDEX audit_events_at_idx ON audit_events (at DESC);"
                    + " CREATE SCHEMA timescaledb_information;"
                    + " CREATE VIEW timescaledb_information.dimensions AS SELECT 'public'::name AS hypertable_schema,"
                    + " 'audit_events'::name AS hypertable_name, 1 AS dimension_number, 'timestamp'::name AS column_name");
            try (Connection c = db.connect()) {
                Schema schema = CatalogSchemaReader.read(c, "public", Set.of());

                assertThat(schema.tables().get("audit_events").indexes().keySet())
                        .containsExactly("audit_events_at_idx");
            }
        }
    }
}
