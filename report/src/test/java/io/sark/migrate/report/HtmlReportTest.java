package io.sark.migrate.report;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.RevisionStatus;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.lint.Linter;
import io.sark.migrate.lint.RuleRegistry;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** SARK's schema at head as one page: every table drawn and described, nothing fetched. */
@ExtendWith(FreshDatabase.class)
class HtmlReportTest {

    /** The page of SARK at head, for {@link ReportInBrowserTest}: written under target/. */
    static Path sarkPage(TestDatabase db) throws Exception {
        Changelog changelog = Changelog.bundled();
        List<RevisionStatus> history;
        Schema schema;
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeToHead();
            history = migrator.history();
        }
        try (Connection c = db.connect()) {
            schema = CatalogSchemaReader.read(c);
        }
        String html = HtmlReport.render(new HtmlReport.Contents("sark", "the test database " + db.name(), Instant.parse("2026-12-05T10:00:00Z"),
                schema, history, "the test database", new HtmlReport.Drift("the database", List.of("add column users.nickname")),
                new Linter(RuleRegistry.standard(), Map.of()).lint(changelog, null).findings()));
        Path page = Path.of("target", "report", "sark.html");
        Files.createDirectories(page.getParent());
        Files.writeString(page, html);
        return page;
    }

    @Test
    void sarksPageDrawsAndDescribesEveryTableAndFetchesNothing(TestDatabase db) throws Exception {
        String html = Files.readString(sarkPage(db));

        List<String> tables = List.of("api_keys", "audit_events", "mcp_servers", "mcp_tools", "policies", "policy_versions", "teams",
                "user_teams", "users");
        for (String table : tables) {
            assertThat(html).as(table + " drawn").contains("data-table=\"" + table + "\"");
            assertThat(html).as(table + " described").contains("<article class=\"table\" id=\"table-" + table + "\">");
        }
        assertThat(count(html, "<g class=\"table")).isEqualTo(tables.size());
        assertThat(count(html, "<path class=\"fk")).as("a line per foreign key").isGreaterThanOrEqualTo(8);
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script").doesNotContain("<link")
                .doesNotContainPattern("src=");
        assertThat(html).contains("005_audit_events_hypertable").contains("applied").contains("add column users.nickname");
    }

    @Test
    void everyLineStartsAndEndsAtTheBoxesItJoins() throws Exception {
        Schema schema = ChangelogSchema.atHead(Changelog.bundled());
        String svg = SvgDiagram.svg(ErDiagram.of(schema));
        Map<String, double[]> boxes = new java.util.HashMap<>();
        Matcher box = Pattern.compile("data-table=\"([^\"]+)\" transform=\"translate\\(([\\d.]+),([\\d.]+)\\)\"><a [^>]+><rect width=\"([\\d.]+)\" height=\"([\\d.]+)\"")
                .matcher(svg);
        while (box.find()) {
            boxes.put(box.group(1), new double[]{d(box.group(2)), d(box.group(3)), d(box.group(4)), d(box.group(5))});
        }
        assertThat(boxes).hasSize(schema.tables().size());
        Matcher line = Pattern.compile("d=\"M([\\d.]+),([\\d.]+)[^\"]* L([\\d.]+),([\\d.]+)\" marker-end=\"url\\(#one\\)\" data-from=\"([^\"]+)\" data-to=\"([^\"]+)\"")
                .matcher(svg);
        int lines = 0;
        while (line.find()) {
            lines++;
            assertThat(onEdge(boxes.get(line.group(5)), d(line.group(1)), d(line.group(2)))).as("starts at " + line.group(5)).isTrue();
            assertThat(onEdge(boxes.get(line.group(6)), d(line.group(3)), d(line.group(4)))).as("ends at " + line.group(6)).isTrue();
        }
        assertThat(lines).isGreaterThanOrEqualTo(8);
        // no two boxes overlap
        List<double[]> all = List.copyOf(boxes.values());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                double[] a = all.get(i), b = all.get(j);
                boolean apart = a[0] + a[2] <= b[0] || b[0] + b[2] <= a[0] || a[1] + a[3] <= b[1] || b[1] + b[3] <= a[1];
                assertThat(apart).as("boxes apart").isTrue();
            }
        }
    }

    private static boolean onEdge(double[] box, double x, double y) {
        double slack = 1.5;
        boolean inside = x >= box[0] - slack && x <= box[0] + box[2] + slack && y >= box[1] - slack && y <= box[1] + box[3] + slack;
        boolean border = Math.abs(x - box[0]) <= slack || Math.abs(x - box[0] - box[2]) <= slack
                || Math.abs(y - box[1]) <= slack || Math.abs(y - box[1] - box[3]) <= slack;
        return inside && border;
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
