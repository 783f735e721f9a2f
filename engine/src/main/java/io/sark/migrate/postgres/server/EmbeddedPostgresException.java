package io.sark.migrate.postgres.server;

import io.sark.migrate.errors.SarkMigrateException;

/** The embedded PostgreSQL server could not be prepared, started or stopped; the message says why and what to do. */
public final class EmbeddedPostgresException extends SarkMigrateException {

    public EmbeddedPostgresException(String message) {
        super(Kind.UNAVAILABLE, message);
    }

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, cause);
    }
}
