package io.sark.migrate.postgres.server;

import io.sark.migrate.postgres.DatabaseUnavailableException;
import io.sark.migrate.postgres.TargetDatabase;

import java.sql.Connection;
import java.sql.SQLException;

/** An empty database on a throwaway embedded server, gone when closed: for validation runs and shadow databases. */
public final class ThrowawayDatabase implements TargetDatabase {

    private static final String NAME = "sark";
    private final EmbeddedPostgresServer server;

    private ThrowawayDatabase(EmbeddedPostgresServer server) {
        this.server = server;
    }

    public static ThrowawayDatabase start() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startThrowaway();
        try {
            server.createDatabase(NAME);
            return new ThrowawayDatabase(server);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new EmbeddedPostgresException("The throwaway PostgreSQL started, but its database could not be created: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Connection connect() {
        try {
            return server.connect(NAME);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The throwaway PostgreSQL refused a connection: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "a throwaway embedded PostgreSQL";
    }

    @Override
    public String password() {
        return server.password();
    }

    @Override
    public boolean embedded() {
        return true;
    }

    @Override
    public void close() {
        server.close();
    }
}
