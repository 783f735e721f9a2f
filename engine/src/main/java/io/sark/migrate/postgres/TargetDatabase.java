package io.sark.migrate.postgres;

import java.sql.Connection;

/** The database a command works on: a configured server, or the local embedded one. */
public interface TargetDatabase extends AutoCloseable {

    /** A new connection; failures are {@link DatabaseUnavailableException}s that say what to check. */
    Connection connect();

    /** Which database this is, for messages; never contains a password. */
    String describe();

    /**
     * The password its connections log in with, for a tool that connects on its own (pg_dump gets it in its
     * environment); null when there is none.
     */
    default String password() {
        return null;
    }

    /** Whether this is the embedded database that sark-migrate runs itself. */
    boolean embedded();

    @Override
    void close();
}
