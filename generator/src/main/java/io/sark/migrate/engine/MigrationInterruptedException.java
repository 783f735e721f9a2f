package io.sark.migrate.engine;

/** A run was interrupted (Ctrl-C): it stopped at a changeset boundary, and the message says which one. */
public final class MigrationInterruptedException extends RuntimeException {

    public MigrationInterruptedException(String message) {
        super(message);
    }
}
