package io.sark.migrate.errors;


/** A run was interrupted (Ctrl-C): it stopped at a changeset boundary, and the message says which one. */
public final class MigrationInterruptedException extends SarkMigrateException {

    public MigrationInterruptedException(String message) {
        super(Kind.INTERRUPTED, message);
    }
}
