package io.sark.migrate.scenarios;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.generate.Generator;
import io.sark.migrate.hibernate.EntitySchemaReader;
import io.sark.migrate.model.annotations.PgIndex;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The safe forms the generator writes, proven on a table that already has rows. */
@ExtendWith(FreshDatabase.class)
class SafeFormsTest {

    @Entity(name = "Item") @Table(name = "items")
    static class Item {
        @Id java.util.UUID id;
        @Column(name = "name", length = 20) String name;
    }

    @Entity(name = "Item") @Table(name = "items")
    static class SizedItem {
        @Id java.util.UUID id;
        @Column(name = "name", length = 20) String name;
        @Column(name = "size", nullable = false) int size;
    }

    @Entity(name = "Item") @Table(name = "items")
    @PgIndex(name = "ix_items_name", columns = "name", unique = false)
    static class IndexedItem {
        @Id java.util.UUID id;
        @Column(name = "name", length = 20) String name;
    }

    @Entity(name = "Item") @Table(name = "items") @jakarta.persistence.IdClass(KeyedItem.Key.class)
    static class KeyedItem {
        @Id java.util.UUID id;
        @Id @Column(name = "name", length = 20) String name;

        record Key(java.util.UUID id, String name) implements java.io.Serializable {
        }
    }

    @Entity(name = "Item") @Table(name = "items")
    static class RequiredNameItem {
        @Id java.util.UUID id;
        @Column(name = "name", length = 20, nullable = false) String name;
    }

    @Entity(name = "Item")
    @Table(name = "items", uniqueConstraints = @jakarta.persistence.UniqueConstraint(name = "uk_items_name", columnNames = "name"))
    static class UniqueNameItem {
        @Id java.util.UUID id;
        @Column(name = "name", length = 20) String name;
    }

    @Entity(name = "Item") @Table(name = "items")
    static class NotedItem {
        @Id java.util.UUID id;
        @Column(name = "name", length = 20) String name;
        @Column(name = "note") String note;
    }

    @Entity(name = "Item") @Table(name = "items")
    static class NamelessItem {
        @Id java.util.UUID id;
    }

    private static void start(TestDatabase db, Path root) throws Exception {
        ScenarioCorpusTest.emptyChangelog(root);
        ScenarioCorpusTest.write(root, "items", Generator.changes(io.sark.migrate.schema.Schema.empty(), ScenarioCorpusTest.desired(db, List.of(Item.class))));
        ScenarioCorpusTest.upgrade(db, root);
        db.execute("INSERT INTO items VALUES (gen_random_uuid(), 'a'), (gen_random_uuid(), 'a')");
    }

    @Test
    void aRequiredColumnWithABackfillIsAddedNullableFilledThenRequired(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);
        List<SchemaChange> changes = Generator.withBackfills(ScenarioCorpusTest.changes(db, root, List.of(SizedItem.class)), Map.of("items.size", "1"));

        ScenarioCorpusTest.write(root, "size", changes);
        ScenarioCorpusTest.upgrade(db, root);

