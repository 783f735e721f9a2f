package io.sark.migrate.migrations;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.SystemProperty;
import io.sark.migrate.testing.TestDatabase;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.ChangeLogParseException;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.parser.core.yaml.YamlChangeLogParser;
import liquibase.resource.ResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run parses the changelog at most once: Liquibase's update and rollback commands run on the parse sark-migrate made
 * for its own checks, instead of reading every file again (the second parse was a fifth of an upgrade's time; issue
 * 36); and a run after one that kept its changesets parses nothing.
 */
@ExtendWith(FreshDatabase.class)
class OneParsePerRunTest {

    /** Liquibase's YAML parser, counting the parses of the master file. */
    static final class CountingParser extends YamlChangeLogParser {
        final List<String> masters = Collections.synchronizedList(new ArrayList<>());

        @Override
        public int getPriority() {
            return super.getPriority() + 100;
        }

        @Override
        public DatabaseChangeLog parse(String path, ChangeLogParameters parameters, ResourceAccessor resources) throws ChangeLogParseException {
            if (path.endsWith(Changelog.MASTER)) {
                masters.add(path);
            }
            return super.parse(path, parameters, resources);
        }
    }

    @Test
    void aRunParsesTheChangelogOnceAndTheNextNotAtAll(TestDatabase db, @TempDir Path indexes) throws Exception {
        CountingParser counting = new CountingParser();
        ChangeLogParserFactory.getInstance().register(counting);
        try (var indexDir = SystemProperty.set("sark.migrate.changelog-index-dir", indexes.toString())) { // nothing indexed or kept yet
            try (Migrator migrator = Migrator.open(db.connect(), Changelog.bundled())) {
                migrator.upgradeTo("004_audit_events");
            }
            assertThat(counting.masters).as("parses of the master in the first upgrade").hasSize(1);

            counting.masters.clear();
            try (Migrator migrator = Migrator.open(db.connect(), Changelog.bundled())) {
                migrator.downgradeToBase();
                assertThat(migrator.ranDirectly()).isTrue();
            }
            assertThat(counting.masters).as("parses of the master in a downgrade run from what the upgrade kept").isEmpty();

            counting.masters.clear();
            try (var commands = SystemProperty.set("sark.migrate.direct-run", "off");
                 Migrator migrator = Migrator.open(db.connect(), Changelog.bundled())) {
                migrator.upgradeTo("004_audit_events");
                assertThat(migrator.ranDirectly()).isFalse();
            }
            assertThat(counting.masters).as("parses of the master in an upgrade through Liquibase's commands").hasSize(1);
        } finally {
            ChangeLogParserFactory.getInstance().unregister(counting);
        }
        assertThat(Fixtures.catalog(db).tables()).contains("users", "audit_events");
    }
}
