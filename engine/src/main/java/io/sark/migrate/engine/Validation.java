package io.sark.migrate.engine;

import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.Revisions;
import io.sark.migrate.engine.changelog.UnknownRevisionException;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.postgres.TargetDatabase;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.schema.Identifiers;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * SARK's validate_migrations.py, done properly: every check compares whole catalogs, not version strings.
 *
 * <ol>
 *   <li>upgrade to head;</li>
 *   <li>with {@code testDowngrade}: downgrade to base, which must leave no object at all, then upgrade again, which
 *       must rebuild exactly the catalog of step 1;</li>
 *   <li>with {@code migration}: around that revision, up, down one step (the catalog must be the one before it), and
 *       up again (the catalog must be the one after it).</li>
 * </ol>
 * It stops at the first step that fails, and otherwise leaves the database at head.
 */
public final class Validation {

    /**
     * One step and what it found.
     *
     * @param name    what was done
     * @param passed  whether what was found is right
     * @param details facts, and on failure the differing objects
     */
    public record Step(String name, boolean passed, List<String> details) {
        public Step {
            details = List.copyOf(details);
        }
    }

    /**
     * The whole run.
     *
     * @param database which database it ran on
     * @param steps    the steps, in order, up to the first that failed
     * @param history  the revisions at the end, when asked for
     */
    public record Report(String database, List<Step> steps, List<RevisionStatus> history) {
        public boolean passed() {
            return steps.stream().allMatch(Step::passed);
        }
    }

    /**
     * What to check beyond the upgrade to head.
     *
     * @param testDowngrade downgrade to base and back
     * @param migration     a revision to take up, down and up again, or null
     * @param showHistory   include the history in the report
     * @param seed          with {@code migration}: SQL that puts rows in the tables before the revision runs, so that
     *                      its data changes are tried on rows, and the rows are compared too (null: none)
     */
    public record Options(boolean testDowngrade, String migration, boolean showHistory, String seed) {
        public Options(boolean testDowngrade, String migration, boolean showHistory) {
            this(testDowngrade, migration, showHistory, null);
        }
    }

    private final TargetDatabase database;
    private final Changelog changelog;
    private final MigrationListener listener;

    public Validation(TargetDatabase database, Changelog changelog, MigrationListener listener) {
        this.database = database;
        this.changelog = changelog;
        this.listener = listener;
    }

    public Report run(Options options) {
        List<Step> steps = new ArrayList<>();
        List<RevisionStatus> history = List.of();
        try (Migrator migrator = Migrator.open(database.connect(), changelog).listener(listener)) {
            String migration = options.migration() == null ? null : migrator.revisions().resolve(options.migration()).id();
            CatalogSnapshot atHead = upgradeToHead(migrator, steps);
            if (passed(steps) && options.testDowngrade()) {
                downgradeAndBack(migrator, atHead, steps);
            }
            if (passed(steps) && migration != null) {
                aroundRevision(migrator, migration, options.seed(), steps);
                if (passed(steps)) {
                    attempt(steps, "upgrade to head", migrator::upgradeToHead); // leave the database where step 1 put it
                }
            }
            if (options.showHistory()) {
                history = migrator.history();
            }
        }
        return new Report(database.describe(), steps, history);
    }

    private CatalogSnapshot upgradeToHead(Migrator migrator, List<Step> steps) {
        String initial = migrator.currentRevision().orElse(Migrator.BASE);
        int tablesBefore = catalog().tables().size();
        return attempt(steps, "upgrade to head", () -> {
            migrator.upgradeToHead();
            CatalogSnapshot after = catalog();
            String finalRevision = migrator.currentRevision().orElse(Migrator.BASE);
            boolean atHead = finalRevision.equals(migrator.revisions().head());
            steps.add(new Step("upgrade to head", atHead, List.of(
                    "initial revision: " + initial, "initial tables: " + tablesBefore,
                    "final revision: " + finalRevision, "final tables: " + after.tables().size())));
            return after;
        });
    }

    private void downgradeAndBack(Migrator migrator, CatalogSnapshot atHead, List<Step> steps) {
        attempt(steps, "downgrade to base", () -> {
            migrator.downgradeToBase();
            CatalogSnapshot base = catalog();
            List<String> left = base.objects().keySet().stream().map(key -> "left behind: " + key).toList();
            steps.add(new Step("downgrade to base leaves no table, type or other object", left.isEmpty(), left));
            return null;
        });
        if (!passed(steps)) {
            return;
        }
        attempt(steps, "upgrade to head again", () -> {
            migrator.upgradeToHead();
            List<String> differences = catalog().differencesFrom(atHead);
            steps.add(new Step("upgrade to head again rebuilds the same catalog", differences.isEmpty(), differences));
            return null;
        });
    }

