package io.sark.migrate.schema;

import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Names shortened as PostgreSQL shortens them: checked against PostgreSQL itself. */
@ExtendWith(FreshDatabase.class)
class IdentifiersTest {

    private static final List<String> NAMES = List.of(
            "short",
            "exactly_sixty_three_bytes_long_name_for_the_identifier_test_abc",
            "organisation_units_of_the_international_federation_of_examples_and_members",
            "bezeichnung_der_einheit_fuer_die_ueberoertliche_berichterstattü_mehr",
            "日本語のとても長い名前はポストグレスキューエルで切り詰められます");

    @Test
    void truncateKeepsWhatPostgreSqlKeeps(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String name : NAMES) {
                s.execute("CREATE TABLE " + Identifiers.quote(name) + " (id int)");
                try (ResultSet rs = s.executeQuery("SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE "
                        + "'" + Identifiers.truncate(name).substring(0, 4) + "%'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(Identifiers.truncate(name)).as(name).isEqualTo(rs.getString(1));
                }
                s.execute("DROP TABLE " + Identifiers.quote(name));
            }
        }
    }

    @Test
    void aReadableNameIsReadBackAsTheNameItStandsFor(TestDatabase db) throws Exception {
        // name as PostgreSQL holds it (the catalog reader reads every name so) -> the column a statement makes
        Map<String, String> names = new LinkedHashMap<>();
        names.put("plain_name", "plain_name");
        names.put("UpperCase", "UpperCase");
        names.put("ORG_DOMAIN_pkey", "ORG_DOMAIN_pkey");
        names.put("order", "order");
        names.put("timestamp", "timestamp");
        names.put("user", "user");
        names.put("with space", "with space");
        names.put("Mixed Case", "Mixed Case");
        names.put("a\"b", "a\"b");
        names.put("dollar$sign", "dollar$sign");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> name : names.entrySet()) {
                s.execute("CREATE TABLE readable (" + Identifiers.readable(name.getKey()) + " int)");
                try (ResultSet rs = s.executeQuery("SELECT attname FROM pg_attribute WHERE attrelid = 'readable'::regclass AND attnum = 1")) {
                    rs.next();
                    assertThat(rs.getString(1)).as(Identifiers.readable(name.getKey())).isEqualTo(name.getValue());
                    assertThat(Identifiers.fromSql(Identifiers.readable(name.getKey()))).as("read back").isEqualTo(name.getValue());
                }
                s.execute("DROP TABLE readable");
            }
        }
        assertThat(Identifiers.readable("UpperCase")).isEqualTo("\"UpperCase\"");
        assertThat(Identifiers.readable("order")).isEqualTo("\"order\"");
        assertThat(Identifiers.fromSql("Public.\"Mixed.Case\"")).isEqualTo("public.Mixed.Case");
    }

    @Test
    void objectNameIsTheNamePostgreSqlGivesAConstraintItNames(TestDatabase db) throws Exception {
        String table = "organisation_units_of_the_international_federation";
        String column = "parent_organisation_unit_identifier_for_reporting";
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, " + column + " int UNIQUE REFERENCES " + table + ")");
            try (ResultSet rs = s.executeQuery("SELECT conname, contype FROM pg_constraint WHERE contype IN ('u', 'f')"
                    + " AND conrelid = '" + table + "'::regclass ORDER BY contype")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(Identifiers.objectName(table, List.of(column), "fkey"));
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(Identifiers.objectName(table, List.of(column), "key"));
            }
        }
        assertThat(Identifiers.objectName("users", List.of("email"), "key")).isEqualTo("users_email_key");
    }
}
