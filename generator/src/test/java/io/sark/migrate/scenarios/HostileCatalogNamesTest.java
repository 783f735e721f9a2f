package io.sark.migrate.scenarios;

import io.sark.migrate.generate.Generator;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Names read from a database can hold anything, a double quote included (no entity can: Hibernate writes it
 * unescaped). Written into a revision, they stay names: the revision rebuilds exactly that catalog elsewhere, and
 * the other table is still there.
 */
@ExtendWith(FreshDatabase.class)
class HostileCatalogNamesTest {

    @Test
    void aSchemaWithQuotesAndSemicolonsInItsNamesIsRebuiltExactly(TestDatabase db, @TempDir Path root) throws Exception {
        db.execute("""
                CREATE TABLE canary (id int PRIMARY KEY);
                CREATE TABLE "odd""; drop table canary; --" (id int PRIMARY KEY, "x""y" text, "canary id" int,
                    CONSTRAINT "fk""; drop table canary" FOREIGN KEY ("canary id") REFERENCES canary (id));
                CREATE INDEX "ix_odd""; drop table canary; --" ON "odd""; drop table canary; --" ("x""y");
                CREATE SEQUENCE "seq""; drop table canary" INCREMENT BY 5;
                """);
        Schema hostile = ScenarioCorpusTest.read(db);

        try (TestDatabase copy = TestPostgres.freshDatabase()) {
            copy.execute("CREATE TABLE canary_of_copy (id int)");
            ScenarioCorpusTest.emptyChangelog(root);
            ScenarioCorpusTest.write(root, "hostile", Generator.changes(Schema.empty(), hostile));
            ScenarioCorpusTest.upgrade(copy, root);

            CatalogSnapshot original = ScenarioCorpusTest.snapshot(db);
            CatalogSnapshot rebuilt = ScenarioCorpusTest.snapshot(copy);
            assertThat(rebuilt.tables()).contains("odd\"; drop table canary; --", "canary", "canary_of_copy");
            assertThat(rebuilt.objects()).containsKey("sequence seq\"; drop table canary");
            java.util.SortedMap<String, String> originalObjects = new java.util.TreeMap<>(original.objects());
            java.util.SortedMap<String, String> rebuiltObjects = new java.util.TreeMap<>(rebuilt.objects());
            rebuiltObjects.remove("table canary_of_copy");
            rebuiltObjects.remove("column canary_of_copy.id");
            assertThat(rebuiltObjects).isEqualTo(originalObjects);
        }
    }
}
