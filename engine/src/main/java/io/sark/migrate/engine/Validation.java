package io.sark.migrate.engine;

import io.sark.migrate.postgres.CatalogSnapshot;
import io.sark.migrate.postgres.TargetDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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
     */
    public record Options(boolean testDowngrade, String migration, boolean showHistory) {
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
                aroundRevision(migrator, migration, steps);
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

    private void aroundRevision(Migrator migrator, String revision, List<Step> steps) {
        Revisions revisions = migrator.revisions();
        String previous = revisions.idAt(revisions.indexOf(revision) - 1);
        attempt(steps, "up/down/up around " + revision, () -> {
            moveTo(migrator, previous);
            CatalogSnapshot before = catalog();
            migrator.upgrade(revision);
            CatalogSnapshot after = catalog();
            steps.add(new Step("upgrade " + previous + " -> " + revision, true,
                    List.of(before.differencesFrom(after).size() + " object(s) changed")));
            migrator.downgrade(previous); // by name: a relative step counts from wherever the history says it is
            // A column the revision dropped comes back last: positions are not something a rollback can restore.
            List<String> down = catalog().withoutColumnPositions().differencesFrom(before.withoutColumnPositions());
            steps.add(new Step("downgrade one step restores the catalog of " + previous, down.isEmpty(), down));
            if (down.isEmpty()) {
                migrator.upgrade(revision);
                List<String> up = catalog().withoutColumnPositions().differencesFrom(after.withoutColumnPositions());
                steps.add(new Step("upgrade to " + revision + " again rebuilds the same catalog", up.isEmpty(), up));
            }
            return null;
        });
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

    private CatalogSnapshot catalog() {
        try (Connection c = database.connect()) {
            return CatalogSnapshot.read(c);
        } catch (SQLException e) {
            throw new MigrationException("Could not read the catalog: " + e.getMessage(), e);
        }
    }
}
