package io.sark.migrate.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The findings for machines: SARIF that the SARIF 2.1.0 schema accepts, and GitHub's workflow commands, escaped. */
class LintFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Schema sarifSchema() throws IOException {
        try (InputStream in = LintFormatsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            assertThat(in).as("the SARIF 2.1.0 schema in src/test/resources/sarif").isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    @Test
    void theSarifOfAFolderIsValidSarif210WithEachFindingOnItsFileAndLine() throws IOException {
        LintReport report = new Linter(RuleRegistry.standard(), Map.of())
                .lint(MigrationFiles.read(List.of(Path.of("src", "test", "resources", "migrations", "flyway"))), null);
        JsonNode sarif = JSON.valueToTree(LintFormats.sarif(report, RuleRegistry.standard(), "1.2.3"));

        assertThat(sarifSchema().validate(sarif)).as("schema errors").isEmpty();
        JsonNode results = sarif.at("/runs/0/results");
        assertThat(results).hasSize(report.findings().size());
        JsonNode first = results.get(0);
        assertThat(first.at("/ruleId").asText()).isEqualTo("LK101");
        assertThat(first.at("/level").asText()).isEqualTo("error");
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("src/test/resources/migrations/flyway/V2__index_orders_user.sql");
        assertThat(first.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(2);
        int index = first.at("/ruleIndex").asInt();
        assertThat(sarif.at("/runs/0/tool/driver/rules/" + index + "/id").asText()).isEqualTo("LK101");
    }

    /** The schema check can fail: a result without its message is refused. */
    @Test
    void theSchemaRefusesABrokenLog() throws IOException {
        LintReport report = new LintReport(List.of(new Finding("DS101", "drop-table", Severity.ERROR, "r", "c", "drops", "a.sql", 3)));
        JsonNode sarif = JSON.valueToTree(LintFormats.sarif(report, RuleRegistry.standard(), "1"));
        ((ObjectNode) sarif.at("/runs/0/results/0")).remove("message");

        assertThat(sarifSchema().validate(sarif)).isNotEmpty();
    }

    @Test
    void githubAnnotationsNameFileAndLineAndEscapeWhatTheRunnerReads() {
        LintReport report = new LintReport(List.of(
                new Finding("DS101", "drop-table", Severity.ERROR, "r", "c", "drops 100% of\nlegacy", "db/V1:a,b.sql", 3),
                new Finding("LK105", "no-lock-timeout", Severity.WARNING, "r", "c", "waits", null, 0)));

        assertThat(LintFormats.github(report)).containsExactly(
                "::error file=db/V1%3Aa%2Cb.sql,line=3,title=DS101 drop-table::drops 100%25 of%0Alegacy",
                "::warning title=LK105 no-lock-timeout::waits");
    }
}
