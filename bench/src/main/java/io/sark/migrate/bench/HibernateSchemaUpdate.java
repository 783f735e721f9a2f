package io.sark.migrate.bench;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.internal.ExceptionHandlerHaltImpl;
import org.hibernate.tool.schema.internal.exec.ScriptTargetOutputToFile;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.TargetDescriptor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * The alternative: Hibernate's own schema migrator (the {@code SchemaMigrator} that {@code hbm2ddl.auto=update} runs)
 * writing the update script for SARK's entities against a database, printed on stdout, one statement per line ending
 * in {@code ;}. Run as its own process: {@code HibernateSchemaUpdate JDBC_URL [ENTITY_LIST_CLASS]}.
 *
 * <p>It used to set {@code hibernate.hbm2ddl.scripts.action=update}, which Hibernate 6.6 ignores: against an empty
 * database it printed nothing, and the benchmark timed a process that did no schema work. The benchmark now checks,
 * before timing it, that against an empty database it prints a CREATE TABLE for every table.
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
                .build()) {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            Metadata metadata = sources.buildMetadata();
            var settings = new java.util.HashMap<>(registry.requireService(ConfigurationService.class).getSettings());
            settings.put("hibernate.hbm2ddl.delimiter", ";");
            ExecutionOptions options = SchemaManagementToolCoordinator.buildExecutionOptions(settings, ExceptionHandlerHaltImpl.INSTANCE);
            ScriptTargetOutput output = new ScriptTargetOutputToFile(script.toFile(), "UTF-8");
            TargetDescriptor target = new TargetDescriptor() {
                @Override
                public EnumSet<TargetType> getTargetTypes() {
                    return EnumSet.of(TargetType.SCRIPT);
                }

                @Override
                public ScriptTargetOutput getScriptTargetOutput() {
                    return output;
                }
            };
            registry.requireService(SchemaManagementTool.class).getSchemaMigrator(settings)
                    .doMigration(metadata, options, ContributableMatcher.ALL, target);
            System.out.print(Files.readString(script));
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
