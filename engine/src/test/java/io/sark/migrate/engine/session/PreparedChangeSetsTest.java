package io.sark.migrate.engine.session;

import io.sark.migrate.changes.ColumnDefinition;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.ChangeSetKey;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import io.sark.migrate.schema.Identifiers;
import io.sark.migrate.testing.SystemProperty;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a direct run keeps of a changelog's changesets is read back as written, and used only for the changelog and
 * build it was made from: the next run needs no parse, and an edited changelog is parsed and prepared again.
 */
class PreparedChangeSetsTest {

    @TempDir
    Path root;

    @TempDir
    Path indexes;

    private SystemProperty indexDir;

    @BeforeEach
    void indexesHere() {
        indexDir = SystemProperty.set("sark.migrate.changelog-index-dir", indexes.toString());
    }

    @AfterEach
    void restore() {
        indexDir.close();
    }

    @Test
    void whatIsKeptIsReadBackAsWritten() {
        Fact column = Fact.addColumn("\"Audit\"", "\"Note\"", new ColumnDefinition("varchar(20)", "'a\tb'", true, false));
        Fact qualified = Fact.keyed(Operation.CREATE_INDEX, "reporting.sales", "ix_s", List.of("a", "b,\"c\""), Fact.Flag.UNIQUE);
        Fact flagged = Fact.of(Operation.CONVERT_TO_HYPERTABLE, "\"Audit\"", "ts").withFlags(Set.of(Fact.Flag.GUARDED, Fact.Flag.COPIES_ROWS));
        assertThat(qualified.table()).contains(String.valueOf(Identifiers.QUALIFIER));
        PreparedChangeSets.Prepared one = new PreparedChangeSets.Prepared(new ChangeSetKey("001_a-1", "t", "db/changelog/001_a.yaml"), false,
                new PreparedChangeSets.HistoryRow("9:abc", "sql", "line one\nline two", "(prod)", null, null),
                new ChangeSetFacts("001_a-1", "db/changelog/001_a.yaml", List.of(column, qualified), List.of(flagged), false, List.of("loadData")),
                PreparedChangeSets.Rendering.of(List.of("CREATE TABLE \"Audit\" (\"Note\" text)\\;", "SELECT '\t'")),
                PreparedChangeSets.Rendering.refused("a formatted SQL changeset without a rollback"));
        PreparedChangeSets.Prepared two = new PreparedChangeSets.Prepared(new ChangeSetKey("001_a-tag", "t", "db/changelog/001_a.yaml"), true,
                new PreparedChangeSets.HistoryRow("9:def", "tagDatabase", "", null, null, "001_a"),
                new ChangeSetFacts("001_a-tag", "db/changelog/001_a.yaml", List.of(), List.of(), true, List.of()),
                PreparedChangeSets.Rendering.of(List.of()), PreparedChangeSets.Rendering.of(List.of()));
        Path file = indexes.resolve("x.prepared");

        PreparedChangeSets.of(List.of(one, two)).write(file);

        assertThat(PreparedChangeSets.read(file).flatMap(p -> p.all(List.of(two.key(), one.key())))).contains(List.of(two, one));
        assertThat(PreparedChangeSets.read(file).flatMap(p -> p.all(List.of(new ChangeSetKey("002", "t", "f")))))
                .as("a changeset not kept: none of them").isEmpty();
    }

    @Test
    void aDamagedFileIsIgnored() throws Exception {
        Path file = indexes.resolve("x.prepared");
        PreparedChangeSets.of(List.of()).write(file);
        Files.writeString(file, "C\tonly half a changeset\n", java.nio.file.StandardOpenOption.APPEND);

        assertThat(PreparedChangeSets.read(file)).isEmpty();
    }

    @Test
    void theNextRunRunsWhatWasKeptWithoutParsingTheChangelog() throws Exception {
        twoRevisions();
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            assertThat(move(db, m -> m.upgradeTo("001_a"))).as("the first run parses").isTrue();
            // What runs next is what was kept: a kept statement changed by hand is the one that runs.
            Path kept = onlyKeptFile();
            Files.writeString(kept, Files.readString(kept).replace("\tCREATE TABLE b (id int)\n", "\tCREATE TABLE b_as_kept (id int)\n")
                    .replace("\tDROP TABLE b\n", "\tDROP TABLE b_as_kept\n"));

            assertThat(move(db, Migrator::upgradeToHead)).as("parsed").isFalse();
            assertThat(tables(db)).containsExactly("a", "b_as_kept");

            assertThat(move(db, m -> m.downgradeTo("001_a"))).as("parsed").isFalse();
            assertThat(tables(db)).containsExactly("a");
        }
    }

    @Test
    void anEditedChangelogIsParsedAndPreparedAgain() throws Exception {
        twoRevisions();
        try (TestDatabase db = TestPostgres.freshDatabase()) {
            move(db, m -> m.upgradeTo("001_a"));
            revision("002_b", "CREATE TABLE c (id int)", "DROP TABLE c");

            assertThat(move(db, Migrator::upgradeToHead)).as("parsed").isTrue();
            assertThat(tables(db)).containsExactly("a", "c");
            assertThat(move(db, Migrator::downgradeToBase)).as("parsed: the edit was kept").isFalse();
            assertThat(tables(db)).isEmpty();
        }
    }

    /** 001_a creates table a, 002_b table b; each rollback drops it. */
    private void twoRevisions() throws Exception {
        revision("001_a", "CREATE TABLE a (id int)", "DROP TABLE a");
        revision("002_b", "CREATE TABLE b (id int)", "DROP TABLE b");
        master("001_a", "002_b");
    }

    /** Runs {@code move} with a new migrator (as a new process would); whether it parsed the changelog. */
    private boolean move(TestDatabase db, Consumer<Migrator> move) throws Exception {
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            move.accept(migrator);
            assertThat(migrator.ranDirectly()).as("ran directly").isTrue();
            return migrator.changelog().parsed();
        }
    }

    private Path onlyKeptFile() throws Exception {
        try (Stream<Path> files = Files.list(indexes)) {
            List<Path> kept = files.filter(f -> f.toString().endsWith(".prepared")).toList();
            assertThat(kept).hasSize(1);
            return kept.get(0);
        }
    }

    private static List<String> tables(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'databasechangelog%' ORDER BY 1")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private void master(String... revisions) throws Exception {
        StringBuilder master = new StringBuilder("databaseChangeLog:\n");
        for (String r : revisions) {
            master.append("  - include: {file: db/changelog/").append(r).append(".yaml}\n");
        }
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), master);
    }

    private void revision(String revision, String sql, String rollback) throws Exception {
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/" + revision + ".yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: %1$s-1
                      author: t
                      changes:
                        - sql: {sql: "%2$s"}
                      rollback:
                        - sql: {sql: "%3$s"}
                  - changeSet: {id: %1$s-tag, author: t, changes: [{tagDatabase: {tag: %1$s}}], rollback: []}
                """.formatted(revision, sql, rollback));
    }
}
