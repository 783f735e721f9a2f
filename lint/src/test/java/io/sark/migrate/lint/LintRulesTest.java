package io.sark.migrate.lint;

import io.sark.migrate.engine.Changelog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.sark.migrate.lint.LintFixtures.SET_TIMEOUT;
import static io.sark.migrate.lint.LintFixtures.changeSet;
import static io.sark.migrate.lint.LintFixtures.codes;
import static io.sark.migrate.lint.LintFixtures.lint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every rule with a changeset it must flag and one it must let pass. Each runs in a revision after a baseline that
 * created {@code widgets} (id uuid key, name varchar(50), qty integer), so widgets is an existing table.
 */
class LintRulesTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("HY104", changeSet("Add a document.", "- addColumn: {tableName: widgets, columns: [{column: {name: document, type: oid}}]}",
                                "- dropColumn: {tableName: widgets, columnName: document}"),
                        changeSet("Add a document.", "- addColumn: {tableName: widgets, columns: [{column: {name: document, type: text}}]}",
                                "- dropColumn: {tableName: widgets, columnName: document}")),
                Arguments.of("HY105", changeSet("Two indexes.", "- createIndex: {tableName: widgets, indexName: LONG1, columns: [{column: {name: name}}]}\n"
                                        .replace("LONG1", "organisation_units_of_the_international_federation_of_examples_parent")
                                        + "- createIndex: {tableName: widgets, indexName: LONG2, columns: [{column: {name: qty}}]}".replace("LONG2", "organisation_units_of_the_international_federation_of_examples_partner"),
                                "- dropIndex: {tableName: widgets, indexName: x}"),
                        changeSet("One index.", "- createIndex: {tableName: widgets, indexName: ix_widgets_name, columns: [{column: {name: name}}]}",
                                "- dropIndex: {tableName: widgets, indexName: ix_widgets_name}")),
                Arguments.of("DS101", changeSet("Drop widgets.", "- dropTable: {tableName: widgets}", "- sql: {sql: SELECT 1}"),
                        changeSet("Drop widgets. sark-lint: allow DS101 because archived in 012", SET_TIMEOUT + "- dropTable: {tableName: widgets}", "- sql: {sql: SELECT 1}")),
                Arguments.of("DS102", changeSet("Drop name.", "- dropColumn: {tableName: widgets, columnName: name}", "- sql: {sql: SELECT 1}"),
                        changeSet("Add a note.", "- addColumn: {tableName: widgets, columns: [{column: {name: note, type: text}}]}",
                                "- dropColumn: {tableName: widgets, columnName: note}")),
                Arguments.of("DS103", changeSet("Drop mood.", "- sql: {sql: DROP TYPE mood}", "- sql: {sql: \"CREATE TYPE mood AS ENUM ('a')\"}"),
                        changeSet("Make mood.", "- sql: {sql: \"CREATE TYPE mood AS ENUM ('a')\"}", "- sql: {sql: DROP TYPE mood}")),
                Arguments.of("DS104", changeSet("Shorten name.", "- modifyDataType: {tableName: widgets, columnName: name, newDataType: varchar(20)}",
                                "- modifyDataType: {tableName: widgets, columnName: name, newDataType: varchar(50)}"),
                        changeSet("Lengthen name.", "- modifyDataType: {tableName: widgets, columnName: name, newDataType: varchar(80)}",
                                "- modifyDataType: {tableName: widgets, columnName: name, newDataType: varchar(50)}")),
                Arguments.of("BC101", changeSet("Rename.", "- renameTable: {oldTableName: widgets, newTableName: gadgets}",
                                "- renameTable: {oldTableName: gadgets, newTableName: widgets}"),
                        changeSet("Table gadgets.", "- createTable: {tableName: gadgets, columns: [{column: {name: id, type: uuid}}]}",
                                "- dropTable: {tableName: gadgets}")),
                Arguments.of("BC102", changeSet("Rename.", "- renameColumn: {tableName: widgets, oldColumnName: name, newColumnName: label}",
                                "- renameColumn: {tableName: widgets, oldColumnName: label, newColumnName: name}"),
                        changeSet("Comment.", "- setColumnRemarks: {tableName: widgets, columnName: name, remarks: x}",
                                "- setColumnRemarks: {tableName: widgets, columnName: name, remarks: \\\"\\\"}")),
                Arguments.of("BC103", changeSet("Require qty.", "- addNotNullConstraint: {tableName: widgets, columnName: qty, columnDataType: integer}",
                                "- dropNotNullConstraint: {tableName: widgets, columnName: qty, columnDataType: integer}"),
                        changeSet("Check qty.", "- sql: {sql: ALTER TABLE widgets ADD CONSTRAINT qty_nn CHECK (qty IS NOT NULL) NOT VALID}",
                                "- sql: {sql: ALTER TABLE widgets DROP CONSTRAINT qty_nn}")),
                Arguments.of("MF101", changeSet("Add size.", "- addColumn: {tableName: widgets, columns: [{column: {name: size, type: integer, constraints: {nullable: false}}}]}",
                                "- dropColumn: {tableName: widgets, columnName: size}"),
                        changeSet("Add size.", "- addColumn: {tableName: widgets, columns: [{column: {name: size, type: integer, defaultValueNumeric: 0, constraints: {nullable: false}}}]}",
                                "- dropColumn: {tableName: widgets, columnName: size}")),
                Arguments.of("MF102", changeSet("Unique name.", "- addUniqueConstraint: {tableName: widgets, columnNames: name, constraintName: widgets_name_key}",
                                "- dropUniqueConstraint: {tableName: widgets, constraintName: widgets_name_key}"),
                        changeSet("Table gadgets.", "- createTable: {tableName: gadgets, columns: [{column: {name: id, type: uuid}}]}\n"
                                + "- addUniqueConstraint: {tableName: gadgets, columnNames: id, constraintName: gadgets_id_key}", "- dropTable: {tableName: gadgets}")),
                Arguments.of("MF103", changeSet("FK.", "- addForeignKeyConstraint: {constraintName: w_fk, baseTableName: widgets, baseColumnNames: id, referencedTableName: widgets, referencedColumnNames: id}",
                                "- dropForeignKeyConstraint: {baseTableName: widgets, constraintName: w_fk}"),
                        changeSet("FK.", "- sql: {sql: ALTER TABLE widgets ADD CONSTRAINT w_fk FOREIGN KEY (id) REFERENCES widgets (id) NOT VALID}",
                                "- sql: {sql: ALTER TABLE widgets DROP CONSTRAINT w_fk}")),
                Arguments.of("MF104", changeSet("Check.", "- sql: {sql: ALTER TABLE widgets ADD CONSTRAINT qty_pos CHECK (qty > 0)}",
                                "- sql: {sql: ALTER TABLE widgets DROP CONSTRAINT qty_pos}"),
                        changeSet("Check.", "- sql: {sql: ALTER TABLE widgets ADD CONSTRAINT qty_pos CHECK (qty > 0) NOT VALID}",
                                "- sql: {sql: ALTER TABLE widgets DROP CONSTRAINT qty_pos}")),
                Arguments.of("LK101", changeSet("Index.", "- createIndex: {tableName: widgets, indexName: ix_w_name, columns: [{column: {name: name}}]}",
                                "- dropIndex: {tableName: widgets, indexName: ix_w_name}"),
                        changeSet("Index.", "- sql: {sql: CREATE INDEX CONCURRENTLY ix_w_name ON widgets (name)}",
                                "- sql: {sql: DROP INDEX CONCURRENTLY ix_w_name}", "      runInTransaction: false\n")),
                Arguments.of("LK102", changeSet("Index.", "- sql: {sql: CREATE INDEX CONCURRENTLY ix_w_name ON widgets (name)}",
                                "- sql: {sql: DROP INDEX CONCURRENTLY ix_w_name}"),
                        changeSet("Index.", "- sql: {sql: CREATE INDEX CONCURRENTLY ix_w_name ON widgets (name)}",
                                "- sql: {sql: DROP INDEX CONCURRENTLY ix_w_name}", "      runInTransaction: false\n")),
                Arguments.of("LK103", changeSet("Type.", "- modifyDataType: {tableName: widgets, columnName: qty, newDataType: bigint}",
                                "- modifyDataType: {tableName: widgets, columnName: qty, newDataType: integer}"),
                        changeSet("Type.", "- modifyDataType: {tableName: widgets, columnName: name, newDataType: text}",
                                "- modifyDataType: {tableName: widgets, columnName: name, newDataType: varchar(50)}")),
                Arguments.of("LK104", changeSet("Token.", "- addColumn: {tableName: widgets, columns: [{column: {name: token, type: uuid, defaultValueComputed: gen_random_uuid()}}]}",
                                "- dropColumn: {tableName: widgets, columnName: token}"),
                        changeSet("Seen.", "- addColumn: {tableName: widgets, columns: [{column: {name: seen, type: timestamptz, defaultValueComputed: now()}}]}",
                                "- dropColumn: {tableName: widgets, columnName: seen}")),
                Arguments.of("LK105", changeSet("Note.", "- addColumn: {tableName: widgets, columns: [{column: {name: note, type: text}}]}",
                                "- dropColumn: {tableName: widgets, columnName: note}"),
                        changeSet("Note.", SET_TIMEOUT + "- addColumn: {tableName: widgets, columns: [{column: {name: note, type: text}}]}",
                                "- dropColumn: {tableName: widgets, columnName: note}")),
                Arguments.of("EN101", changeSet("Value.", "- sql: {sql: ALTER TYPE mood ADD VALUE 'b'}", "- sql: {sql: SELECT 1}"),
                        changeSet("Value.", "- sql: {sql: ALTER TYPE mood ADD VALUE 'b'}", "- sql: {sql: SELECT 1}", "      runInTransaction: false\n")),
                Arguments.of("EN102", changeSet("Remove.", "- sql: {sql: \"DELETE FROM pg_enum WHERE enumlabel = 'b'\"}", "- sql: {sql: SELECT 1}"),
                        changeSet("Value.", "- sql: {sql: ALTER TYPE mood ADD VALUE 'b'}", "- sql: {sql: SELECT 1}", "      runInTransaction: false\n")),
                Arguments.of("TS101", changeSet("Hyper.", "- sql: {sql: \"SELECT create_hypertable('widgets', 'seen')\"}", "- sql: {sql: SELECT 1}"),
                        changeSet("Hyper.", "- sql: {sql: \"SELECT create_hypertable('widgets', 'id')\"}", "- sql: {sql: SELECT 1}")),
                Arguments.of("HY101", changeSet("No way back.", "- sql: {sql: SELECT 1}", "[]").replace("      rollback:\n        []\n", ""),
                        changeSet("A way back.", "- sql: {sql: SELECT 1}", "- sql: {sql: SELECT 2}")),
                Arguments.of("HY102", changeSet("Two tables.", "- createTable: {tableName: a, columns: [{column: {name: id, type: int}}]}\n"
                                + "- createTable: {tableName: b, columns: [{column: {name: id, type: int}}]}", "- dropTable: {tableName: b}\n- dropTable: {tableName: a}"),
                        changeSet("One table.", "- createTable: {tableName: a, columns: [{column: {name: id, type: int}}]}", "- dropTable: {tableName: a}")),
                Arguments.of("HY103", changeSet(null, "- sql: {sql: SELECT 1}", "- sql: {sql: SELECT 2}"),
                        changeSet("Says what it does.", "- sql: {sql: SELECT 1}", "- sql: {sql: SELECT 2}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachRuleFlagsItsFailingExampleAndPassesItsPassingOne(String code, String failing, String passing, @TempDir Path dir) throws IOException {
        assertThat(codes(lint(dir.resolve("failing"), failing))).as("findings of the failing example").contains(code);
        assertThat(codes(lint(dir.resolve("passing"), passing))).as("findings of the passing example").doesNotContain(code);
    }

    @Test
    void everyRuleHasACaseHereAndADocPage() {
        List<String> tested = cases().map(a -> (String) a.get()[0]).toList();
        for (LintRule rule : RuleRegistry.standard().all()) {
            if (rule.code().equals("TS102")) {
                continue; // exercised by the compressed-hypertable test below
            }
            assertThat(tested).as("a failing and a passing example for " + rule.code()).contains(rule.code());
        }
    }

    /** A column added to a hypertable whose chunks are compressed. */
    static String compressedHypertableExample() {
        String compress = changeSet("Compress.", "- sql: {sql: \"SELECT create_hypertable('widgets', 'id')\"}\n- sql: {sql: \"ALTER TABLE widgets SET (timescaledb.compress)\"}",
                "- sql: {sql: \"ALTER TABLE widgets SET (timescaledb.compress = false)\"}").replace("next-1", "next-0");
        return compress + changeSet("Note.", SET_TIMEOUT + "- addColumn: {tableName: widgets, columns: [{column: {name: note, type: text}}]}",
                "- dropColumn: {tableName: widgets, columnName: note}");
    }

    /** The same column added to a hypertable that is not compressed. */
    static String uncompressedHypertableExample() {
        String hyper = changeSet("Hypertable.", "- sql: {sql: \"SELECT create_hypertable('widgets', 'id')\"}", "- sql: {sql: SELECT 1}")
                .replace("next-1", "next-0");
        return hyper + changeSet("Note.", SET_TIMEOUT + "- addColumn: {tableName: widgets, columns: [{column: {name: note, type: text}}]}",
                "- dropColumn: {tableName: widgets, columnName: note}");
    }

    @Test
    void aSchemaChangeOnACompressedHypertableIsFlagged(@TempDir Path dir) throws IOException {
        assertThat(codes(lint(dir.resolve("compressed"), compressedHypertableExample()))).contains("TS102");
        assertThat(codes(lint(dir.resolve("plain"), uncompressedHypertableExample()))).doesNotContain("TS102");
    }

    @Test
    void anAllowanceNeedsAReasonAndOneThatAllowsNothingIsReported(@TempDir Path dir) throws IOException {
        String withoutReason = changeSet("Drop. sark-lint: allow DS101", SET_TIMEOUT + "- dropTable: {tableName: widgets}", "- sql: {sql: SELECT 1}");
        String unused = changeSet("Note. sark-lint: allow DS102 because why not", SET_TIMEOUT
                + "- addColumn: {tableName: widgets, columns: [{column: {name: note, type: text}}]}", "- dropColumn: {tableName: widgets, columnName: note}");

        assertThat(codes(lint(dir.resolve("a"), withoutReason))).contains("HY900").doesNotContain("DS101");
        assertThat(codes(lint(dir.resolve("b"), unused))).contains("HY901");
    }

    @Test
    void severitiesAreConfigurable(@TempDir Path dir) throws IOException {
        String drop = changeSet("Drop.", SET_TIMEOUT + "- dropTable: {tableName: widgets}", "- sql: {sql: SELECT 1}");
        Path root = LintFixtures.write(dir, drop);

        LintReport asWarning = new Linter(RuleRegistry.standard(), Map.of("DS101", Severity.WARNING)).lint(Changelog.inDirectory(root), "next");
        LintReport off = new Linter(RuleRegistry.standard(), Map.of("DS101", Severity.OFF)).lint(Changelog.inDirectory(root), "next");

        assertThat(asWarning.findings()).filteredOn(f -> f.code().equals("DS101")).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.WARNING);
        assertThat(codes(off)).doesNotContain("DS101");
    }

    @Test
    void aLockTimeoutResetBeforeTheStrongLockDoesNotCount(@TempDir Path root) throws IOException {
        LintReport report = lint(root, changeSet("Note.", SET_TIMEOUT + "- sql: {sql: RESET lock_timeout}\n"
                + "- addColumn: {tableName: widgets, columns: [{column: {name: note, type: text}}]}", "- dropColumn: {tableName: widgets, columnName: note}"));

        assertThat(codes(report)).contains("LK105");
    }

    @Test
    void duplicateCodesAreRefused() {
        LintRule rule = RuleRegistry.standard().all().get(0);
        assertThatThrownBy(() -> new RuleRegistry(List.of(rule, rule))).hasMessageContaining("two lint rules have the code " + rule.code());
    }
}
