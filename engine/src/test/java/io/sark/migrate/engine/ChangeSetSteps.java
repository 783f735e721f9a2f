package io.sark.migrate.engine;

import io.sark.migrate.engine.changelog.Changelog;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;

import java.sql.Connection;
import java.util.Map;

/** For tests: applies a changelog one changeset at a time, which sark-migrate itself never does (it moves by revision). */
public final class ChangeSetSteps {

    private ChangeSetSteps() {
    }

    /** Applies the next {@code count} pending changesets of {@code changelog} on {@code connection}. */
    public static void applyNext(Connection connection, Changelog changelog, int count) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), changelog.resources(), "liquibase.analytics.enabled", Boolean.FALSE),
                () -> new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                        .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, Changelog.MASTER)
                        .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .execute());
    }
}
