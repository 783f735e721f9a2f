package io.sark.migrate.postgres;

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
