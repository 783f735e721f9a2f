package io.sark.migrate.realworld;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.report.ChangelogSchema;
import io.sark.migrate.report.HtmlReport;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;
import io.sark.migrate.testing.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak's database, as its own changelog builds it, drawn as sark-migrate's one page (written to
 * target/report/keycloak.html, for a look in a browser), and read from the changelog alone as a review draws it.
 */
final class KeycloakReport {

    private KeycloakReport() {
    }

    static void drawAndCheck(TestDatabase db, Changelog changelog) throws Exception {
        Schema schema;
        try (Connection c = db.connect()) {
            schema = CatalogSchemaReader.read(c);
        }
        long start = System.nanoTime();
        String html = HtmlReport.render(new HtmlReport.Contents("keycloak", "Keycloak's changelog applied to " + db.name(), Instant.now(), schema,
                null, "not read in this test", null, List.of()));
        long drawn = System.nanoTime();
        Path page = Path.of("target", "report", "keycloak.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, html);
        long links = schema.tables().values().stream().mapToLong(t -> t.foreignKeys().size()).sum();
        System.out.printf("Keycloak's page: %d tables, %d foreign keys, drawn in %d ms, %d KB (%s)%n", schema.tables().size(), links,
                (drawn - start) / 1_000_000, html.length() / 1024, page.toAbsolutePath());
        for (String table : schema.tables().keySet()) {
            assertThat(html).as(table + " drawn").contains("data-table=\"" + table + "\"");
        }
        assertThat(html).doesNotContain("http://").doesNotContain("https://");

        // The review's picture comes from the changelog alone: it must name the tables and keys the database holds.
        Schema read = ChangelogSchema.atHead(changelog);
        assertThat(read.tables().keySet()).as("tables read from Keycloak's changelog alone").isEqualTo(schema.tables().keySet());
        Map<String, String> columnsBuilt = columns(schema);
        Map<String, String> columnsRead = columns(read);
        long sameColumns = columnsBuilt.keySet().stream().filter(t -> columnsBuilt.get(t).equals(columnsRead.get(t))).count();
        System.out.printf("Read from the changelog alone: %d of %d tables with the same columns%n", sameColumns, schema.tables().size());
        columnsBuilt.keySet().stream().filter(t -> !columnsBuilt.get(t).equals(columnsRead.get(t)))
                .forEach(t -> System.out.println("  " + t + ": built " + columnsBuilt.get(t) + ", read " + columnsRead.get(t)));
        assertThat(sameColumns).isEqualTo(schema.tables().size());
    }

    private static Map<String, String> columns(Schema schema) {
        Map<String, String> columns = new TreeMap<>();
        for (Table t : schema.tables().values()) {
            columns.put(t.name(), t.columns().stream().map(c -> c.name()).sorted().collect(Collectors.joining(",")));
        }
        return columns;
    }
}
