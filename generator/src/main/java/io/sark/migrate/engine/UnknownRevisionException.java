package io.sark.migrate.engine;

/** A revision or target named by the user does not exist, or cannot be reached from where the database is. */
public final class UnknownRevisionException extends RuntimeException {

    public UnknownRevisionException(String message) {
        super(message);
    }
}
