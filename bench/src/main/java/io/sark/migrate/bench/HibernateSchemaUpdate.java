package io.sark.migrate.bench;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The alternative: Hibernate's own schema migrator ({@code hibernate.hbm2ddl.scripts.action=update}) writing an update script for SARK's entities
 * against a database, printed on stdout. Run as its own process: {@code HibernateSchemaUpdate JDBC_URL [ENTITY_LIST_CLASS]}.
 */
public final class HibernateSchemaUpdate {

    private HibernateSchemaUpdate() {
    }

    public static void main(String[] args) throws Exception {
        List<Class<?>> entities = args.length > 1 ? Entities.listedIn(args[1]) : io.sark.migrate.model.SarkEntities.ALL;
        Path script = Files.createTempFile("hibernate-update-", ".sql");
        try (StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.url", args[0])
                .applySetting("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect")
                .applySetting("hibernate.hbm2ddl.scripts.action", "update")
                .applySetting("jakarta.persistence.schema-generation.scripts.create-target", script.toString())
                .applySetting("hibernate.hbm2ddl.delimiter", ";")
                .build()) {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            Metadata metadata = sources.buildMetadata();
            SchemaManagementToolCoordinator.process(metadata, registry,
                    registry.requireService(ConfigurationService.class).getSettings(), action -> { });
            System.out.print(Files.readString(script));
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
