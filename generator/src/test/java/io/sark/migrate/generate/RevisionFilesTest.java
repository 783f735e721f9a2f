package io.sark.migrate.generate;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RevisionFilesTest {

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "add user preferences            | add_user_preferences",
            "  Add User-Preferences (v2)!    | add_user_preferences_v2",
            "a very long message that goes on and on well past the fifty character limit | a_very_long_message_that_goes_on_and_on_well_past",
            "Café à la crème                 | cafe_a_la_creme",
            "ユーザー設定を追加              | ユーザー設定を追加",
            "添加 用户 偏好                  | 添加_用户_偏好",
    })
    void revisionFileNamesComeFromTheMessage(String message, String slug) {
        assertThat(RevisionFiles.slug(message)).isEqualTo(slug);
    }

    static Stream<Arguments> masters() {
        String include = "db/changelog/001_x.yaml";
        return Stream.of(
                Arguments.of("an empty flow list", "databaseChangeLog: []\n", "databaseChangeLog:\n  - include:\n      file: " + include + "\n"),
                Arguments.of("nothing under the key", "databaseChangeLog:\n", "databaseChangeLog:\n  - include:\n      file: " + include + "\n"),
                Arguments.of("indented entries", "databaseChangeLog:\n  - include:\n      file: a.yaml\n",
                        "databaseChangeLog:\n  - include:\n      file: a.yaml\n  - include:\n      file: " + include + "\n"),
                Arguments.of("entries at column 0, no last newline", "databaseChangeLog:\n- include:\n    file: a.yaml",
                        "databaseChangeLog:\n- include:\n    file: a.yaml\n- include:\n    file: " + include + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("masters")
    void theNewRevisionIsTheMastersLastEntryWhateverItsLayout(String what, String master, String expected) {
        assertThat(MasterChangelog.withInclude(master, "db/changelog/001_x.yaml", Path.of("m.yaml"))).isEqualTo(expected);
    }

    /**
     * The next revision is numbered as the project numbers its revisions: by a timestamp where they are named by one
     * (JHipster's 14-digit yyyyMMddHHmmss; before, Integer.parseInt of it ended 'revision' with exit 70), by the next
     * number of the same width, or by the next dotted version.
     */
    @Test
    void theNextRevisionFollowsTheProjectsOwnNumbering() {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-12-04T16:15:30Z"), java.time.ZoneOffset.UTC);

        assertThat(RevisionFiles.nextId(List.of("00000000000000_initial_schema", "20150805124838_added_entity_Foo"), "add bar", clock))
                .isEqualTo("20261204161530_add_bar");
        assertThat(RevisionFiles.nextId(List.of("202612041615_a"), "b", clock)).as("12 digits: to the minute").isEqualTo("202612041616_b");
        assertThat(RevisionFiles.nextId(List.of("20991231235959_future"), "next", clock)).as("never before the last")
                .isEqualTo("20991231235960_next");
        assertThat(RevisionFiles.nextId(List.of("001_initial", "002_api_keys"), "policies", clock)).isEqualTo("003_policies");
        assertThat(RevisionFiles.nextId(List.of("0009_x"), "y", clock)).isEqualTo("0010_y");
        assertThat(RevisionFiles.nextId(List.of("1.2.9_x", "1.2.10_y"), "z", clock)).isEqualTo("1.2.11_z");
        assertThat(RevisionFiles.nextId(List.of("initial", "second"), "third", clock)).as("nothing numbered").isEqualTo("001_third");
        assertThat(RevisionFiles.nextId(List.of(), "first", clock)).isEqualTo("001_first");
    }

    @Test
    void aMasterInFlowStyleIsRefusedAndNothingIsWritten(@TempDir Path root) throws Exception {
        Path master = Files.createDirectories(root.resolve("db/changelog")).resolve("db.changelog-master.yaml");
        String flow = "databaseChangeLog: [{include: {file: db/changelog/a.yaml}}]\n";
        Files.writeString(master, flow);

        assertThatThrownBy(() -> MasterChangelog.withInclude(flow, "db/changelog/001_x.yaml", master))
                .isInstanceOf(ChangelogException.class).hasMessageContaining("Nothing was written");
        assertThat(Files.readString(master)).isEqualTo(flow);
    }

    @Test
    void aRevisionInAnEmptyMasterLeavesAChangelogThatReads(@TempDir Path root) throws Exception {
        Path master = Files.createDirectories(root.resolve("db/changelog")).resolve("db.changelog-master.yaml");
        Files.writeString(master, "databaseChangeLog: []\n");

        RevisionFiles.create(Changelog.inDirectory(root), Changelog.inDirectory(root).revisions(), "first", "ada", List.of());

        assertThat(Changelog.inDirectory(root).revisions().ids()).containsExactly("001_first");
    }

    private static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
            + "                   xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "                   xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
            + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd\"";
    private static final String UNTAGGED = "databaseChangeLog:\n  - changeSet:\n      id: \"1\"\n      author: jane\n"
            + "      changes:\n        - createTable: {tableName: t, columns: [{column: {name: id, type: int}}]}\n";

    static Stream<Arguments> mastersInEveryFormat() {
        String include = "db/changelog/changes/001-init.yaml";
        return Stream.of(
                Arguments.of("master.xml", XML_HEAD + ">\n    <include file=\"" + include + "\"/>\n</databaseChangeLog>\n",
                        XML_HEAD + ">\n    <include file=\"" + include + "\"/>\n    <include file=\"db/changelog/001_x.yaml\"/>\n</databaseChangeLog>\n"),
                Arguments.of("master.xml", XML_HEAD + "/>\n",
                        XML_HEAD + ">\n    <include file=\"db/changelog/001_x.yaml\"/>\n</databaseChangeLog>\n"),
                Arguments.of("master.json", "{\n  \"databaseChangeLog\": [\n    {\"include\": {\"file\": \"" + include + "\"}}\n  ]\n}\n",
                        "{\n  \"databaseChangeLog\": [\n    {\"include\": {\"file\": \"" + include + "\"}},\n"
                                + "    {\"include\": {\"file\": \"db/changelog/001_x.yaml\"}}\n  ]\n}\n"),
                Arguments.of("master.json", "{\"databaseChangeLog\": []}",
                        "{\"databaseChangeLog\": [\n    {\"include\": {\"file\": \"db/changelog/001_x.yaml\"}}\n  ]}"),
                Arguments.of("master.yaml", "databaseChangeLog:\n  - include:\n      file: " + include + "\n",
                        "databaseChangeLog:\n  - include:\n      file: " + include + "\n  - include:\n      file: db/changelog/001_x.yaml\n"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("mastersInEveryFormat")
    void aMasterInAnyFormatGetsTheNewRevisionInItsOwnFormat(String name, String text, String expected, @TempDir Path root) throws Exception {
        Path folder = Files.createDirectories(root.resolve("db/changelog/changes"));
        Files.writeString(folder.resolve("001-init.yaml"), UNTAGGED);
        Path master = root.resolve("db/changelog").resolve(name);
        Files.writeString(master, text);
        Changelog before = Changelog.at(root, "db/changelog/" + name);

        RevisionFiles.NewRevision created = RevisionFiles.create(before, before.revisions(), "x", "ada");

        assertThat(created.file()).isEqualTo(root.resolve("db/changelog/001_x.yaml").toString());
        assertThat(Files.readString(master)).isEqualTo(expected);
        Changelog after = Changelog.at(root, "db/changelog/" + name);
        assertThat(after.revisions().all().get(after.revisions().all().size() - 1).id()).isEqualTo("001_x");
        assertThat(after.revisions().ids()).containsAll(before.revisions().ids());
    }

    @Test
    void aMasterEndingInIncludeAllGetsTheRevisionInThatFolderAndStaysAsItIs(@TempDir Path root) throws Exception {
        Path folder = Files.createDirectories(root.resolve("db/changelog/changes"));
        Files.writeString(folder.resolve("001-init.yaml"), UNTAGGED);
        Path master = root.resolve("db/changelog/master.xml");
        String text = XML_HEAD + ">\n    <includeAll path=\"changes/\" relativeToChangelogFile=\"true\"/>\n</databaseChangeLog>\n";
        Files.writeString(master, text);
        Changelog before = Changelog.at(root, "db/changelog/master.xml");
        assertThat(before.revisions().ids()).containsExactly("001-init");

        RevisionFiles.create(before, before.revisions(), "x", "ada");

        assertThat(Files.readString(master)).isEqualTo(text);
        assertThat(folder.resolve("001_x.yaml")).exists();
        assertThat(Changelog.at(root, "db/changelog/master.xml").revisions().ids()).containsExactly("001-init", "001_x");

        Files.writeString(folder.resolve("zz-later.yaml"), UNTAGGED.replace("\"1\"", "\"2\"").replace("name: id", "name: id2").replace("t,", "t2,"));
        Changelog now = Changelog.at(root, "db/changelog/master.xml");
        assertThatThrownBy(() -> RevisionFiles.create(now, now.revisions(), "y", "ada"))
                .isInstanceOf(ChangelogException.class).hasMessageContaining("zz-later.yaml sorts after it").hasMessageContaining("Nothing was written");
        assertThat(folder.resolve("002_y.yaml")).doesNotExist();
    }

    @Test
    void aFormattedSqlMasterCannotIncludeAndSaysSo(@TempDir Path root) throws Exception {
        Path master = Files.createDirectories(root.resolve("db")).resolve("changelog.sql");
        String text = "--liquibase formatted sql\n\n--changeset jane:1\nCREATE TABLE t (id int);\n--rollback DROP TABLE t;\n";
        Files.writeString(master, text);
        Changelog changelog = Changelog.at(root, "db/changelog.sql");
        assertThat(changelog.revisions().ids()).containsExactly("changelog");

        assertThatThrownBy(() -> RevisionFiles.create(changelog, changelog.revisions(), "x", "ada"))
                .isInstanceOf(ChangelogException.class).hasMessageContaining("a formatted SQL changelog cannot include other files")
                .hasMessageContaining("Nothing was written");
        assertThat(Files.readString(master)).isEqualTo(text);
        assertThat(root.resolve("db/001_x.yaml")).doesNotExist();
    }
}
