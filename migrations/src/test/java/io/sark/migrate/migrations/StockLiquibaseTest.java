package io.sark.migrate.migrations;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import liquibase.integration.commandline.LiquibaseCommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The changelog needs nothing of sark-migrate: liquibase-core's own command line (the entry point of the stock
 * {@code liquibase} tool) applies it revision by revision, giving SARK's reference schema at each of the four, and
 * sark-migrate's head at the end, and rolls it back to base.
 */
@ExtendWith(FreshDatabase.class)
class StockLiquibaseTest {

    private static final Path CHANGELOG_ROOT = Path.of("src", "main", "resources").toAbsolutePath();

    private static int liquibase(TestDatabase db, String... command) {
        System.setProperty("liquibase.analytics.enabled", "false");
        List<String> args = new java.util.ArrayList<>(List.of("--url=" + db.jdbcUrl(), "--search-path=" + CHANGELOG_ROOT,
                "--changelog-file=db/changelog/db.changelog-master.yaml", "--log-level=severe", "--show-banner=false"));
        args.addAll(List.of(command));
        return new LiquibaseCommandLine().execute(args.toArray(String[]::new));
    }

    @Test
    void stockLiquibaseAppliesEachRevisionAsSarksDumpHasIt(TestDatabase db) throws Exception {
        for (String revision : ReferenceSchemaTest.SARK_REVISIONS) {
            assertThat(liquibase(db, "update-to-tag", "--tag=" + revision)).as("update-to-tag %s", revision).isZero();
            assertThat(Fixtures.catalog(db).differencesFrom(dump(revision))).as("after %s", revision).isEmpty();
        }
        assertThat(liquibase(db, "update")).isZero();
        assertThat(Fixtures.catalog(db).differencesFrom(headBySarkMigrate())).as("at head").isEmpty();

        assertThat(liquibase(db, "rollback-count", "--count=1000")).isZero();
        assertThat(Fixtures.catalog(db).objects()).as("rolled back to base").isEmpty();
    }

    private static CatalogSnapshot headBySarkMigrate() throws SQLException {
        try (TestDatabase other = TestPostgres.freshDatabase()) {
            try (Migrator migrator = Migrator.open(other.connect())) {
                migrator.upgradeToHead();
            }
            return Fixtures.catalog(other);
        }
    }

    private static CatalogSnapshot dump(String revision) throws Exception {
        try (TestDatabase reference = TestPostgres.freshDatabase()) {
            reference.execute(Fixtures.resource("/reference-schema/" + revision + ".sql"));
            return Fixtures.catalog(reference);
        }
    }
}