        assertThat(changes).extracting(SchemaChange::describe).containsExactly("Add column items.size integer.",
                "Add trigger sark_fill_items_size on items (fills items.size with 1 on each row written without it, for the application"
                        + " version that does not know the column; dropped by the contract phase).",
                "Fill items.size with 1 where it is NULL.", "Make NOT NULL: items.size.");
        assertThat(queryInt(db, "SELECT count(*) FROM items WHERE size = 1")).isEqualTo(2);
        assertThat(ScenarioCorpusTest.changes(db, root, List.of(SizedItem.class))).extracting(SchemaChange::describe).as("the contract phase")
                .containsExactly("Drop trigger sark_fill_items_size on items, which an expand phase left (fills items.size with 1 on each row"
                        + " written without it, for the application version that does not know the column): from here on the application"
                        + " must write what it wrote.");
    }

    /**
     * The application version that does not know a new required column goes on inserting and updating while it is filled
     * and after it is NOT NULL (issue 30: its inserts of NULL made SET NOT NULL fail after the fill, and every insert
     * fail after that); the contract phase, generated by the next comparison, drops the trigger that made it work. Each
     * phase rolls back to the exact catalog before it.
     */
    @Test
    void theRunningApplicationKeepsWritingThroughTheExpandPhaseAndTheContractPhaseEndsIt(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);
        io.sark.migrate.postgres.catalog.CatalogSnapshot beforeExpand = ScenarioCorpusTest.snapshot(db);
        List<SchemaChange> expand = Generator.withBackfills(ScenarioCorpusTest.changes(db, root, List.of(SizedItem.class)),
                Map.of("items.size", "length(name) * 10"));
        ScenarioCorpusTest.write(root, "size", expand);
        ScenarioCorpusTest.upgrade(db, root);

        db.execute("INSERT INTO items (id, name) VALUES (gen_random_uuid(), 'old app')"); // the version without size
        db.execute("UPDATE items SET name = 'abc' WHERE name = 'a'");
        assertThat(queryInt(db, "SELECT count(*) FROM items WHERE size = length(name) * 10 OR (name = 'abc' AND size = 10)"))
                .as("each row filled, the new one by the trigger").isEqualTo(3);
        assertThat(queryInt(db, "SELECT count(*) FROM items WHERE name = 'old app' AND size = 70")).isOne();
        io.sark.migrate.testing.HibernateOracle.check(db, List.of(SizedItem.class));
        downAndUpAgain(db, root, beforeExpand, true);

        io.sark.migrate.postgres.catalog.CatalogSnapshot beforeContract = ScenarioCorpusTest.snapshot(db);
        List<SchemaChange> contract = ScenarioCorpusTest.changes(db, root, List.of(SizedItem.class));
        assertThat(contract).hasSize(1).allMatch(c -> c instanceof SchemaChange.DropExpandTrigger);
        assertThat(Generator.holdingDrops(contract)).as("--hold-drops keeps it for later").isEmpty();
        ScenarioCorpusTest.write(root, "contract size", contract);
        ScenarioCorpusTest.upgrade(db, root);

        assertThatThrownBy(() -> db.execute("INSERT INTO items (id, name) VALUES (gen_random_uuid(), 'old app')"))
                .as("after the contract, the old version's insert fails").hasMessageContaining("null value in column \"size\"");
        assertThat(queryInt(db, "SELECT count(*) FROM pg_proc WHERE proname LIKE 'sark%'")).isZero();
        assertThat(ScenarioCorpusTest.changes(db, root, List.of(SizedItem.class))).isEmpty();
        io.sark.migrate.testing.HibernateOracle.check(db, List.of(SizedItem.class));
        downAndUpAgain(db, root, beforeContract);
    }

    /**
     * The fill commits batch by batch: stopped half-way (here by a row its expression fails on, last in the table), what
     * it filled stays, and the run again fills the rest, each row once.
     */
    @Test
    void aBackfillStoppedHalfWayKeepsItsBatchesAndTheRerunFillsTheRestOnce(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);
        db.execute("INSERT INTO items SELECT gen_random_uuid(), 'n' || i FROM generate_series(1, 200000) i;"
                + " INSERT INTO items VALUES (gen_random_uuid(), 'poison')");
        int rows = queryInt(db, "SELECT count(*) FROM items");
        assertThat(queryInt(db, "SELECT (pg_relation_size('items') / current_setting('block_size')::int)::int")).as("several batches")
                .isGreaterThan(3 * io.sark.migrate.generate.Generator.FILL_BATCH_PAGES);
        List<SchemaChange> changes = Generator.withBackfills(ScenarioCorpusTest.changes(db, root, List.of(SizedItem.class)),
                Map.of("items.size", "CASE WHEN name = 'poison' THEN 1 / (length(name) - 6) ELSE length(name) END"));
        ScenarioCorpusTest.write(root, "size", changes);

        assertThatThrownBy(() -> ScenarioCorpusTest.upgrade(db, root)).isInstanceOf(MigrationException.class).hasMessageContaining("division by zero");
        int filledBefore = queryInt(db, "SELECT count(*) FROM items WHERE size IS NOT NULL");
        assertThat(filledBefore).as("the batches before the failure stayed filled").isBetween(1, rows - 2);
        db.execute("UPDATE items SET name = 'cured' WHERE name = 'poison'");
        assertThat(queryInt(db, "SELECT size FROM items WHERE name = 'cured'")).as("filled by the trigger").isEqualTo(5);
        db.execute("CREATE TABLE fills (id uuid);"
                + " CREATE FUNCTION count_fill() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO fills VALUES (NEW.id); RETURN NEW; END $$;"
                + " CREATE TRIGGER count_fill AFTER UPDATE ON items FOR EACH ROW WHEN (OLD.size IS DISTINCT FROM NEW.size) EXECUTE FUNCTION count_fill()");
        ScenarioCorpusTest.upgrade(db, root);

        // The cured row was filled by the fill trigger when it was updated, as a row the application updates meanwhile is.
        assertThat(queryInt(db, "SELECT count(*) FROM fills")).as("the rerun filled only the rest").isEqualTo(rows - filledBefore - 1);
        assertThat(queryInt(db, "SELECT count(DISTINCT id) FROM fills")).isEqualTo(rows - filledBefore - 1);
        assertThat(queryInt(db, "SELECT count(*) FROM items WHERE size = length(name)")).isEqualTo(rows);
        db.execute("DROP TRIGGER count_fill ON items; DROP FUNCTION count_fill(); DROP TABLE fills");
        assertThat(ScenarioCorpusTest.changes(db, root, List.of(SizedItem.class))).as("but the contract phase's trigger drop")
                .singleElement().isInstanceOf(SchemaChange.DropExpandTrigger.class);
    }

    /**
     * A fill tells how far it is while its one statement runs: after each batch it writes its progress into its session's
     * application_name, which the migration's watch reads from another session; the batch size and pause are the
     * session's sark.fill_batch_pages and sark.fill_pause_ms when set (upgrade --fill-batch-pages, --fill-pause-ms).
     */
    @Test
    void aFillSaysHowFarItIsAndTakesItsBatchSizeFromTheSession(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);
        db.execute("ALTER TABLE items ADD COLUMN size integer;"
                + " INSERT INTO items SELECT gen_random_uuid(), 'n' || i FROM generate_series(1, 50000) i");
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watch = new Thread(() -> {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                while (!done.get()) {
                    try (ResultSet rs = s.executeQuery("SELECT application_name FROM pg_stat_activity WHERE application_name LIKE 'sark-fill %'")) {
                        while (rs.next()) {
                            seen.add(rs.getString(1));
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        watch.start();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET sark.fill_batch_pages = 20");
            s.execute("SET sark.fill_pause_ms = 100");
            s.execute(Generator.backfillSql("items", "size", "length(name)"));
            try (ResultSet rs = s.executeQuery("SELECT current_setting('application_name')")) {
                rs.next();
                assertThat(rs.getString(1)).as("given back at the end").doesNotStartWith("sark-fill");
            }
        } finally {
            done.set(true);
            watch.join();
        }

        assertThat(seen).as("progress seen while it ran").hasSizeGreaterThan(3)
                .allMatch(name -> name.matches("sark-fill \\d+/\\d+ \\d+ \\d+ items\\.size"))
                .anyMatch(name -> name.startsWith("sark-fill 20/")).anyMatch(name -> name.startsWith("sark-fill 40/"));
        assertThat(queryInt(db, "SELECT count(*) FROM items WHERE size IS NULL")).isZero();
    }

    @Test
    void withoutABackfillTheRequiredColumnFailsOnRowsAndSaysWhere(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);
        ScenarioCorpusTest.write(root, "size", ScenarioCorpusTest.changes(db, root, List.of(SizedItem.class)));

        assertThatThrownBy(() -> ScenarioCorpusTest.upgrade(db, root)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("contains null values");
    }

    @Test
    void anIndexOnAnExistingTableIsBuiltConcurrentlyAfterDroppingAnInvalidLeftover(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);
        // An earlier attempt that failed: a unique index on duplicate names is left INVALID.
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE UNIQUE INDEX CONCURRENTLY ix_items_name ON items (name)");
        } catch (SQLException expected) {
            assertThat(expected.getMessage()).contains("could not create unique index");
        }
        assertThat(queryInt(db, "SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relname = 'ix_items_name' AND NOT x.indisvalid")).isOne();

        List<SchemaChange> changes = ScenarioCorpusTest.changes(db, root, List.of(IndexedItem.class));
        ScenarioCorpusTest.write(root, "index", changes);
        String written = Files.readString(root.resolve("db/changelog/002_index.yaml"));
        ScenarioCorpusTest.upgrade(db, root);

        assertThat(written).contains("runInTransaction: false", "DROP INDEX CONCURRENTLY IF EXISTS ix_items_name", "CREATE INDEX CONCURRENTLY ix_items_name");
        assertThat(queryInt(db, "SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relname = 'ix_items_name' AND x.indisvalid")).isOne();
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.downgrade("-1");
        }
        assertThat(queryInt(db, "SELECT count(*) FROM pg_class WHERE relname = 'ix_items_name'")).isZero();
    }

    /**
     * A statement that holds off writes first waits, with writes going on, for what vacuums or analyses the table: an
     * autovacuum started by a fill or by the application's own writes held the exclusive lock up in the queue, and every
     * write behind it, for deadlock_timeout (issue 30: waits of 1.0 s at 2,000,000 and 10,000,000 rows). A session holding
     * the lock a vacuum takes (SHARE UPDATE EXCLUSIVE) stands in for it here; the writer's insert must not wait.
     */
    @Test
    void aWriterDoesNotQueueBehindAChangeWaitingForAVacuumOfTheTable(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);
        ScenarioCorpusTest.write(root, "note", ScenarioCorpusTest.changes(db, root, List.of(NotedItem.class)));
        assertThat(Files.readString(root.resolve("db/changelog/002_note.yaml"))).contains("LOCK TABLE items IN SHARE UPDATE EXCLUSIVE MODE");

        upgradeWhileTheTableIsVacuumed(db, root);

        assertThat(ScenarioCorpusTest.changes(db, root, List.of(NotedItem.class))).isEmpty();
    }

    @Entity(name = "Tag") @Table(name = "tags")
    static class Tag {
        @Id java.util.UUID id;
        @jakarta.persistence.ManyToOne @jakarta.persistence.JoinColumn(name = "item_id",
                foreignKey = @jakarta.persistence.ForeignKey(name = "fk_tags_item")) Item item;
    }

    /** A new table's foreign key to a table with rows and writers locks that table too (SHARE ROW EXCLUSIVE). */
    @Test
    void aNewTablesForeignKeyToABusyTableWaitsForItsVacuumWithoutHoldingUpItsWriters(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);
        io.sark.migrate.postgres.catalog.CatalogSnapshot before = ScenarioCorpusTest.snapshot(db);
        ScenarioCorpusTest.write(root, "tags", ScenarioCorpusTest.changes(db, root, List.of(Item.class, Tag.class)));

        upgradeWhileTheTableIsVacuumed(db, root);

        assertThat(ScenarioCorpusTest.changes(db, root, List.of(Item.class, Tag.class))).isEmpty();
        downAndUpAgain(db, root, before);
    }

    /**
     * Upgrades while a session holds the lock a vacuum of items takes (SHARE UPDATE EXCLUSIVE), standing in for an
     * autovacuum; once the upgrade waits, a writer inserts and updates, and must not wait.
     */
    private static void upgradeWhileTheTableIsVacuumed(TestDatabase db, Path root) throws Exception {
        try (Connection vacuum = db.connect(); Statement v = vacuum.createStatement()) {
            vacuum.setAutoCommit(false);
            v.execute("LOCK TABLE items IN SHARE UPDATE EXCLUSIVE MODE");
            java.util.concurrent.CompletableFuture<Void> upgrade = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    ScenarioCorpusTest.upgrade(db, root);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (queryInt(db, "SELECT count(*) FROM pg_locks WHERE relation = 'items'::regclass AND NOT granted") == 0) {
                assertThat(System.nanoTime()).as("the upgrade comes to wait for the table's lock").isLessThan(until);
                Thread.sleep(20);
            }

            try (Connection writer = db.connect(); Statement w = writer.createStatement()) {
                w.execute("SET lock_timeout = '2s'");
                w.execute("INSERT INTO items (id, name) VALUES (gen_random_uuid(), 'written meanwhile')");
                w.execute("UPDATE items SET name = 'b' WHERE name = 'a'");
            }
            vacuum.commit();
            upgrade.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(queryInt(db, "SELECT count(*) FROM items WHERE name = 'written meanwhile'")).isOne();
    }

    @Test
    void notNullOnAColumnWithRowsIsProvenByAValidatedCheckNotByAScanUnderTheLock(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);
        io.sark.migrate.postgres.catalog.CatalogSnapshot before = ScenarioCorpusTest.snapshot(db);

        ScenarioCorpusTest.write(root, "required name", ScenarioCorpusTest.changes(db, root, List.of(RequiredNameItem.class)));
        String written = Files.readString(root.resolve("db/changelog/002_required_name.yaml"));
        ScenarioCorpusTest.upgrade(db, root);

        assertThat(written).contains("CHECK (name IS NOT NULL) NOT VALID", "VALIDATE CONSTRAINT items_name_not_null",
                "ALTER COLUMN name SET NOT NULL", "DROP CONSTRAINT IF EXISTS items_name_not_null").doesNotContain("addNotNullConstraint");
        assertThat(queryInt(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'name'"
                + " AND is_nullable = 'NO'")).isOne();
        assertThat(queryInt(db, "SELECT count(*) FROM pg_constraint WHERE conname = 'items_name_not_null'")).as("the check is gone").isZero();
        assertThat(ScenarioCorpusTest.changes(db, root, List.of(RequiredNameItem.class))).isEmpty();
        io.sark.migrate.testing.HibernateOracle.check(db, List.of(RequiredNameItem.class));
        downAndUpAgain(db, root, before);
    }

    @Test
    void aNullLeftInTheColumnFailsTheValidationAndTheRerunPassesOnceItIsFilled(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);
        db.execute("INSERT INTO items VALUES (gen_random_uuid(), NULL)");
        ScenarioCorpusTest.write(root, "required name", ScenarioCorpusTest.changes(db, root, List.of(RequiredNameItem.class)));

        assertThatThrownBy(() -> ScenarioCorpusTest.upgrade(db, root)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("items_name_not_null").hasMessageContaining("violated by some row");
        assertThatThrownBy(() -> db.execute("INSERT INTO items VALUES (gen_random_uuid(), NULL)")).as("new NULLs are refused meanwhile")
                .hasMessageContaining("items_name_not_null");
        db.execute("UPDATE items SET name = 'filled' WHERE name IS NULL");
        ScenarioCorpusTest.upgrade(db, root);

        assertThat(ScenarioCorpusTest.changes(db, root, List.of(RequiredNameItem.class))).isEmpty();
    }

    @Test
    void aUniqueConstraintOnRowsIsBuiltConcurrentlyThenAttachedAndDuplicatesAreNamed(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root); // two rows named 'a'
        io.sark.migrate.postgres.catalog.CatalogSnapshot before = ScenarioCorpusTest.snapshot(db);
        ScenarioCorpusTest.write(root, "unique name", ScenarioCorpusTest.changes(db, root, List.of(UniqueNameItem.class)));
        String written = Files.readString(root.resolve("db/changelog/002_unique_name.yaml"));

        assertThatThrownBy(() -> ScenarioCorpusTest.upgrade(db, root)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("Key (name)=(a) is duplicated");
        assertThat(queryInt(db, "SELECT count(*) FROM pg_class WHERE relname = 'uk_items_name'")).as("no invalid index left behind").isZero();
        db.execute("UPDATE items SET name = 'b' WHERE id = (SELECT min(id::text)::uuid FROM items)");
        ScenarioCorpusTest.upgrade(db, root);

        assertThat(written).contains("runInTransaction: false", "CREATE UNIQUE INDEX CONCURRENTLY uk_items_name ON items (name)",
                "ADD CONSTRAINT uk_items_name UNIQUE USING INDEX uk_items_name").doesNotContain("addUniqueConstraint");
        assertThat(queryInt(db, "SELECT count(*) FROM pg_constraint WHERE conname = 'uk_items_name' AND contype = 'u'")).isOne();
        assertThat(queryInt(db, "SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE NOT x.indisvalid")).isZero();
        assertThat(ScenarioCorpusTest.changes(db, root, List.of(UniqueNameItem.class))).isEmpty();
        io.sark.migrate.testing.HibernateOracle.check(db, List.of(UniqueNameItem.class));
        downAndUpAgain(db, root, before);
    }

    /**
     * A key on other columns: the new key's unique index is built CONCURRENTLY (writes go on), then one statement drops
     * the old key and makes that index the new one, so there is no moment without a key (SARK's 005 dropped the key in one
     * changeset and added the new one in the next, with a window between their commits, and built the index under the lock).
     */
    @Test
    void aPrimaryKeyOnOtherColumnsIsSwappedInWithNoMomentWithoutAKey(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);

        List<SchemaChange> changes = ScenarioCorpusTest.changes(db, root, List.of(KeyedItem.class));
        ScenarioCorpusTest.write(root, "key", changes);
        String written = Files.readString(root.resolve("db/changelog/002_key.yaml"));
        ScenarioCorpusTest.upgrade(db, root);

        assertThat(changes).extracting(SchemaChange::describe).contains("Replace primary key items_pkey on items (id) with items_pkey (id, name).");
        assertThat(written).contains("CREATE UNIQUE INDEX CONCURRENTLY items_pkey_new ON items (id, name)", "runInTransaction: false",
                "ALTER TABLE items DROP CONSTRAINT items_pkey, ADD CONSTRAINT items_pkey PRIMARY KEY USING INDEX items_pkey_new")
                .doesNotContain("dropPrimaryKey");
        assertThat(primaryKey(db)).isEqualTo("PRIMARY KEY (id, name)");
        assertThat(ScenarioCorpusTest.changes(db, root, List.of(KeyedItem.class))).isEmpty();
        io.sark.migrate.testing.HibernateOracle.check(db, List.of(KeyedItem.class)); // validates, persists and reloads

        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.downgrade("-1");
        }
        assertThat(primaryKey(db)).isEqualTo("PRIMARY KEY (id)");
        assertThat(queryInt(db, "SELECT count(*) FROM pg_class WHERE relname = 'items_pkey_new'")).isZero();
        ScenarioCorpusTest.upgrade(db, root);
        assertThat(primaryKey(db)).isEqualTo("PRIMARY KEY (id, name)");
    }

    private static String primaryKey(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'items'::regclass AND contype = 'p'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void columnDropsCanBeHeldBackForALaterRevision(TestDatabase db, @TempDir Path root) throws Exception {
        start(db, root);

        List<SchemaChange> changes = ScenarioCorpusTest.changes(db, root, List.of(NamelessItem.class));

        assertThat(changes).extracting(SchemaChange::describe).containsExactly("Drop column items.name.");
        assertThat(Generator.holdingDrops(changes)).isEmpty();
    }

    @Entity(name = "Person") @Table(name = "people")
    static class Person {
        @Id java.util.UUID id;
        @Column(name = "first_name", nullable = false, length = 100) String firstName;
        @Column(name = "last_name", nullable = false, length = 100) String lastName;
    }

    @Entity(name = "Person") @Table(name = "people")
    static class NamedPerson {
        @Id java.util.UUID id;
        @Column(name = "full_name", nullable = false) String fullName;
    }

    /**
     * SARK guide's data migration (first_name and last_name become full_name), in expand/contract order: one revision
     * adds full_name, fills it from the two columns and makes it NOT NULL, holding the drops back; a later one drops the
     * old columns, its rollback putting them back and filling them from full_name. Rows survive down and up.
     */
    @Test
    void theGuidesFullNameMigrationKeepsTheRowsDownAndUp(TestDatabase db, @TempDir Path root) throws Exception {
        ScenarioCorpusTest.emptyChangelog(root);
        ScenarioCorpusTest.write(root, "people", Generator.changes(io.sark.migrate.schema.Schema.empty(),
                ScenarioCorpusTest.desired(db, List.of(Person.class))));
        ScenarioCorpusTest.upgrade(db, root);
        db.execute("INSERT INTO people VALUES (gen_random_uuid(), 'Ada', 'Lovelace'), (gen_random_uuid(), 'Grace', 'Hopper'),"
                + " (gen_random_uuid(), 'Alan', 'Turing')");
        Map<String, String> split = rows(db, "first_name || '/' || last_name");

        // Expand: add, fill, require; the drops held back while the running application still reads the old columns.
        List<SchemaChange> expand = Generator.withBackfills(Generator.holdingDrops(ScenarioCorpusTest.changes(db, root, List.of(NamedPerson.class))),
                Map.of("people.full_name", "first_name || ' ' || last_name"));
        ScenarioCorpusTest.write(root, "full name", expand);
        ScenarioCorpusTest.upgrade(db, root);
        assertThat(expand).extracting(SchemaChange::describe).containsExactly("Add column people.full_name character varying(255).",
                "Add trigger sark_fill_people_full_name on people (fills people.full_name with first_name || ' ' || last_name on each row"
                        + " written without it, for the application version that does not know the column; dropped by the contract phase).",
                "Fill people.full_name with first_name || ' ' || last_name where it is NULL.", "Make NOT NULL: people.full_name.");
        Map<String, String> joined = rows(db, "full_name");
        assertThat(joined.values()).containsExactlyInAnyOrder("Ada Lovelace", "Grace Hopper", "Alan Turing");
        assertThat(rows(db, "first_name || '/' || last_name")).as("the old columns stay, for the running application").isEqualTo(split);
        db.execute("INSERT INTO people (id, first_name, last_name) VALUES (gen_random_uuid(), 'Edsger', 'Dijkstra')"); // the old version
        assertThat(rows(db, "full_name").values()).as("its row is filled by the trigger").contains("Edsger Dijkstra");
        db.execute("DELETE FROM people WHERE first_name = 'Edsger'");

        // Contract, a release later: the drops, each rollback filling its column from full_name again.
        List<SchemaChange> contract = Generator.withRestores(ScenarioCorpusTest.changes(db, root, List.of(NamedPerson.class)),
                Map.of("people.first_name", "split_part(full_name, ' ', 1)", "people.last_name", "split_part(full_name, ' ', 2)"));
        ScenarioCorpusTest.write(root, "drop split names", contract);
        String written = Files.readString(root.resolve("db/changelog/003_drop_split_names.yaml"));
        ScenarioCorpusTest.upgrade(db, root);
        assertThat(contract.get(0)).as("the fill trigger goes first, before the columns it reads").isInstanceOf(SchemaChange.DropExpandTrigger.class);
        assertThat(written).contains("UPDATE people SET first_name = split_part(full_name, ' ', 1)", "addNotNullConstraint");
        assertThat(ScenarioCorpusTest.changes(db, root, List.of(NamedPerson.class))).isEmpty();
        io.sark.migrate.testing.HibernateOracle.check(db, List.of(NamedPerson.class));
        db.execute("DELETE FROM people WHERE full_name NOT IN ('Ada Lovelace', 'Grace Hopper', 'Alan Turing')"); // the oracle's own rows

        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.downgrade("002_full_name");
            assertThat(rows(db, "first_name || '/' || last_name")).as("down: the old columns hold the names again").isEqualTo(split);
            assertThat(queryInt(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'people' AND is_nullable = 'NO'"
                    + " AND column_name IN ('first_name', 'last_name')")).as("NOT NULL again").isEqualTo(2);
            // full_name holds values, so the guard asks first; the old columns hold the same data.
            assertThatThrownBy(() -> migrator.downgrade("001_people")).isInstanceOf(io.sark.migrate.engine.guard.DataLossException.class)
                    .hasMessageContaining("column people.full_name (3 rows)");
            migrator.downgrade("001_people", true);
            assertThat(rows(db, "first_name || '/' || last_name")).isEqualTo(split);

            migrator.upgradeToHead();
        }
        assertThat(rows(db, "full_name")).as("up again").isEqualTo(joined);
    }

    @Entity(name = "Counter") @Table(name = "counters")
    static class Counter {
        @Id java.util.UUID id;
        @org.hibernate.annotations.ColumnDefault("0") @Column(name = "hits", nullable = false) int hits;
        @Column(name = "color", length = 20) String color;
    }

    @Entity(name = "Counter") @Table(name = "counters")
    static class LongCounter {
        @Id java.util.UUID id;
        @org.hibernate.annotations.ColumnDefault("0") @Column(name = "hits", nullable = false) long hits;
        @Column(name = "color", length = 20) String color;
    }

    @Entity(name = "Counter") @Table(name = "counters")
    static class RecolouredCounter {
        @Id java.util.UUID id;
        @org.hibernate.annotations.ColumnDefault("0") @Column(name = "hits", nullable = false) int hits;
        @io.sark.migrate.model.annotations.RenamedFrom("color") @Column(name = "colour", length = 20) String colour;
    }

    /** A counters table at its first revision, with rows over several batches of a fill. */
    private static void counters(TestDatabase db, Path root) throws Exception {
        ScenarioCorpusTest.emptyChangelog(root);
        ScenarioCorpusTest.write(root, "counters", Generator.changes(io.sark.migrate.schema.Schema.empty(),
                ScenarioCorpusTest.desired(db, List.of(Counter.class))));
        ScenarioCorpusTest.upgrade(db, root);
        db.execute("INSERT INTO counters SELECT gen_random_uuid(), i, 'c' || (i % 7) FROM generate_series(1, 100000) i");
    }

    /**
     * integer to bigint, as issue 30's operator saw it rewrite api_keys under the lock for 24 s: by a copy kept in step by a
     * trigger, filled in batches, swapped in by renames in one transaction. The running (old) application's writes go on
     * at each step; the contract phase drops the old column; rolled back, it comes back filled, in batches.
     */
    @Test
    void aTypeChangeIsACopySwappedInAndTheOldColumnStaysInStepUntilTheContract(TestDatabase db, @TempDir Path root) throws Exception {
        counters(db, root);
        io.sark.migrate.postgres.catalog.CatalogSnapshot before = ScenarioCorpusTest.snapshot(db);
        List<SchemaChange> expand = ScenarioCorpusTest.changes(db, root, List.of(LongCounter.class));
        assertThat(expand).singleElement().isInstanceOf(SchemaChange.ChangeColumnTypeByCopy.class);
        ScenarioCorpusTest.write(root, "long hits", expand);
        String written = Files.readString(root.resolve("db/changelog/002_long_hits.yaml"));
        ScenarioCorpusTest.upgrade(db, root);

        assertThat(written).doesNotContain("modifyDataType", "ALTER COLUMN hits TYPE").contains("ADD COLUMN sark_new_hits bigint",
                "CAST(hits AS bigint)", "VALIDATE CONSTRAINT counters_sark_new_hits_not_null", "RENAME COLUMN hits TO sark_old_hits",
                "RENAME COLUMN sark_new_hits TO hits", "SET DEFAULT 0");
        assertThat(queryInt(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'counters' AND column_name = 'hits'"
                + " AND data_type = 'bigint' AND is_nullable = 'NO' AND column_default = '0'")).isOne();
        assertThat(queryInt(db, "SELECT count(*) FROM counters WHERE hits = sark_old_hits")).isEqualTo(100000);
        db.execute("INSERT INTO counters (id, color) VALUES (gen_random_uuid(), 'new')"); // no hits: the default
        db.execute("INSERT INTO counters (id, hits) VALUES (gen_random_uuid(), 5000000000)"); // beyond integer: the old copy cannot hold it
        db.execute("UPDATE counters SET hits = hits + 1 WHERE color = 'c1'");
        assertThat(queryInt(db, "SELECT count(*) FROM counters WHERE hits <> sark_old_hits OR sark_old_hits IS NULL AND hits < 5000000000")).isZero();
        io.sark.migrate.testing.HibernateOracle.check(db, List.of(LongCounter.class));
        io.sark.migrate.postgres.catalog.CatalogSnapshot expanded = ScenarioCorpusTest.snapshot(db);
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            assertThatThrownBy(() -> migrator.downgrade("-1", true)).as("rolling back would lose the value integer cannot hold")
                    .hasMessageContaining("counters.hits holds values integer cannot hold");
            db.execute("DELETE FROM counters WHERE hits = 5000000000");
            migrator.downgrade("-1", true); // resumes from what the failure left
            assertThat(ScenarioCorpusTest.snapshot(db)).as("down: the catalog before").isEqualTo(before);
            migrator.upgradeToHead();
        }
        assertThat(ScenarioCorpusTest.snapshot(db)).as("up again").isEqualTo(expanded);

        io.sark.migrate.postgres.catalog.CatalogSnapshot beforeContract = ScenarioCorpusTest.snapshot(db);
        List<SchemaChange> contract = ScenarioCorpusTest.changes(db, root, List.of(LongCounter.class));
        assertThat(contract).singleElement().isInstanceOf(SchemaChange.DropColumnCopy.class);
        assertThat(Generator.holdingDrops(contract)).isEmpty();
        ScenarioCorpusTest.write(root, "contract hits", contract);
        ScenarioCorpusTest.upgrade(db, root);
        assertThat(queryInt(db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'counters' AND column_name LIKE 'sark%'")).isZero();
        assertThat(ScenarioCorpusTest.changes(db, root, List.of(LongCounter.class))).isEmpty();
        io.sark.migrate.testing.HibernateOracle.check(db, List.of(LongCounter.class));

        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.downgrade("-1");
        }
        assertThat(queryInt(db, "SELECT count(*) FROM counters WHERE hits = sark_old_hits")).as("filled again, each row")
                .isEqualTo(queryInt(db, "SELECT count(*) FROM counters"));
        assertThat(ScenarioCorpusTest.snapshot(db).withoutColumnPositions().differencesFrom(beforeContract.withoutColumnPositions())).isEmpty();
        ScenarioCorpusTest.upgrade(db, root);
        assertThat(ScenarioCorpusTest.changes(db, root, List.of(LongCounter.class))).isEmpty();
    }

    /**
     * A column renamed with @RenamedFrom (issue 30: the old application's every write failed after it): the new column is
     * kept in step both ways, so the version that writes color and the one that writes colour run side by side.
     */
    @Test
    void aRenameIsACopyKeptInStepBothWaysUntilTheContract(TestDatabase db, @TempDir Path root) throws Exception {
        counters(db, root);
        io.sark.migrate.postgres.catalog.CatalogSnapshot before = ScenarioCorpusTest.snapshot(db);
        List<SchemaChange> expand = ScenarioCorpusTest.changes(db, root, List.of(RecolouredCounter.class));
        assertThat(expand).singleElement().isInstanceOf(SchemaChange.RenameColumnByCopy.class);
        ScenarioCorpusTest.write(root, "colour", expand);
        String written = Files.readString(root.resolve("db/changelog/002_colour.yaml"));
        ScenarioCorpusTest.upgrade(db, root);

        assertThat(written).doesNotContain("renameColumn", "RENAME COLUMN");
        assertThat(queryInt(db, "SELECT count(*) FROM counters WHERE colour = color")).isEqualTo(100000);
        db.execute("INSERT INTO counters (id, hits, color) VALUES ('00000000-0000-0000-0000-000000000001', 1, 'old app')");
        db.execute("INSERT INTO counters (id, hits, colour) VALUES ('00000000-0000-0000-0000-000000000002', 1, 'new app')");
        db.execute("UPDATE counters SET color = 'old edit' WHERE id = '00000000-0000-0000-0000-000000000002'");
        db.execute("UPDATE counters SET colour = 'new edit' WHERE id = '00000000-0000-0000-0000-000000000001'");
        db.execute("UPDATE counters SET color = NULL WHERE color = 'c3'");
        assertThat(queryInt(db, "SELECT count(*) FROM counters WHERE color IS DISTINCT FROM colour")).isZero();
        assertThat(queryInt(db, "SELECT count(*) FROM counters WHERE colour IN ('old edit', 'new edit')")).isEqualTo(2);
        io.sark.migrate.testing.HibernateOracle.check(db, List.of(RecolouredCounter.class));
        downAndUpAgain(db, root, before, true);

        List<SchemaChange> contract = ScenarioCorpusTest.changes(db, root, List.of(RecolouredCounter.class));
        assertThat(contract).singleElement().isInstanceOf(SchemaChange.DropColumnCopy.class);
        ScenarioCorpusTest.write(root, "contract colour", contract);
        ScenarioCorpusTest.upgrade(db, root);
        assertThat(ScenarioCorpusTest.changes(db, root, List.of(RecolouredCounter.class))).isEmpty();
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.downgrade("-1");
        }
        assertThat(queryInt(db, "SELECT count(*) FROM counters WHERE color IS DISTINCT FROM colour")).as("color filled again").isZero();
    }

    /** Down one revision gives back the catalog {@code before} it; up again, the catalog there is now. */
    private static void downAndUpAgain(TestDatabase db, Path root, io.sark.migrate.postgres.catalog.CatalogSnapshot before) throws Exception {
        downAndUpAgain(db, root, before, false);
    }

    /** The same, with the data the revision added allowed to go (a column it added and filled). */
    private static void downAndUpAgain(TestDatabase db, Path root, io.sark.migrate.postgres.catalog.CatalogSnapshot before, boolean allowDataLoss)
            throws Exception {
        io.sark.migrate.postgres.catalog.CatalogSnapshot after = ScenarioCorpusTest.snapshot(db);
        try (Migrator migrator = Migrator.open(db.connect(), Changelog.inDirectory(root))) {
            migrator.downgrade("-1", allowDataLoss);
            assertThat(ScenarioCorpusTest.snapshot(db)).as("down: the catalog before").isEqualTo(before);
            migrator.upgradeToHead();
        }
        assertThat(ScenarioCorpusTest.snapshot(db)).as("up again").isEqualTo(after);
    }

    /** A value of every row of people, by id. */
    private static Map<String, String> rows(TestDatabase db, String expression) throws SQLException {
        Map<String, String> rows = new java.util.TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id::text, " + expression + " FROM people")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }

    private static int queryInt(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
