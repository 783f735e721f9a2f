package io.sark.migrate.bench;

import io.sark.migrate.model.SarkEntities;
import liquibase.Scope;
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
import org.hibernate.boot.MetadataSources;

import java.io.PrintStream;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

/**
 * The alternative: liquibase-hibernate6's diffChangeLog of SARK's entities against a database, printed as a YAML
 * changelog on stdout. Run as its own process by the benchmark: {@code LiquibaseHibernateDiff JDBC_URL [ENTITY_LIST_CLASS]}.
 * The entities are given as a class list (a subclass of HibernateDatabase), the route that works without a
 * persistence.xml; {@code Index.using} is suppressed, without which every index comes out again (lb#7137).
 */
public final class LiquibaseHibernateDiff {

    private LiquibaseHibernateDiff() {
    }

    /** The entities as liquibase-hibernate6 sees them. */
    public static final class EntityList extends HibernateDatabase {
        static List<Class<?>> entities = SarkEntities.ALL;

        @Override
        protected void configureSources(MetadataSources sources) {
            entities.forEach(sources::addAnnotatedClass);
        }

        @Override
        public boolean isCorrectDatabaseImplementation(DatabaseConnection connection) {
            return connection.getURL().startsWith("hibernate:bench:");
        }

        @Override
        public String getShortName() {
            return "hibernate-bench";
        }

        @Override
        protected String getDefaultDatabaseProductName() {
            return "Hibernate (bench)";
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            EntityList.entities = Entities.listedIn(args[1]);
        }
        Scope.child(Map.of("liquibase.analytics.enabled", Boolean.FALSE), () -> {
            Database target = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(
                    new JdbcConnection(DriverManager.getConnection(args[0])));
            EntityList reference = new EntityList();
            reference.setConnection(new JdbcConnection(new HibernateConnection(
                    "hibernate:bench:entities?dialect=org.hibernate.dialect.PostgreSQLDialect", new ClassLoaderResourceAccessor())));
            CompareControl control = new CompareControl();
            control.addSuppressedField(liquibase.structure.core.Index.class, "using");
            DiffResult diff = DiffGeneratorFactory.getInstance().compare(reference, target, control);
            new DiffToChangeLog(diff, new DiffOutputControl(false, false, false, null))
                    .print(new PrintStream(System.out, true, "UTF-8"), new liquibase.serializer.core.yaml.YamlChangeLogSerializer());
        });
    }
}
