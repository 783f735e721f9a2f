package io.sark.migrate.schema;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NormalizationTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "int4                           | integer",
            "INTEGER                        | integer",
            "int                            | integer",
            "int8                           | bigint",
            "bool                           | boolean",
            "varchar(255)                   | character varying(255)",
            "VARCHAR(255)                   | character varying(255)",
            "character varying              | character varying",
            "varchar[]                      | character varying[]",
            "varchar(255) array             | character varying(255)[]",
            "timestamptz                    | timestamp with time zone",
            "timestamp(6) with time zone    | timestamp with time zone",
            "timestamp(3) with time zone    | timestamp(3) with time zone",
            "timestamp(6)                   | timestamp without time zone",
            "timestamp                      | timestamp without time zone",
            "numeric(10, 2)                 | numeric(10,2)",
            "decimal(10,2)                  | numeric(10,2)",
            "float8                         | double precision",
            "float(53)                      | double precision",
            "float(24)                      | real",
            "jsonb                          | jsonb",
            "public.TransportType           | transporttype",
            "\"sensitivitylevel\"           | sensitivitylevel",
    })
    void typesTakePostgresSpelling(String written, String canonical) {
        assertThat(SqlTypes.normalize(written)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "now()                                    | timestamp with time zone    | now()",
            "CURRENT_TIMESTAMP                        | timestamp with time zone    | now()",
            "NOW()                                    | timestamp with time zone    | now()",
            "'developer'::character varying           | character varying(50)       | 'developer'",
            "'developer'                              | character varying(50)       | 'developer'",
            "'{}'::jsonb                              | jsonb                       | '{}'",
            "'{}'                                     | jsonb                       | '{}'",
            "'{}'::character varying[]                | character varying[]         | '{}'",
            "'medium'::sensitivitylevel               | sensitivitylevel            | 'medium'",
            "'medium'::public.sensitivitylevel        | sensitivitylevel            | 'medium'",
            "TRUE                                     | boolean                     | true",
            "'-1'::integer                            | integer                     | -1",
            "(0)                                      | integer                     | 0",
            "'It''s A Value'                          | text                        | 'It''s A Value'",
            "'2025-06-18'::character varying          | character varying(20)       | '2025-06-18'",
            "'5'                                      | character varying(20)       | '5'",
    })
    void defaultsTakeOneSpelling(String written, String columnType, String canonical) {
        assertThat(Defaults.normalize(written, columnType)).isEqualTo(canonical);
    }
}
