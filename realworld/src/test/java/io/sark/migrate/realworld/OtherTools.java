package io.sark.migrate.realworld;

import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseConnection;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.diff.DiffGeneratorFactory;
import liquibase.diff.DiffResult;
import liquibase.diff.compare.CompareControl;
import liquibase.diff.output.DiffOutputControl;
import liquibase.diff.output.changelog.DiffToChangeLog;
import liquibase.ext.hibernate.database.HibernateDatabase;
import liquibase.ext.hibernate.database.connection.HibernateConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.internal.ExceptionHandlerHaltImpl;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.TargetDescriptor;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * What the two other tools propose on the same database, for the record beside sark-migrate's count: liquibase-hibernate6
 * 4.33's diffChangeLog (with {@code Index.using} suppressed, without which every index comes out again, lb#7137) and
 * Hibernate 6.6's schema update ({@code hbm2ddl.auto=update}'s migrator), its statements collected instead of run.
 */
final class OtherTools {

    private OtherTools() {
    }

    /** liquibase-hibernate6's changes for {@code entities} against the database at {@code url}: one entry per change. */
    static List<String> liquibaseHibernate(String url, List<Class<?>> entities) throws Exception {
        List<String> changes = new ArrayList<>();
        EntityList.entities = entities;
        Scope.child(Map.of("liquibase.analytics.enabled", Boolean.FALSE), () -> {
            Database target = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(DriverManager.getConnection(url)));
            EntityList reference = new EntityList();
            reference.setConnection(new JdbcConnection(new HibernateConnection(
                    "hibernate:realworld:entities?dialect=org.hibernate.dialect.PostgreSQLDialect", new ClassLoaderResourceAccessor())));
            CompareControl control = new CompareControl();
            control.addSuppressedField(liquibase.structure.core.Index.class, "using");
            DiffResult diff = DiffGeneratorFactory.getInstance().compare(reference, target, control);
            for (ChangeSet changeSet : new DiffToChangeLog(diff, new DiffOutputControl(false, false, false, null)).generateChangeSets()) {
                for (Change change : changeSet.getChanges()) {
                    changes.add(change.getSerializedObjectName() + " " + change.getDescription());
                }
            }
            target.close();
        });
        return changes;
    }

    /** Hibernate's schema update for {@code entities} against the database at {@code url}: the statements it would run. */
    static List<String> hibernateUpdate(String url, List<Class<?>> entities) {
        List<String> statements = new ArrayList<>();
        try (StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.connection.url", url)
                .applySetting("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect")
                .build()) {
            MetadataSources sources = new MetadataSources(registry);
            entities.forEach(sources::addAnnotatedClass);
            Metadata metadata = sources.buildMetadata();
            Map<String, Object> settings = registry.requireService(ConfigurationService.class).getSettings();
            registry.requireService(SchemaManagementTool.class).getSchemaMigrator(settings).doMigration(metadata,
                    SchemaManagementToolCoordinator.buildExecutionOptions(settings, ExceptionHandlerHaltImpl.INSTANCE),
                    ContributableMatcher.ALL, new TargetDescriptor() {
                        @Override
                        public EnumSet<TargetType> getTargetTypes() {
                            return EnumSet.of(TargetType.SCRIPT);
                        }

                        @Override
                        public ScriptTargetOutput getScriptTargetOutput() {
                            return new ScriptTargetOutput() {
                                @Override
                                public void prepare() {
                                }

                                @Override
                                public void accept(String command) {
                                    statements.add(command);
                                }

                                @Override
                                public void release() {
                                }
                            };
                        }
                    });
        }
        return statements;
    }

    /** The entities as liquibase-hibernate6 sees them, given as a class list (the route that needs no persistence.xml). */
    public static final class EntityList extends HibernateDatabase {
        static List<Class<?>> entities = List.of();

        @Override
        protected void configureSources(MetadataSources sources) {
            entities.forEach(sources::addAnnotatedClass);
        }

        @Override
        public boolean isCorrectDatabaseImplementation(DatabaseConnection connection) {
            return connection.getURL().startsWith("hibernate:realworld:");
        }

        @Override
        public String getShortName() {
            return "hibernate-realworld";
        }

        @Override
        protected String getDefaultDatabaseProductName() {
            return "Hibernate (real-world models)";
        }
    }
}
