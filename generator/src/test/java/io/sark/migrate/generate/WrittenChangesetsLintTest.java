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

    /**
     * The safe forms on a table that has rows: NOT NULL by a validated check, a unique constraint on an index built
     * CONCURRENTLY, a foreign key NOT VALID then validated. None is a lint error (the validating changesets said nothing
     * of their empty rollback, HY101, so such a revision made 'revision' exit 1), and no warning is left unexplained.
     */
    @Test
    void theSafeFormsOnATableWithRowsPassTheLinter(@TempDir Path root) throws IOException {
        List<SchemaChange> changes = List.of(
                new SchemaChange.ChangeNullability("items", "name", "varchar(20)", false),
                new SchemaChange.AddUniqueConstraint("items", new io.sark.migrate.schema.UniqueConstraint("uk_items_name", List.of("name"))),
                new SchemaChange.AddForeignKey("items", new io.sark.migrate.schema.ForeignKey("fk_items_owner", List.of("owner_id"), "owners",
                        List.of("id"), io.sark.migrate.schema.ForeignKey.Action.NO_ACTION, io.sark.migrate.schema.ForeignKey.Action.NO_ACTION)));

        String written = ChangesetWriter.write("next", "t", changes, Set.of());
        LintReport report = lint(root, written);

        assertThat(written).contains("ALTER TABLE items ADD CONSTRAINT items_name_not_null CHECK (name IS NOT NULL) NOT VALID",
                "ALTER TABLE items VALIDATE CONSTRAINT items_name_not_null", "ALTER TABLE items ALTER COLUMN name SET NOT NULL",
                "CREATE UNIQUE INDEX CONCURRENTLY uk_items_name ON items (name)", "ADD CONSTRAINT uk_items_name UNIQUE USING INDEX uk_items_name",
                "VALIDATE CONSTRAINT fk_items_owner").doesNotContain("addNotNullConstraint", "addUniqueConstraint");
        assertThat(report.errors()).as(report.findings().toString()).isZero();
        // HY901: the SET NOT NULL changeset allowed BC103, which the validated check before it already keeps from firing.
        assertThat(codes(report)).doesNotContain("HY101", "BC103", "HY901");
    }

    /**
     * The forms by a copy of a column: a type change swapped in, a rename kept in step both ways, a required column filled
     * through a trigger, and the contract phase that drops a copy. No error (the swap's renames, BC102, and the
     * contract's drop, DS102, say why in their allowances), nothing left to a reviewer's guess.
     */
    @Test
    void theFormsByACopyPassTheLinter(@TempDir Path root) throws IOException {
        io.sark.migrate.schema.Column hits = new io.sark.migrate.schema.Column("hits", "integer", false, "0", null);
        io.sark.migrate.schema.Column color = new io.sark.migrate.schema.Column("color", "character varying(20)", true, null, null);
        List<SchemaChange> changes = io.sark.migrate.generate.Generator.withBackfills(List.of(
                        new SchemaChange.ChangeColumnTypeByCopy("items", hits, "bigint", "0"),
                        new SchemaChange.RenameColumnByCopy("items", color, "colour"),
                        new SchemaChange.AddColumn("items", new io.sark.migrate.schema.Column("size", "integer", false, null, null)),
                        new SchemaChange.DropColumnCopy("items", color, CopyForms.bothWays("items", "color", "colour"))),
                java.util.Map.of("items.size", "length(colour)"));

        String written = ChangesetWriter.write("next", "t", changes, Set.of());
        LintReport report = lint(root, written);

        assertThat(report.errors()).as(report.findings().toString()).isZero();
        assertThat(codes(report)).doesNotContain("HY101", "BC102", "DS102", "MF102");
    }
}
