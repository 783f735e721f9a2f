package io.sark.migrate.diff;

import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The equivalences {@link SchemaDiff} holds, held by PostgreSQL itself: a primary key or UNIQUE constraint is the same
 * rule in any column order (the same rows are refused, and a foreign key finds it by its column set), and a key
 * already has the index a plain index on its columns would add.
 */
@ExtendWith(FreshDatabase.class)
class EquivalencesTest {

    @Test
    void aKeyInEitherOrderRefusesTheSameRowsAndServesTheSameForeignKeys(TestDatabase db) throws Exception {
        for (String key : new String[] {"PRIMARY KEY", "UNIQUE"}) {
            for (String order : new String[] {"a, b", "b, a"}) {
                db.execute("DROP TABLE IF EXISTS r, t");
                db.execute("CREATE TABLE t (a int NOT NULL, b int NOT NULL, " + key + " (" + order + "))");
                db.execute("INSERT INTO t VALUES (1, 2), (2, 1)");
                assertThatThrownBy(() -> db.execute("INSERT INTO t VALUES (1, 2)")).as(key + " (" + order + ")")
                        .isInstanceOf(SQLException.class).hasMessageContaining("duplicate key");
                db.execute("CREATE TABLE r (a int, b int, FOREIGN KEY (a, b) REFERENCES t (a, b), FOREIGN KEY (b, a) REFERENCES t (b, a))");
                db.execute("INSERT INTO r VALUES (1, 2)");
                assertThatThrownBy(() -> db.execute("INSERT INTO r VALUES (3, 4)")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("foreign key");
            }
        }
    }

    @Test
    void aKeyAlreadyHasTheIndexOfItsColumns(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE k (id int PRIMARY KEY, name text UNIQUE)");

        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'k'::regclass ORDER BY 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("CREATE UNIQUE INDEX k_name_key ON public.k USING btree (name)");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("CREATE UNIQUE INDEX k_pkey ON public.k USING btree (id)");
        }
    }
}
