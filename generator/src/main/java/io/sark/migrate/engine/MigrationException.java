package io.sark.migrate.engine;

/** Liquibase could not read the changelog, or could not apply or roll back a changeset; the message says which. */
public final class MigrationException extends RuntimeException {

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }

    public MigrationException(String message) {
        super(message);
    }
}
