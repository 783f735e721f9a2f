package io.sark.migrate.postgres;

/** The database cannot be reached or refuses the login; the message says which setting to check. */
public final class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
