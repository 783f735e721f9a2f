package io.sark.migrate.engine;

/**
 * Hears what happens while the changelog is applied or rolled back: Liquibase's progress messages and the
 * notices that changesets raise (for example "TimescaleDB is not installed; audit_events stays a plain table").
 */
@FunctionalInterface
public interface MigrationListener {

    MigrationListener NONE = message -> { };

    void message(String message);
}
