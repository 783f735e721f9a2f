package io.sark.migrate.postgres.catalog;

import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogSnapshotTest {

    private static final String BASE = """
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE TABLE person (
                id uuid PRIMARY KEY,
                email varchar(255) NOT NULL UNIQUE,
                mood mood DEFAULT 'ok' NOT NULL,
                tags varchar[] DEFAULT '{}'::varchar[] NOT NULL,
                born timestamptz
            );
            CREATE INDEX ix_person_born ON person (born);
            COMMENT ON COLUMN person.email IS 'where to write';
            CREATE TABLE databasechangelog (id text);
            """;

    private TestDatabase left;
    private TestDatabase right;

    @BeforeEach
    void createDatabases() throws SQLException {
        left = TestPostgres.freshDatabase();
        right = TestPostgres.freshDatabase();
        left.execute(BASE);
        right.execute(BASE);
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        left.close();
        right.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "ALTER TABLE person ADD COLUMN nick text                     | extra   column person.nick: #6 text NULL",
            "ALTER TABLE person ALTER COLUMN born SET NOT NULL           | differs column person.born: expected #5 timestamp with time zone NULL, found #5 timestamp with time zone NOT NULL",
            "ALTER TABLE person ALTER COLUMN mood SET DEFAULT 'happy'    | differs column person.mood: expected #3 mood NOT NULL DEFAULT 'ok'::mood, found #3 mood NOT NULL DEFAULT 'happy'::mood",
            "ALTER TABLE person ALTER COLUMN email TYPE varchar(300)     | differs column person.email: expected #2 character varying(255) NOT NULL COMMENT where to write, found #2 character varying(300) NOT NULL COMMENT where to write",
            "COMMENT ON COLUMN person.email IS 'elsewhere'               | differs column person.email: expected #2 character varying(255) NOT NULL COMMENT where to write, found #2 character varying(255) NOT NULL COMMENT elsewhere",
            "DROP INDEX ix_person_born                                    | missing index ix_person_born: CREATE INDEX ix_person_born ON public.person USING btree (born)",
            "CREATE INDEX ix_person_born_desc ON person (born DESC)       | extra   index ix_person_born_desc: CREATE INDEX ix_person_born_desc ON public.person USING btree (born DESC)",
            "ALTER TYPE mood ADD VALUE 'great'                            | differs type mood: expected enum ('sad', 'ok', 'happy'), found enum ('sad', 'ok', 'happy', 'great')",
            "ALTER TABLE person DROP CONSTRAINT person_email_key          | missing constraint person.person_email_key: UNIQUE (email)",
            "ALTER TABLE person ADD CONSTRAINT ck CHECK (email <> '') NOT VALID | extra   constraint person.ck: CHECK (((email)::text <> ''::text)) NOT VALID",
    })
    void reportsEachDifferingObject(String change, String expectedLine) throws SQLException {
        right.execute(change);

        List<String> differences = read(right).differencesFrom(read(left));

        assertThat(differences).contains(expectedLine);
    }

    @org.junit.jupiter.api.Test
    void identicalSchemasHaveNoDifferencesAndLiquibaseTablesAreLeftOut() throws SQLException {
        CatalogSnapshot snapshot = read(left);

        assertThat(read(right).differencesFrom(snapshot)).isEmpty();
        assertThat(snapshot.tables()).containsExactly("person");
        assertThat(snapshot.types()).containsExactly("mood");
    }

    @org.junit.jupiter.api.Test
    void columnOrderCounts() throws SQLException {
        right.execute("ALTER TABLE person DROP COLUMN born; ALTER TABLE person ADD COLUMN born timestamptz;"
                + " CREATE INDEX ix_person_born ON person (born)");

        assertThat(read(right).differencesFrom(read(left))).isEmpty();

        right.execute("ALTER TABLE person DROP COLUMN mood; ALTER TABLE person ADD COLUMN mood mood DEFAULT 'ok' NOT NULL");

        assertThat(read(right).differencesFrom(read(left)))
                .contains("differs column person.mood: expected #3 mood NOT NULL DEFAULT 'ok'::mood, found #5 mood NOT NULL DEFAULT 'ok'::mood");
    }

    private static CatalogSnapshot read(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return CatalogSnapshot.read(c);
        }
    }

    /**
     * An extension's own objects are the extension's, not the schema's, even when it installs them into {@code public}
     * (TimescaleDB does, and cannot be moved: 86 functions and 13 procedures). Functions, types, domains and views of
     * five contrib extensions here; a table of the schema's own that uses an extension's type is still compared.
     */
    @org.junit.jupiter.api.Test
    void objectsThatAnExtensionOwnsAreLeftOutWhateverTheirSchema() throws SQLException {
        left.execute("CREATE EXTENSION pgcrypto; CREATE EXTENSION citext; CREATE EXTENSION cube; CREATE EXTENSION earthdistance;"
                + " CREATE EXTENSION pg_stat_statements; CREATE EXTENSION hstore");
        right.execute("CREATE SCHEMA elsewhere; CREATE EXTENSION citext SCHEMA elsewhere");
        left.execute("ALTER TABLE person ADD COLUMN nick citext");
        right.execute("ALTER TABLE person ADD COLUMN nick elsewhere.citext");

        try (Connection l = left.connect(); Connection r = right.connect()) {
            assertThat(CatalogSnapshot.read(l).differencesFrom(CatalogSnapshot.read(r)))
                    .containsExactly("differs column person.nick: expected #6 elsewhere.citext NULL, found #6 citext NULL");
        }
    }
}
