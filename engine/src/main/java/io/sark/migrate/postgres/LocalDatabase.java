package io.sark.migrate.postgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A developer's own SARK database with nothing to set up: database {@value #NAME} on an embedded PostgreSQL whose
 * data persists in a folder (by default {@code .sark-migrate/} under the working directory).
 */
public final class LocalDatabase implements TargetDatabase {

    public static final String NAME = "sark";

    private final Path folder;
    private final EmbeddedPostgresServer server;

    private LocalDatabase(Path folder, EmbeddedPostgresServer server) {
        this.folder = folder;
        this.server = server;
    }

    /** Starts (or reuses) the server for {@code folder} and creates the database on first use. */
    public static LocalDatabase open(Path folder) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startPersistent(folder.resolve("pgdata"));
        try {
            if (!server.databaseExists(NAME)) {
                server.createDatabase(NAME);
            }
            return new LocalDatabase(folder, server);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new EmbeddedPostgresException("The embedded PostgreSQL in " + folder + " started, but database '"
                    + NAME + "' could not be prepared: " + e.getMessage(), e);
        }
    }

    @Override
    public Connection connect() {
        try {
            return server.connect(NAME);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The embedded PostgreSQL in " + folder + " refused a connection ("
                    + e.getMessage() + "). Stop any other sark-migrate using it, or delete the folder to start over.", e);
        }
    }

    @Override
    public String describe() {
        return "the embedded PostgreSQL in " + folder;
    }

    @Override
    public boolean embedded() {
        return true;
    }

    public String jdbcUrl() {
        return server.jdbcUrl(NAME);
    }

    /** Where the data lives, as given. */
    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        server.close();
    }
}
