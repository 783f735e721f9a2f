package io.sark.migrate.migrations;

import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.generate.Generator;
import io.sark.migrate.model.SarkEntities;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.server.ServerDatabase;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shadow database is the changelog replayed into an empty database, and only an empty one will do. */
@ExtendWith(FreshDatabase.class)
class ShadowDatabaseTest {

    private static ServerDatabase asTarget(TestDatabase db) {
        return new ServerDatabase(new ConnectionSettings(db.jdbcUrl(), null, null), Duration.ofSeconds(5));
    }

    @Test
    void replayingTheChangelogGivesTheEntitiesSchema(TestDatabase db) {
        Generator generator = new Generator(SarkEntities.ALL, Changelog.bundled(), MigrationListener.NONE);

        Schema shadow = generator.currentFromShadow(asTarget(db));

        assertThat(Generator.changes(shadow, generator.desiredAgainst(asTarget(db)))).isEmpty();
        assertThat(shadow.tables()).hasSize(9);
    }

    @Test
    void aShadowThatIsNotEmptyIsRefused(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE leftover (id int)");
        Generator generator = new Generator(SarkEntities.ALL, Changelog.bundled(), MigrationListener.NONE);

        assertThatThrownBy(() -> generator.currentFromShadow(asTarget(db)))
                .isInstanceOf(MigrationException.class)
                .hasMessage("The shadow database is not empty (leftover): the changelog must be replayed into an empty one.");
    }
}
