package io.sark.migrate.postgres.server;

import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.TargetDatabase;

import java.sql.Connection;
import java.time.Duration;

/** A configured PostgreSQL server. Reaching it is checked at once: it is an error, never a reason to fall back. */
public final class ServerDatabase implements TargetDatabase {

    private final ConnectionSettings settings;
    private final Duration connectTimeout;

    public ServerDatabase(ConnectionSettings settings, Duration connectTimeout) {
        this.settings = settings;
        this.connectTimeout = connectTimeout;
    }

    @Override
    public Connection connect() {
        return settings.connect(connectTimeout);
    }

    @Override
    public String describe() {
        return "PostgreSQL at " + settings.redactedUrl();
    }

    @Override
    public String password() {
        return settings.password();
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public void close() {
        // Sessions are closed by whoever opened them; there is no server to stop.
    }
}
