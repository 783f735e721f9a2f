package io.sark.migrate.postgres;

/** The embedded PostgreSQL server could not be prepared, started or stopped; the message says why and what to do. */
public final class EmbeddedPostgresException extends RuntimeException {

    public EmbeddedPostgresException(String message) {
        super(message);
    }

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
