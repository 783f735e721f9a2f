package io.sark.migrate.engine;

/**
 * What an upgrade or downgrade did.
 *
 * @param fromRevision  the revision before ({@value Migrator#BASE} when the database had none)
 * @param toRevision    the revision after
 * @param changeSetsRun how many changesets were applied or rolled back
 */
public record MigrationResult(String fromRevision, String toRevision, int changeSetsRun) {

    public boolean changedAnything() {
        return changeSetsRun > 0;
    }
}
