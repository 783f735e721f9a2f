package io.sark.migrate.changes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlStatementsTest {

    @Test
    void aFileIsSplitIntoItsStatementsAsWrittenWithFunctionBodiesWhole() {
        String file = """
                -- The active users.
                CREATE VIEW active_users AS
                  SELECT id, email FROM users WHERE is_active;

                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  NEW.updated_at := now();
                  RETURN NEW;
                END
                $$;
                -- trailing comment only
                """;

        assertThat(SqlStatements.texts(file)).containsExactly(
                "-- The active users.\nCREATE VIEW active_users AS\n  SELECT id, email FROM users WHERE is_active",
                "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND\n$$");
    }

    @Test
    void commentsAndSemicolonsAloneAreNoStatement() {
        assertThat(SqlStatements.isEmpty("-- nothing to undo\n;")).isTrue();
        assertThat(SqlStatements.isEmpty("/* no */")).isTrue();
        assertThat(SqlStatements.isEmpty("SELECT 1 -- one")).isFalse();
        assertThat(SqlStatements.texts("; ;\n-- x")).isEmpty();
    }

    @Test
    void whatHandWrittenSqlCreatesThatNoEntityDeclares() {
        String sql = """
                CREATE OR REPLACE VIEW active_users AS SELECT * FROM users;
                CREATE MATERIALIZED VIEW IF NOT EXISTS public.daily_usage AS SELECT 1;
                CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER touch_users BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
                CREATE EXTENSION IF NOT EXISTS citext;
                CREATE TABLE t (id int);
                CREATE INDEX ix ON t (id);
                """;

        assertThat(SqlStatements.undeclaredObjectsCreated(sql)).containsExactly("view active_users", "materialized view public.daily_usage",
                "function touch", "trigger touch_users", "extension citext");
    }
}
