package io.sark.migrate.engine;

/**
 * A changeset as a database has it.
 *
 * @param id        its id
 * @param comment   what it does
 * @param appliedAt when it was applied (database time, ISO-8601 without zone), or null while pending
 * @param contexts  the Liquibase contexts it is bound to, or null (it runs whatever contexts are given)
 * @param labels    its Liquibase labels, or null
 */
public record ChangeSetStatus(String id, String comment, String appliedAt, String contexts, String labels) {
}
