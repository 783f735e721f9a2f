package io.sark.migrate.diagnostics;

/**
 * Hears what happens while the changelog is applied or rolled back: Liquibase's progress messages and the
 * notices that changesets raise (for example "TimescaleDB is not installed; audit_events stays a plain table").
 */
@FunctionalInterface
public interface MigrationListener {

    MigrationListener NONE = message -> { };

    void message(String message);

    /** The step a long run is on, e.g. "applying 003_policies-2 (12 of 35)"; for a progress line, not a log. */
    default void progress(String step) {
    }
}
