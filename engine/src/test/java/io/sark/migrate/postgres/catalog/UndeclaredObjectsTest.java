package io.sark.migrate.postgres.catalog;

import io.sark.migrate.postgres.catalog.UndeclaredObjects;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The objects no entity declares are counted by kind, an extension's own left out. */
@ExtendWith(FreshDatabase.class)
class UndeclaredObjectsTest {

    @Test
    void viewsFunctionsProceduresTriggersAndPoliciesAreCountedButNotAnExtensionsOwn(TestDatabase db) throws Exception {
        db.execute("""
                CREATE EXTENSION citext;
                CREATE TABLE users (id int PRIMARY KEY, name citext, updated_at timestamptz);
                CREATE VIEW named_users AS SELECT id, name FROM users WHERE name IS NOT NULL;
                CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users;
                CREATE FUNCTION user_total() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM users';
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
                CREATE PROCEDURE forget(x int) LANGUAGE sql AS 'DELETE FROM users WHERE id = x';
                CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
                ALTER TABLE users ENABLE ROW LEVEL SECURITY;
                CREATE POLICY own_rows ON users USING (true);
                """);
        try (Connection c = db.connect()) {
            Map<String, Integer> counts = UndeclaredObjects.count(c, "public");

            assertThat(counts).containsExactly(Map.entry("view", 1), Map.entry("materialized view", 1), Map.entry("function", 2),
                    Map.entry("procedure", 1), Map.entry("trigger", 1), Map.entry("row-level security policy", 1));
            assertThat(UndeclaredObjects.describe(counts))
                    .isEqualTo("1 view, 1 materialized view, 2 functions, 1 procedure, 1 trigger, 1 row-level security policy");
        }
        db.execute("CREATE VIEW v2 AS SELECT 1 AS one; CREATE SCHEMA other; CREATE VIEW other.v3 AS SELECT 1 AS one");
        try (Connection c = db.connect()) {
            assertThat(UndeclaredObjects.count(c, "public")).containsEntry("view", 2);
        }
    }
}
