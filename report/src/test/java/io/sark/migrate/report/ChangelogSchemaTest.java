package io.sark.migrate.report;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.report.ErDiagram.Mark;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a review draws is read from the changelog alone; the catalog the changelog really builds holds it to the truth:
 * the same tables, columns, primary keys, nullability and foreign keys.
 */
@ExtendWith(FreshDatabase.class)
class ChangelogSchemaTest {

    @Test
    void sarksChangelogReadAloneDrawsWhatTheCatalogHoldsAfterUpgrade(TestDatabase db) throws Exception {
        Changelog changelog = Changelog.bundled();
        Schema drawn = ChangelogSchema.atHead(changelog);
        Schema built;
        try (Migrator migrator = Migrator.open(db.connect(), changelog)) {
            migrator.upgradeToHead();
        }
        try (Connection c = db.connect()) {
            built = CatalogSchemaReader.read(c);
        }
        assertThat(outline(drawn)).isEqualTo(outline(built));
    }

    @Test
    void revision005DrawsAuditEventsWithItsKeyChangedAndItsNeighbours() {
        ChangelogSchema.AtRevision at = ChangelogSchema.byRevision(Changelog.bundled(), "005_audit_events_hypertable").get(0);
        assertThat(at.revision()).isEqualTo("005_audit_events_hypertable");
        assertThat(at.tables()).containsEntry("audit_events", Mark.CHANGED);
        assertThat(at.columns().get("audit_events")).containsEntry("timestamp", Mark.CHANGED);

        String mermaid = Mermaid.erDiagram(at.diagram());
        System.out.println(mermaid);
        assertThat(mermaid).startsWith("erDiagram\n").contains("    audit_events {\n")
                .containsPattern("timestamptz timestamp PK \"changed\"");
    }

    /** Per table: each column's name, type's first word and nullability, the primary key, and each foreign key's columns and table. */
    private static Map<String, List<String>> outline(Schema schema) {
        Map<String, List<String>> outline = new TreeMap<>();
        for (Table t : schema.tables().values()) {
            List<String> lines = new java.util.ArrayList<>();
            for (Column c : t.columns()) {
                lines.add(c.name() + (c.nullable() ? " null" : " not null"));
            }
            lines.add("pk " + (t.primaryKey() == null ? "-" : t.primaryKey().columns()));
            lines.add("fk " + t.foreignKeys().values().stream().map(ChangelogSchemaTest::fk).collect(Collectors.toCollection(TreeSet::new)));
            outline.put(t.name(), lines);
        }
        return outline;
    }

    private static String fk(ForeignKey fk) {
        return fk.columns() + "->" + fk.referencedTable();
    }
}
