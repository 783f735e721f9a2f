package io.sark.migrate.lint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Another project's migrations, linted with no database: SQL folders in Flyway's order, and Liquibase changelogs. */
class MigrationFilesTest {

    private static final Path FLYWAY = Path.of("src", "test", "resources", "migrations", "flyway");

    private static LintReport lint(Path... paths) {
        return new Linter(RuleRegistry.standard(), Map.of()).lint(MigrationFiles.read(List.of(paths)), null);
    }

    /** "file:line CODE" for every finding. */
    private static Map<String, Set<String>> byFile(LintReport report) {
        Map<String, Set<String>> found = new TreeMap<>();
        for (Finding f : report.findings()) {
            found.computeIfAbsent(Path.of(f.file()).getFileName().toString(), k -> new TreeSet<>()).add(f.line() + " " + f.code());
        }
        return found;
    }

    /**
     * One hazard per file, each named on its statement's line; the safe forms (new tables, a concurrent index with a lock
     * timeout, NOT VALID then VALIDATE, SET NOT NULL after a validated check) are not flagged.
     */
    @Test
    void aFlywayFolderHasEachHazardNamedOnItsLineAndNoSafeFormFlagged() {
        Map<String, Set<String>> found = byFile(lint(FLYWAY));

        assertThat(found).isEqualTo(Map.ofEntries(
                Map.entry("V2__index_orders_user.sql", Set.of("2 LK101")),
                Map.entry("V3__users_token.sql", Set.of("2 LK104")),
                Map.entry("V4__orders_status.sql", Set.of("2 MF101")),
                Map.entry("V5__orders_user_fk.sql", Set.of("2 MF103")),
                Map.entry("V6__orders_total_required.sql", Set.of("2 BC103")),
                Map.entry("V7__orders_total_type.sql", Set.of("2 LK103")),
                Map.entry("V8__rename_email.sql", Set.of("2 BC102")),
                Map.entry("V9__drop_note.sql", Set.of("2 DS102")),
                Map.entry("V10__unique_email.sql", Set.of("2 LK110", "2 MF102")),
                Map.entry("V11__total_positive.sql", Set.of("2 MF104")),
                Map.entry("V12__index_in_transaction.sql", Set.of("3 LK102")),
                Map.entry("V19__clear_orders.sql", Set.of("1 DS105", "1 LK105")),
                Map.entry("V20__rename_orders.sql", Set.of("2 BC101")),
                Map.entry("V21__drop_legacy.sql", Set.of("1 DS101", "1 LK105")),
                Map.entry("V22__audit.sql", Set.of("1 HY109", "1 HY110", "1 HY111", "1 HY112", "1 HY114"))));
    }

    @Test
    void filesRunInFlywaysVersionOrderAndRollbackFilesAreLeftOut(@TempDir Path dir) throws IOException {
        for (String name : List.of("V10__d.sql", "V2__c.sql", "V1.1__b.sql", "V1__a.sql", "R__view.sql", "U2__undo.sql",
                "000001_x.up.sql", "000001_x.down.sql")) {
            Files.writeString(dir.resolve(name), "SELECT 1;\n");
        }

        assertThat(MigrationFiles.read(List.of(dir)).stream().map(u -> Path.of(u.file()).getFileName().toString()))
                .containsExactly("V1__a.sql", "V1.1__b.sql", "V2__c.sql", "V10__d.sql", "R__view.sql", "000001_x.up.sql");
        assertThat(MigrationFiles.compareVersions("1.10", "1.9")).isPositive();
        assertThat(MigrationFiles.compareVersions("2_1", "2.1")).isZero();
    }

    /** Statements are split as PostgreSQL's grammar has them: a function body in dollar quotes is one statement, comments are no code. */
    @Test
    void aFindingIsOnTheLineOfItsStatementPastCommentsAndDollarQuotes(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("V3__cleanup.sql"), """
                -- header comment; DROP TABLE in a comment is not run
                /* a block
                   comment */
                SET lock_timeout = '5s';

                CREATE FUNCTION touch() RETURNS trigger AS $body$
                BEGIN
                  -- DROP TABLE users; inside a function body is not run here
                  RETURN NEW;
                END;
                $body$ LANGUAGE plpgsql;

                -- a comment before the statement
                DROP TABLE legacy;
                """);

