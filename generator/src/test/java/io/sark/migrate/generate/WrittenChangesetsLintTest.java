package io.sark.migrate.generate;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.lint.LintReport;
import io.sark.migrate.schema.Index;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static io.sark.migrate.lint.LintFixtures.codes;
import static io.sark.migrate.lint.LintFixtures.lint;
import static org.assertj.core.api.Assertions.assertThat;

/** What the writer emits passes the linter the review runs on it. */
class WrittenChangesetsLintTest {

    @Test
    void theGeneratorsIndexOnAHypertableIsNotConcurrentAndCarriesItsReasonedAllowance(@TempDir Path root) throws IOException {
        Index index = new Index("ix_widgets_qty", List.of("qty"), false);
        List<SchemaChange> changes = List.of(new SchemaChange.CreateIndex("widgets", index),
                new SchemaChange.DropIndex("widgets", new Index("ix_widgets_name", List.of("name"), false)));

        String onHypertable = ChangesetWriter.write("next", "t", changes, Set.of("widgets"));
        String onPlainTable = ChangesetWriter.write("next", "t", changes, Set.of());

        assertThat(onHypertable).doesNotContain("INDEX CONCURRENTLY", "runInTransaction").contains("CREATE INDEX ix_widgets_qty ON widgets (qty)",
                "DROP INDEX IF EXISTS ix_widgets_name", "SET LOCAL lock_timeout");
        assertThat(onPlainTable).contains("CREATE INDEX CONCURRENTLY ix_widgets_qty", "runInTransaction: false", "RESET lock_timeout");
        LintReport report = lint(root, onHypertable);
        assertThat(report.errors()).as(report.findings().toString()).isZero();
        assertThat(codes(report)).doesNotContain("LK101", "HY901");
    }
}
