package io.sark.migrate.cli;

import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.TargetDatabase;
import io.sark.migrate.postgres.catalog.CatalogSnapshot;
import io.sark.migrate.postgres.server.ServerDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A shadow database the user provides (--shadow-url), e.g. a CI service container with TimescaleDB. It must be
 * empty; the changelog is replayed into it, and afterwards rolled back and its history dropped, so it is empty
 * again. One that was not empty is never touched: the comparison refuses it.
 */
final class UrlShadow implements TargetDatabase {

    private final ServerDatabase server;
    private final Changelog changelog;
    private final boolean wasEmpty;

    /** The shadow at {@code settings}, to be replayed with {@code changelog}, and emptied again with it. */
    UrlShadow(ConnectionSettings settings, Duration connectTimeout, Changelog changelog) {
        this.server = new ServerDatabase(settings, connectTimeout);
        this.changelog = changelog;
        try (Connection c = server.connect()) {
            this.wasEmpty = CatalogSnapshot.read(c).objects().isEmpty() && !hasTable(c, "databasechangelog");
        } catch (SQLException e) {
            throw new MigrationException("Could not read the shadow database: " + e.getMessage(), e);
        }
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Override
    public Connection connect() {
        return server.connect();
    }

    @Override
    public String describe() {
        return "the shadow " + server.describe();
    }

    @Override
    public boolean embedded() {
        return false;
    }

    /** Empties the shadow again if it was empty to begin with. */
    @Override
    public void close() {
        if (!wasEmpty) {
            return;
        }
        try (Migrator migrator = Migrator.open(server.connect(), changelog)) {
            if (migrator.currentRevision().isPresent()) {
                migrator.downgrade(Migrator.BASE, true);
            }
        }
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS databasechangelog, databasechangeloglock");
        } catch (SQLException e) {
            throw new MigrationException("Could not empty the shadow database again: " + e.getMessage(), e);
        }
    }
}