    private void aroundRevision(Migrator migrator, String revision, String seed, List<Step> steps) {
        Revisions revisions = migrator.revisions();
        String previous = revisions.idAt(revisions.indexOf(revision) - 1);
        attempt(steps, "up/down/up around " + revision, () -> {
            moveTo(migrator, previous);
            if (seed != null) {
                runSeed(seed);
                steps.add(new Step("seed the tables of " + previous, true, List.of(TableRows.total(rows()))));
            }
            CatalogSnapshot before = catalog();
            Map<String, TableRows> rowsBefore = seed == null ? Map.of() : rows();
            migrator.upgrade(revision);
            CatalogSnapshot after = catalog();
            Map<String, TableRows> rowsAfter = seed == null ? Map.of() : rows();
            steps.add(new Step("upgrade " + previous + " -> " + revision, true,
                    List.of(before.differencesFrom(after).size() + " object(s) changed")));
            // With rows seeded, the rows themselves are compared below: that, not the guard, says whether any was lost.
            migrator.downgrade(previous, seed != null); // by name: a relative step counts from wherever the history says it is
            // A column the revision dropped comes back last: positions are not something a rollback can restore.
            List<String> down = catalog().withoutColumnPositions().differencesFrom(before.withoutColumnPositions());
            steps.add(new Step("downgrade one step restores the catalog of " + previous, down.isEmpty(), down));
            if (seed != null && down.isEmpty()) {
                List<String> lost = TableRows.differences(rowsBefore, rows());
                steps.add(new Step("downgrade one step gives back the rows of " + previous, lost.isEmpty(),
                        lost.isEmpty() ? List.of(TableRows.total(rowsBefore)) : lost));
            }
            if (passed(steps)) {
                migrator.upgrade(revision);
                List<String> up = catalog().withoutColumnPositions().differencesFrom(after.withoutColumnPositions());
                steps.add(new Step("upgrade to " + revision + " again rebuilds the same catalog", up.isEmpty(), up));
                if (seed != null && up.isEmpty()) {
                    List<String> differ = TableRows.differences(rowsAfter, rows());
                    steps.add(new Step("upgrade to " + revision + " again gives the same rows", differ.isEmpty(),
                            differ.isEmpty() ? List.of(TableRows.total(rowsAfter)) : differ));
                }
            }
            return null;
        });
    }

    private void runSeed(String seed) {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(seed);
        } catch (SQLException e) {
            throw new MigrationException("The seed SQL failed: " + e.getMessage().lines().findFirst().orElse("")
                    + " (it runs on the tables as they are before the revision)", e);
        }
    }

    /** Each table's rows: how many, and a digest of their values (by column name, so a column put back last compares equal). */
    private Map<String, TableRows> rows() {
        Map<String, TableRows> rows = new TreeMap<>();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                    + " AND tablename NOT IN ('databasechangelog', 'databasechangeloglock') ORDER BY tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                // to_jsonb keeps keys in one order whatever the columns' positions.
                try (ResultSet rs = s.executeQuery("SELECT count(*), md5(coalesce(string_agg(r, E'\\n' ORDER BY r), ''))"
                        + " FROM (SELECT to_jsonb(t)::text AS r FROM " + Identifiers.quote(table) + " t) x")) {
                    rs.next();
                    rows.put(table, new TableRows(rs.getLong(1), rs.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the tables' rows: " + e.getMessage(), e);
        }
        return rows;
    }

    /** A table's rows: their number and a digest of their values. */
    record TableRows(long count, String digest) {

        static String total(Map<String, TableRows> rows) {
            long count = rows.values().stream().mapToLong(TableRows::count).sum();
            long tables = rows.values().stream().filter(r -> r.count() > 0).count();
            return count + " row(s) in " + tables + " table(s) compared";
        }

        static List<String> differences(Map<String, TableRows> expected, Map<String, TableRows> actual) {
            List<String> differences = new ArrayList<>();
            for (Map.Entry<String, TableRows> e : expected.entrySet()) {
                TableRows now = actual.get(e.getKey());
                if (now == null) {
                    differences.add(e.getKey() + ": gone (it held " + e.getValue().count() + " row(s))");
                } else if (now.count() != e.getValue().count()) {
                    differences.add(e.getKey() + ": " + e.getValue().count() + " row(s) before, " + now.count() + " now");
                } else if (!now.digest().equals(e.getValue().digest())) {
                    differences.add(e.getKey() + ": the same " + now.count() + " row(s) in number, not in values");
                }
            }
            return differences;
        }
    }

    private static void moveTo(Migrator migrator, String revision) {
        Revisions revisions = migrator.revisions();
        int current = revisions.indexOf(migrator.currentRevision().orElse(Migrator.BASE));
        int target = revisions.indexOf(revision);
        if (target < current) {
            migrator.downgrade(revision);
        } else if (target > current) {
            migrator.upgrade(revision);
        }
    }

    private interface Work<T> {
        T run();
    }

    /** Runs {@code work}; a migration that fails becomes a failed step instead of an exception. */
    private static <T> T attempt(List<Step> steps, String name, Work<T> work) {
        try {
            return work.run();
        } catch (MigrationException | UnknownRevisionException e) {
            steps.add(new Step(name, false, List.of(e.getMessage())));
            return null;
        }
    }

    private static boolean passed(List<Step> steps) {
        return steps.stream().allMatch(Step::passed);
    }

    /** Every schema of the throwaway database a changelog may have made (public, and any other that is no extension's or PostgreSQL's). */
    private CatalogSnapshot catalog() {
        try (Connection c = database.connect()) {
            return CatalogSnapshot.read(c, CatalogSnapshot.otherSchemas(c));
        } catch (SQLException e) {
            throw new MigrationException("Could not read the catalog: " + e.getMessage(), e);
        }
    }
}
