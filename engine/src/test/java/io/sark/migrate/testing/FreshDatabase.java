package io.sark.migrate.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.sql.SQLException;

/**
 * Gives each test a {@link TestDatabase} of its own: declare it as a parameter of the test (or of its
 * {@code @BeforeEach} method, which then sees the same database), and it is dropped after the test.
 */
public final class FreshDatabase implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FreshDatabase.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent("database", key -> new Dropped(TestPostgres.freshDatabase()), Dropped.class)
                .database;
    }

    /** Drops the database when JUnit closes the test's context. */
    record Dropped(TestDatabase database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws SQLException {
            database.close();
        }
    }
}
