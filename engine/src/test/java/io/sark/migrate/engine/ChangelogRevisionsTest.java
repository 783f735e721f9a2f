package io.sark.migrate.engine;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogException;
import io.sark.migrate.engine.changelog.Revision;
import io.sark.migrate.engine.changelog.Revisions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a revision is in a changelog sark-migrate did not write: one per file without tags, beside tagged ones. */
class ChangelogRevisionsTest {

    @TempDir
    Path root;

    private void write(String path, String text) throws Exception {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), text);
    }

    private static String changeSet(String id, String extra) {
        return "  - changeSet:\n      id: \"" + id + "\"\n      author: jane\n" + extra
                + "      changes:\n        - sql: {sql: SELECT 1}\n      rollback: []\n";
    }

    private static String tag(String id) {
        return "  - changeSet:\n      id: " + id + "-tag\n      author: sark\n      changes:\n        - tagDatabase: {tag: " + id + "}\n"
                + "      rollback: []\n";
    }

    @Test
    void eachUntaggedFileIsARevisionNamedByItAndTaggedRevisionsStayAsTheyAre() throws Exception {
        write("db/master.yaml", "databaseChangeLog:\n  - include: {file: db/v1/changes.yaml}\n  - include: {file: db/v2/changes.yaml}\n"
                + "  - include: {file: db/001_next.yaml}\n");
        write("db/v1/changes.yaml", "databaseChangeLog:\n" + changeSet("1", "") + changeSet("2", "      dbms: oracle\n"));
        write("db/v2/changes.yaml", "databaseChangeLog:\n" + changeSet("1", "") + changeSet("2", "      dbms: \"!oracle\"\n"));
        write("db/001_next.yaml", "databaseChangeLog:\n" + changeSet("001_next-1", "") + tag("001_next"));

        Revisions revisions = Changelog.at(root, "db/master.yaml").revisions();

        assertThat(revisions.ids()).containsExactly("changes", "db/v2/changes", "001_next");
        assertThat(revisions.all()).extracting(Revision::tagged).containsExactly(false, false, true);
        assertThat(revisions.all().get(0).changeSets()).as("a changeset for Oracle only never runs here")
                .extracting(Revision.ChangeSetRef::id).containsExactly("1");
        assertThat(revisions.all().get(1).changeSets()).extracting(Revision.ChangeSetRef::id).containsExactly("1", "2");
        assertThat(revisions.all().get(2).changeSets()).hasSize(2);
    }

    @Test
    void aChangesetAfterARevisionsTagInItsOwnFileIsRefused() throws Exception {
        write("db/master.yaml", "databaseChangeLog:\n  - include: {file: db/001_a.yaml}\n");
        write("db/001_a.yaml", "databaseChangeLog:\n" + changeSet("001_a-1", "") + tag("001_a") + changeSet("001_a-2", ""));

        assertThatThrownBy(() -> Changelog.at(root, "db/master.yaml").revisions()).isInstanceOf(ChangelogException.class)
                .hasMessage("Revision file db/001_a.yaml has changesets after its tag (001_a-2): the tagDatabase changeset must stay last,"
                        + " so move them above it.");
    }

    @Test
    void aFileNamedAsAReservedRevisionIsRefused() throws Exception {
        write("db/master.yaml", "databaseChangeLog:\n  - include: {file: db/head.yaml}\n");
        write("db/head.yaml", "databaseChangeLog:\n" + changeSet("1", ""));

        assertThatThrownBy(() -> Changelog.at(root, "db/master.yaml").revisions()).isInstanceOf(ChangelogException.class)
                .hasMessageContaining("The changelog file db/head.yaml would be revision 'head', a name sark-migrate reserves");
    }

    @Test
    void theMasterOfAProjectIsFoundUnderItsResourcesFolder() throws Exception {
        write("app/src/main/resources/db/master.yaml", "databaseChangeLog:\n" + changeSet("1", ""));

        Changelog changelog = Changelog.ofFile(root.resolve("app/src/main/resources/db/master.yaml"), null);

        assertThat(changelog.master()).isEqualTo("db/master.yaml");
        assertThat(changelog.sourceRoot()).contains(root.resolve("app/src/main/resources").toAbsolutePath());
        assertThat(Changelog.ofFile(root.resolve("app/src/main/resources/db/master.yaml"), root.resolve("app")).master())
                .isEqualTo("src/main/resources/db/master.yaml");
        assertThatThrownBy(() -> Changelog.ofFile(root.resolve("app/nothing.xml"), null)).isInstanceOf(ChangelogException.class)
                .hasMessageContaining("No changelog at");
    }
}
