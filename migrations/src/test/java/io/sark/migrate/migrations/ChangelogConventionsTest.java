package io.sark.migrate.migrations;

import io.sark.migrate.engine.Migrator;
import liquibase.change.Change;
import liquibase.change.core.EmptyChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules every changeset of the changelog follows, checked on the parsed changelog. */
class ChangelogConventionsTest {

    private static final Pattern TIMESCALE_CALL = Pattern.compile(
            "\\b(create_hypertable|add_retention_policy|remove_retention_policy|add_compression_policy"
                    + "|remove_compression_policy|decompress_chunk|show_chunks|timescaledb_information|timescaledb\\.compress)\\b");
    private static final String EXTENSION_GUARD = "FROM pg_extension WHERE extname = 'timescaledb'";

    private static List<ChangeSet> changeSets;

    @BeforeAll
    static void parse() throws Exception {
        ResourceAccessor resources = new ClassLoaderResourceAccessor(ChangelogConventionsTest.class.getClassLoader());
        DatabaseChangeLog changelog = ChangeLogParserFactory.getInstance()
                .getParser(Migrator.MASTER_CHANGELOG, resources)
                .parse(Migrator.MASTER_CHANGELOG, new ChangeLogParameters(), resources);
        changeSets = changelog.getChangeSets();
    }

    @Test
    void everyChangeSetSaysWhatItDoes() {
        assertThat(changeSets).isNotEmpty();
        assertThat(changeSets).allSatisfy(cs -> assertThat(cs.getComments()).as(cs.toString()).isNotBlank());
    }

    @Test
    void everyChangeSetHasAnExplicitRollback() {
        for (ChangeSet cs : changeSets) {
            boolean onlyTags = cs.getChanges().stream().allMatch(TagDatabaseChange.class::isInstance);
            assertThat(cs.getRollback().getChanges()).as("explicit rollback of %s", cs).isNotEmpty();
            if (onlyTags) {
                // A tag changes no schema: its rollback is declared empty ("rollback: []").
                assertThat(cs.getRollback().getChanges()).as(cs.toString()).singleElement().isInstanceOf(EmptyChange.class);
            } else {
                assertThat(cs.getRollback().getChanges()).as("rollback of %s undoes something", cs)
                        .noneMatch(EmptyChange.class::isInstance);
            }
        }
    }

    @Test
    void eachRevisionLivesInItsOwnFileAndEndsWithItsTag() {
        Map<String, List<ChangeSet>> byFile = new LinkedHashMap<>();
        for (ChangeSet cs : changeSets) {
            byFile.computeIfAbsent(cs.getFilePath(), f -> new ArrayList<>()).add(cs);
        }
        assertThat(byFile.keySet()).startsWith(
                "db/changelog/001_initial.yaml", "db/changelog/002_api_keys.yaml",
                "db/changelog/003_policies.yaml", "db/changelog/004_audit_events.yaml");
        byFile.forEach((file, sets) -> {
            String revision = file.replaceAll(".*/|\\.yaml$", "");
            assertThat(sets).allSatisfy(cs -> {
                assertThat(cs.getId()).as("id of %s", cs).startsWith(revision + "-");
                assertThat(cs.getAuthor()).isNotBlank();
            });
            ChangeSet last = sets.get(sets.size() - 1);
            assertThat(last.getChanges()).singleElement().isInstanceOfSatisfying(TagDatabaseChange.class,
                    tag -> assertThat(tag.getTag()).isEqualTo(revision));
        });
    }

    @Test
    void everyTimescaleStatementIsGuardedByAnExtensionCheck() {
        List<String> guarded = new ArrayList<>();
        for (ChangeSet cs : changeSets) {
            List<Change> all = new ArrayList<>(cs.getChanges());
            all.addAll(cs.getRollback().getChanges());
            for (Change change : all) {
                if (change instanceof RawSQLChange sql && TIMESCALE_CALL.matcher(sql.getSql()).find()) {
                    String text = sql.getSql();
                    int guard = text.indexOf(EXTENSION_GUARD);
                    var call = TIMESCALE_CALL.matcher(text);
                    call.find();
                    assertThat(guard).as("extension check in %s", cs).isNotNegative().isLessThan(call.start());
                    assertThat(sql.isSplitStatements()).as("a DO block must not be split on ';' (%s)", cs).isFalse();
                    guarded.add(cs.getId());
                }
            }
        }
        assertThat(guarded).contains("004_audit_events-3", "004_audit_events-4", "004_audit_events-5");
    }
}
