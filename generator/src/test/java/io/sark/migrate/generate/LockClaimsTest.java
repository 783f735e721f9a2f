package io.sark.migrate.generate;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.LockLevel;
import io.sark.migrate.changes.SqlFacts;
import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.UniqueConstraint;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lock the review and lint state for each statement of the forms the generator writes on a table with rows is the
 * lock PostgreSQL takes: each changeset that runs in a transaction is run, statement by statement, and after each the
 * strongest lock this session holds on the table (pg_locks) is compared with the strongest its statements claim
 * ({@link io.sark.migrate.changes.Operation#lock()}). The changesets outside a transaction (CONCURRENTLY, the batched
 * fills) are run too, so that the next ones find what they expect.
 */
@ExtendWith(FreshDatabase.class)
class LockClaimsTest {

    private static final Set<String> NO_NEW_TABLES = Set.of();

    @Test
    void theLockStatedForEachStatementOfTheSafeFormsIsTheLockPostgresqlTakes(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE owners (id uuid PRIMARY KEY);"
                + " CREATE TABLE items (id uuid PRIMARY KEY, name varchar(20), hits integer NOT NULL DEFAULT 0, color varchar(20), owner_id uuid,"
                + " size integer);"
                + " INSERT INTO items SELECT gen_random_uuid(), 'n' || i, i, 'c', NULL, 1 FROM generate_series(1, 1000) i");
        Column hits = new Column("hits", "integer", false, "0", null);
        Column color = new Column("color", "character varying(20)", true, null, null);
        // The column a --backfill adds is added here (Liquibase's addColumn is no SQL to run); what follows it is.
        List<SchemaChange> backfill = Generator.withBackfills(List.of(new SchemaChange.AddColumn("items",
                new Column("zone", "character varying(50)", false, null, null))), java.util.Map.of("items.zone", "'UTC'"));
        db.execute("ALTER TABLE items ADD COLUMN zone varchar(50)");
        List<SchemaChange> changes = new ArrayList<>(backfill.subList(1, backfill.size()));
        changes.addAll(List.of(
                new SchemaChange.ChangeNullability("items", "name", "character varying(20)", false),
                new SchemaChange.AddUniqueConstraint("items", new UniqueConstraint("uk_items_name", List.of("name"))),
                new SchemaChange.AddForeignKey("items", new ForeignKey("fk_items_owner", List.of("owner_id"), "owners", List.of("id"),
                        ForeignKey.Action.NO_ACTION, ForeignKey.Action.NO_ACTION)),
                new SchemaChange.ChangeColumnTypeByCopy("items", hits, "bigint", "0"),
                new SchemaChange.RenameColumnByCopy("items", color, "colour")));

        List<String> compared = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (SchemaChange change : changes) {
                for (ChangePlanner.Planned planned : ChangePlanner.plan(change, NO_NEW_TABLES, NO_NEW_TABLES, NO_NEW_TABLES)) {
                    c.setAutoCommit(!planned.inTransaction());
                    LockLevel claimed = LockLevel.NONE;
                    for (String sql : statements(planned.forward())) {
                        s.execute(sql);
                        if (!planned.inTransaction()) {
                            continue;
                        }
                        for (Fact fact : SqlFacts.of(sql)) {
                            if ("items".equals(fact.table()) && fact.lock().compareTo(claimed) > 0) {
                                claimed = fact.lock();
                            }
                        }
                        assertThat(held(s, "items")).as(planned.comment() + "\n  after: " + sql).isEqualTo(claimed);
                        compared.add(sql);
                    }
                    if (planned.inTransaction()) {
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(true);
        }
        assertThat(compared).as("statements compared").anyMatch(sql -> sql.startsWith("CREATE TRIGGER"))
                .anyMatch(sql -> sql.contains("VALIDATE CONSTRAINT")).anyMatch(sql -> sql.contains("RENAME COLUMN"))
                .anyMatch(sql -> sql.contains("UNIQUE USING INDEX")).anyMatch(sql -> sql.contains("SET NOT NULL"))
                .anyMatch(sql -> sql.startsWith("LOCK TABLE"));
    }

    /** The SQL of a changeset's steps, in order (Liquibase's own change types are not among these forms' steps, but for "empty"). */
    private static List<String> statements(List<ChangeSteps.Step> steps) {
        List<String> sql = new ArrayList<>();
        for (ChangeSteps.Step step : steps) {
            Object text = step.fields().get("sql");
            if (text instanceof Yaml.Literal literal) {
                sql.add(literal.text());
            } else if (text != null) {
                sql.add((String) text);
            } else {
                assertThat(step.type()).as("a step that is not SQL").isEqualTo("empty");
            }
        }
        return sql;
    }

    /** The strongest lock this session holds on {@code table}. */
    private static LockLevel held(Statement s, String table) throws SQLException {
        LockLevel strongest = LockLevel.NONE;
        try (ResultSet rs = s.executeQuery("SELECT mode FROM pg_locks WHERE locktype = 'relation' AND pid = pg_backend_pid()"
                + " AND relation = '" + table + "'::regclass")) {
            while (rs.next()) {
                // AccessExclusiveLock -> ACCESS_EXCLUSIVE
                LockLevel mode = LockLevel.valueOf(rs.getString(1).replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase());
                strongest = mode.compareTo(strongest) > 0 ? mode : strongest;
            }
        }
        // Reading pg_locks with the table named takes no lock on it; a SELECT of it would take ACCESS SHARE.
        return strongest == LockLevel.ACCESS_SHARE ? LockLevel.NONE : strongest;
    }
}
