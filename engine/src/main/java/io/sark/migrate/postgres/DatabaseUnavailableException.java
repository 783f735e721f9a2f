package io.sark.migrate.postgres;

import io.sark.migrate.errors.SarkMigrateException;

/** The database cannot be reached or refuses the login; the message says which setting to check. */
public final class DatabaseUnavailableException extends SarkMigrateException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, cause);
    }
}
