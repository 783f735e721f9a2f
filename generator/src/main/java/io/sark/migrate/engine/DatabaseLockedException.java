package io.sark.migrate.engine;

/** Another migration holds the database's migration lock (or a killed one left it behind); the message says which. */
public final class DatabaseLockedException extends RuntimeException {

    public DatabaseLockedException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseLockedException(String message) {
        super(message);
    }
}
