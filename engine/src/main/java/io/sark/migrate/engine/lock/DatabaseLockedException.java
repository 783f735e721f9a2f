package io.sark.migrate.engine.lock;

import io.sark.migrate.errors.SarkMigrateException;

/** Another migration holds the database's migration lock (or a killed one left it behind); the message says which. */
public final class DatabaseLockedException extends SarkMigrateException {

    public DatabaseLockedException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, cause);
    }

    public DatabaseLockedException(String message) {
        super(Kind.UNAVAILABLE, message);
    }
}
