package io.sark.migrate.postgres.server;

import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.DatabaseUnavailableException;
import io.sark.migrate.postgres.TargetDatabase;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A throwaway PostgreSQL in a Docker container (through Testcontainers), for a shadow database of another version
 * or with extensions the embedded server lacks, TimescaleDB's image for one. Only used when asked for: without a
 * Docker engine it says so, and the embedded server remains the default.
 */
public final class ContainerDatabase implements TargetDatabase {

    private final PostgreSQLContainer container;

    private ContainerDatabase(PostgreSQLContainer container) {
        this.container = container;
    }

    /** Starts {@code image} (a PostgreSQL image, e.g. {@code postgres:16-alpine} or {@code timescale/timescaledb:latest-pg16}). */
    public static ContainerDatabase start(String image) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            docker = false;
        }
        if (!docker) {
            throw new DatabaseUnavailableException("A shadow database in Docker was asked for, and no Docker engine answered."
                    + " Start Docker, or use the embedded shadow database (the default: drop --shadow docker).", null);
        }
        PostgreSQLContainer container = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"));
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("The shadow database container (" + image + ") did not start: " + e.getMessage(), e);
        }
        return new ContainerDatabase(container);
    }

    @Override
    public Connection connect() {
        Properties properties = new Properties();
        properties.setProperty("user", container.getUsername());
        properties.setProperty("password", container.getPassword());
        properties.setProperty("ApplicationName", ConnectionSettings.APPLICATION_NAME);
        try {
            return DriverManager.getConnection(container.getJdbcUrl(), properties);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The shadow database container refused a connection: " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "a throwaway PostgreSQL in Docker (" + container.getDockerImageName() + ")";
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public void close() {
        container.stop();
    }
}