        assertThat(lint(file).findings()).extracting(f -> f.line() + " " + f.code() + " " + f.message().split(" ")[2])
                .containsExactly("14 DS101 legacy");
    }

    @Test
    void anAllowanceInACommentLineWorksAsInAChangesetComment(@TempDir Path dir) throws IOException {
        Path allowed = Files.writeString(dir.resolve("V1__drop.sql"), """
                SET lock_timeout = '5s';
                -- sark-lint: allow DS101 because the rows were archived to cold storage in V0
                DROP TABLE legacy;
                """);
        Path unused = Files.writeString(dir.resolve("V2__nothing.sql"), """
                -- sark-lint: allow DS102 because nothing
                SELECT 1;
                """);

        assertThat(lint(allowed).findings()).isEmpty();
        assertThat(lint(unused).findings()).extracting(Finding::code).containsExactly("HY901");
    }

    /** A psql script's own BEGIN … COMMIT is its transaction; in a Flyway migration it nests in Flyway's. */
    @Test
    void transactionsAreTheRunnersAsTheFileIsNamed(@TempDir Path dir) throws IOException {
        String script = "BEGIN;\nUPDATE orders SET status = 'new' WHERE status IS NULL;\nCOMMIT;\n";
        Path psql = Files.writeString(dir.resolve("backfill.sql"), script);
        Path flyway = Files.writeString(dir.resolve("V7__backfill.sql"), script);

        assertThat(lint(psql).findings()).extracting(Finding::code).doesNotContain("LK106");
        assertThat(lint(flyway).findings()).extracting(f -> f.line() + " " + f.code()).contains("1 LK106");
    }

    /** What is safe depends on the server: a constant default rewrote the table before 11, SET NOT NULL scanned it before 12. */
    @Test
    void theServerVersionDecidesWhatIsSafe(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("V5__region.sql"), "SET lock_timeout = '5s';\n"
                + "ALTER TABLE orders ADD COLUMN region text DEFAULT 'eu';\n");
        List<LintUnit> units = MigrationFiles.read(List.of(file));
        List<LintUnit> safeNotNull = MigrationFiles.read(List.of(FLYWAY));

        assertThat(new Linter(RuleRegistry.standard(), Map.of(), 10).lint(units, null).findings()).extracting(Finding::code).contains("LK104");
        assertThat(new Linter(RuleRegistry.standard(), Map.of(), 11).lint(units, null).findings()).isEmpty();
        assertThat(byFile(new Linter(RuleRegistry.standard(), Map.of(), 11).lint(safeNotNull, null))).containsKey("V16__token_required.sql");
        assertThat(byFile(new Linter(RuleRegistry.standard(), Map.of(), 12).lint(safeNotNull, null))).doesNotContainKey("V16__token_required.sql");
    }

    /** A foreign XML master with its includes, read with no database; each finding names the included file and its changeset's line. */
    @Test
    void aLiquibaseXmlChangelogIsLintedWithNoDatabase(@TempDir Path dir) throws IOException {
        Path changes = Files.createDirectories(dir.resolve("changes"));
        Files.writeString(changes.resolve("001-tables.xml"), xml("""
                    <changeSet id="1" author="app">
                        <createTable tableName="customer">
                            <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                            <column name="name" type="varchar(100)"/>
                        </createTable>
                    </changeSet>
                """));
        Files.writeString(changes.resolve("002-index.xml"), xml("""
                    <changeSet id="2" author="app">
                        <createIndex tableName="customer" indexName="customer_name_idx">
                            <column name="name"/>
                        </createIndex>
                        <rollback><dropIndex tableName="customer" indexName="customer_name_idx"/></rollback>
                    </changeSet>

                    <changeSet id="3" author="app">
                        <dropColumn tableName="customer" columnName="name"/>
                    </changeSet>
                """));
        Path master = Files.writeString(dir.resolve("db.changelog-master.xml"), xml("""
                    <include file="changes/001-tables.xml" relativeToChangelogFile="true"/>
                    <include file="changes/002-index.xml" relativeToChangelogFile="true"/>
                """));

        LintReport report = lint(master);

        assertThat(report.findings()).filteredOn(f -> Set.of("LK101", "DS102").contains(f.code()))
                .extracting(f -> Path.of(f.file()).getFileName() + ":" + f.line() + " " + f.code())
                .containsExactly("002-index.xml:6 LK101", "002-index.xml:13 DS102");
        // the folder gives the same: the master, whose includes are not linted twice
        assertThat(lint(dir).findings()).hasSameSizeAs(report.findings());
    }

    /** Liquibase's formatted SQL and YAML read as changelogs, not as plain SQL files: each changeset on its own line. */
    @Test
    void formattedSqlAndYamlChangelogsAreReadAsChangelogs(@TempDir Path dir) throws IOException {
        Path formatted = Files.writeString(dir.resolve("changelog.sql"), """
                --liquibase formatted sql

                --changeset app:1
                CREATE TABLE customer (id bigint PRIMARY KEY, name text);
                --rollback DROP TABLE customer;

                --changeset app:2
                ALTER TABLE customer RENAME COLUMN name TO full_name;
                --rollback ALTER TABLE customer RENAME COLUMN full_name TO name;
                """);
        Path yaml = Files.writeString(dir.resolve("changelog.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: app
                      changes:
                        - dropTable: {tableName: customer}
                """);

        assertThat(lint(formatted).findings()).filteredOn(f -> f.code().equals("BC102"))
                .extracting(f -> Path.of(f.file()).getFileName() + ":" + f.line()).containsExactly("changelog.sql:7");
        assertThat(lint(yaml).findings()).filteredOn(f -> f.code().equals("DS101"))
                .extracting(f -> Path.of(f.file()).getFileName() + ":" + f.line()).containsExactly("changelog.yaml:3");
    }

    private static String xml(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                """ + body + "</databaseChangeLog>\n";
    }
}
