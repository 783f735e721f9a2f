package io.sark.migrate.engine;

/**
 * A changeset as a database has it.
 *
 * @param id        its id
 * @param comment   what it does
 * @param appliedAt when it was applied (database time, ISO-8601 without zone), or null while pending
 */
public record ChangeSetStatus(String id, String comment, String appliedAt) {
}
