package io.sark.migrate.errors;


/** Liquibase could not read the changelog, or could not apply or roll back a changeset; the message says which. */
public final class MigrationException extends SarkMigrateException {

    public MigrationException(String message, Throwable cause) {
        super(Kind.FAILED, message, cause);
    }

    public MigrationException(String message) {
        super(Kind.FAILED, message);
    }
}
