package io.sark.migrate.hibernate;

import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CI gate often reads a database as a user that may not create schemas there. The entities' schema is then built in
 * the session's temporary schema instead, which every user may use, and is the same schema.
 */
@ExtendWith(FreshDatabase.class)
class LeastPrivilegeTest {

    @Test
    void aUserWhoMayNotCreateSchemasGetsTheSameSchemaOfTheEntities(TestDatabase db) throws Exception {
        String role = "reader_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'reader'; GRANT CONNECT, TEMPORARY ON DATABASE " + db.name() + " TO " + role
                + "; REVOKE CREATE ON DATABASE " + db.name() + " FROM PUBLIC");
        List<Class<?>> entities = io.sark.migrate.model.SarkEntities.ALL;
        Schema asOwner;
        try (Connection c = db.connect()) {
            asOwner = EntitySchemaReader.read(entities, c);
        }
        Schema asReader;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl().replaceFirst("([?&])user=[^&]*", "$1user=" + role)
                + "&password=reader")) {
            asReader = EntitySchemaReader.read(entities, c);
        } finally {
            db.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
        }

        assertThat(asReader).isEqualTo(asOwner);
        assertThat(asReader.tables()).hasSize(9);
    }
}
