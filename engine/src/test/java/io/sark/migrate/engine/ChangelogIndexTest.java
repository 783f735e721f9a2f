package io.sark.migrate.engine;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogDeclarations;
import io.sark.migrate.engine.changelog.ChangelogFilter;
import io.sark.migrate.engine.changelog.Revisions;
import io.sark.migrate.testing.SystemProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The changelog's index answers for its revisions only while every file the parse read is as it was: an edit, a
 * file added to an includeAll folder or a damaged index and the changelog is parsed again, and what it says wins.
 */
class ChangelogIndexTest {

    @TempDir
    Path root;

    @TempDir
    Path indexes;

    private SystemProperty indexDir;

    @BeforeEach
    void indexesHere() {
        indexDir = SystemProperty.set("sark.migrate.changelog-index-dir", indexes.resolve("index").toString());
    }

    @AfterEach
    void restore() {
        indexDir.close();
    }

    @Test
    void aSecondReadOfAnUnchangedChangelogComesFromTheIndex() throws Exception {
        write("001_a", "CREATE TABLE a (id int)");
        write("002_b", "CREATE TABLE b (id int)");
        master("001_a", "002_b");
        Changelog first = Changelog.inDirectory(root);
        Revisions parsed = first.revisions();
        assertThat(first.parsed()).isTrue();

        Changelog second = Changelog.inDirectory(root);

        assertThat(second.revisions().all()).isEqualTo(parsed.all());
        assertThat(second.parsed()).isFalse();
        assertThat(second.indexedChecksums()).get().satisfies(checksums -> assertThat(checksums).hasSize(4)
                .allSatisfy((key, checksum) -> assertThat(checksum).startsWith("9:")));
    }

    @Test
    void whatAComparisonNeedsOfTheChangelogComesFromTheIndexToo() throws Exception {
        write("001_a", "CREATE TABLE a (id int, ts timestamptz)");
        write("002_b", "CREATE TYPE mood AS ENUM ('up'); CREATE SEQUENCE b_seq;\\n-- sark-migrate hypertable a: time_column=ts; chunk_interval=1 day");
        master("001_a", "002_b");
        Changelog first = Changelog.inDirectory(root);
        ChangelogDeclarations parsed = first.declarations();
        List<String> parsedKeys = ShadowCache.keys(first, ChangelogFilter.none(), "16", new java.util.ArrayList<>());
        assertThat(parsed.tables()).contains("a");
        assertThat(parsed.types()).contains("mood");
        assertThat(parsed.sequences()).contains("b_seq");
        assertThat(parsed.hypertables().get("a")).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("time_column", "ts", "chunk_interval", "1 day"));

        Changelog second = Changelog.inDirectory(root);

        assertThat(second.declarations()).isEqualTo(parsed);
        List<String> revisions = new java.util.ArrayList<>();
        assertThat(ShadowCache.keys(second, ChangelogFilter.none(), "16", revisions)).isEqualTo(parsedKeys);
        assertThat(revisions).containsExactly("001_a", "002_b");
        assertThat(second.parsed()).as("the comparison and the shadow's keys read the index, not the changelog").isFalse();
    }

    @Test
    void anEditedFileIsParsedAgain() throws Exception {
        write("001_a", "CREATE TABLE a (id int)");
        master("001_a");
        Changelog.inDirectory(root).revisions();
        write("001_a", "CREATE TABLE a (id int, name text)"); // same ids: only the checksum tells
        String comment = "a new comment";
        Files.writeString(root.resolve("db/changelog/001_a.yaml"), Files.readString(root.resolve("db/changelog/001_a.yaml"))
                .replace("author: t\n", "author: t\n      comment: " + comment + "\n"));

        Changelog again = Changelog.inDirectory(root);

        assertThat(again.revisions().all().get(0).changeSets().get(0).comment()).isEqualTo(comment);
        assertThat(again.parsed()).isTrue();
    }

    @Test
    void aFileAddedToAnIncludeAllFolderIsParsedAgain() throws Exception {
        Files.createDirectories(root.resolve("db/changelog/revisions"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"),
                "databaseChangeLog:\n  - includeAll: {path: db/changelog/revisions/}\n");
        Files.writeString(root.resolve("db/changelog/revisions/001_a.yaml"), revision("001_a", "CREATE TABLE a (id int)"));
        assertThat(Changelog.inDirectory(root).revisions().ids()).containsExactly("001_a");

        Files.writeString(root.resolve("db/changelog/revisions/002_b.yaml"), revision("002_b", "CREATE TABLE b (id int)"));

        Changelog again = Changelog.inDirectory(root);
        assertThat(again.revisions().ids()).containsExactly("001_a", "002_b");
        assertThat(again.parsed()).isTrue();
    }

    @Test
    void aChangelogWithParametersIsNeverIndexed() throws Exception {
        write("001_a", "CREATE TABLE ${table} (id int)");
        master("001_a");
        Changelog.inDirectory(root).revisions();

        Changelog again = Changelog.inDirectory(root);
        again.revisions();
        assertThat(again.parsed()).as("parameters may come from the environment").isTrue();
    }

    @Test
    void aDamagedIndexIsParsedAgain() throws Exception {
        write("001_a", "CREATE TABLE a (id int)");
        master("001_a");
        Changelog.inDirectory(root).revisions();
        try (var files = Files.list(indexes.resolve("index"))) {
            for (Path index : files.toList()) {
                Files.writeString(index, Files.readString(index).replace("\nR\t", "\nX\t"));
            }
        }

        Changelog again = Changelog.inDirectory(root);
        assertThat(again.revisions().ids()).containsExactly("001_a");
        assertThat(again.parsed()).isTrue();
    }

    private void master(String... revisions) throws Exception {
        StringBuilder master = new StringBuilder("databaseChangeLog:\n");
        for (String r : revisions) {
            master.append("  - include: {file: db/changelog/").append(r).append(".yaml}\n");
        }
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), master);
    }

    private void write(String revision, String sql) throws Exception {
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/" + revision + ".yaml"), revision(revision, sql));
    }

    private static String revision(String revision, String sql) {
        return """
                databaseChangeLog:
                  - changeSet:
                      id: %1$s-1
                      author: t
                      changes:
                        - sql: {sql: "%2$s"}
                      rollback: []
                  - changeSet: {id: %1$s-tag, author: t, changes: [{tagDatabase: {tag: %1$s}}], rollback: []}
                """.formatted(revision, sql);
    }
}
