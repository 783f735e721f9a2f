package io.sark.migrate.cli;

import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entities in another schema, through the commands: revision writes the schema's creation and schema-qualified
 * changes, upgrade applies them, check finds nothing, the data-loss guard counts the rows where they are, and a
 * downgrade leaves no schema behind.
 */
@ExtendWith(FreshDatabase.class)
class OtherSchemasTest {

    private static final String ENTITIES = "io.sark.migrate.cli.fixtures.schemas";

    @TempDir
    Path workDir;

    @Test
    void entitiesInAnotherSchemaGoThroughTheWholeCycle(TestDatabase db) throws Exception {
        Cli cli = new Cli(workDir);
        Path root = workDir.resolve("project");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n");
        db.execute("CREATE SCHEMA unrelated; CREATE TABLE unrelated.t (id int)");

        Cli.Run revision = cli.run("revision", "-m", "billing", "--autogenerate", "--entities-package", ENTITIES, "--changelog-root", root.toString());
        assertThat(revision.exitCode()).as(revision.out() + revision.err()).isZero();
        assertThat(revision.out()).contains("Create schema billing.", "Create sequence billing.invoice_numbers", "Create table billing.invoices.",
                "Add foreign key invoices_customer_id_fkey on billing.invoices (customer_id) -> customers (id)").doesNotContain("\0");
        String written = Files.readString(root.resolve("db/changelog/001_billing.yaml"));
        assertThat(written).contains("CREATE SCHEMA IF NOT EXISTS billing", "schemaName: billing", "referencedTableName: customers",
                "baseTableSchemaName: billing").doesNotContain("\0");

        assertThat(cli.run("upgrade", "--url", db.jdbcUrl(), "--changelog-root", root.toString()).exitCode()).isZero();
        Cli.Run check = cli.run("check", "--url", db.jdbcUrl(), "--entities-package", ENTITIES, "--changelog-root", root.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        Cli.Run lint = cli.run("lint", "--changelog-root", root.toString());
        assertThat(lint.out() + lint.err()).doesNotContain("\0");

        db.execute("INSERT INTO customers VALUES ('00000000-0000-0000-0000-000000000001');"
                + " INSERT INTO billing.invoices VALUES (nextval('billing.invoice_numbers'), '00000000-0000-0000-0000-000000000001', 100)");
        Cli.Run refused = cli.run("downgrade", "base", "--url", db.jdbcUrl(), "--changelog-root", root.toString());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("001_billing-3 drops table billing.invoices (1 row)").doesNotContain("\0");

        Cli.Run down = cli.run("downgrade", "base", "--allow-data-loss", "--url", db.jdbcUrl(), "--changelog-root", root.toString());
        assertThat(down.exitCode()).as(down.out() + down.err()).isZero();
        try (Connection c = db.connect()) {
            assertThat(CatalogSnapshot.read(c, List.of("billing", "unrelated")).objects().keySet())
                    .as("no schema left behind but the one no entity uses").containsExactly("column unrelated.t.id", "schema unrelated", "table unrelated.t");
        }
    }
}
