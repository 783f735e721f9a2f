package io.sark.migrate.engine;

import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.change.Change;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.CommandScope;
import liquibase.command.core.RollbackCountCommandStep;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateToTagCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.exception.MigrationFailedException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies and rolls back the changelog on one database, revision by revision, through Liquibase.
 *
 * <p>A revision is the run of changesets that ends with a {@code tagDatabase} of the revision's id, so moving to a
 * revision is Liquibase's update-to-tag, and moving back to one rolls back what was applied after its tag. Each
 * changeset runs in its own transaction: a failure stops the run there, and the message says where.
 */
public final class Migrator implements AutoCloseable {

    /** Where the changelog sits on the classpath (in the migrations module). */
    public static final String MASTER_CHANGELOG = "db/changelog/db.changelog-master.yaml";

    /** The name of the state before the first revision. */
    public static final String BASE = "base";

    /** The name of the latest revision of the changelog. */
    public static final String HEAD = "head";

    private final Connection connection;
    private final Database database;
    private final ResourceAccessor resources;
    private final String changelogPath;
    private List<Revision> revisions;
    private MigrationListener listener = MigrationListener.NONE;

    private Migrator(Connection connection, ResourceAccessor resources, String changelogPath) {
        this.connection = connection;
        this.resources = resources;
        this.changelogPath = changelogPath;
        try {
            this.database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        } catch (LiquibaseException e) {
            throw new MigrationException("Liquibase does not support this database: " + e.getMessage(), e);
        }
    }

    /** A migrator for the changelog on this program's classpath. It takes ownership of the connection. */
    public static Migrator open(Connection connection) {
        return open(connection, new ClassLoaderResourceAccessor(Migrator.class.getClassLoader()), MASTER_CHANGELOG);
    }

    /** A migrator for the changelog at {@code changelogPath} within {@code resources}. It takes ownership of the connection. */
    public static Migrator open(Connection connection, ResourceAccessor resources, String changelogPath) {
        return new Migrator(connection, resources, changelogPath);
    }

    /** Sends progress messages and database notices to {@code listener} from now on. */
    public Migrator listener(MigrationListener listener) {
        this.listener = listener;
        return this;
    }

    /** Every revision of the changelog, oldest first. */
    public List<Revision> revisions() {
        if (revisions == null) {
            revisions = inScope(() -> readRevisions(parseChangelog()));
        }
        return revisions;
    }

    /** The revision the database is at (its latest applied tag), or empty at base. */
    public Optional<String> currentRevision() {
        if (!historyExists()) {
            return Optional.empty();
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT tag FROM " + historyTable()
                     + " WHERE tag IS NOT NULL ORDER BY orderexecuted DESC LIMIT 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new MigrationException("Could not read the migration history: " + e.getMessage(), e);
        }
    }

    private boolean historyExists() {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT to_regclass('" + historyTable() + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new MigrationException("Could not read the migration history: " + e.getMessage(), e);
        }
    }

    private String historyTable() {
        return database.getDatabaseChangeLogTableName().toLowerCase(Locale.ROOT);
    }

    /** Applies every pending changeset. */
    public MigrationResult upgradeToHead() {
        return moving(() -> run("upgrade to head", () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelogPath)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)));
    }

    /** Applies pending changesets up to and including the end of {@code revision}. */
    public MigrationResult upgradeTo(String revision) {
        requireKnown(revision);
        return moving(() -> run("upgrade to " + revision, () -> new CommandScope(UpdateToTagCommandStep.COMMAND_NAME)
                .addArgumentValue(UpdateToTagCommandStep.CHANGELOG_FILE_ARG, changelogPath)
                .addArgumentValue(UpdateToTagCommandStep.TAG_ARG, revision)
                .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)));
    }

    /**
     * Rolls back every changeset applied after the end of {@code revision}.
     *
     * <p>Counted from the history rather than left to Liquibase's rollback-to-tag, which also rolls back the
     * {@code tagDatabase} changeset that carries the tag, leaving the database one step short of the revision.
     */
    public MigrationResult downgradeTo(String revision) {
        requireKnown(revision);
        int after = changeSetsAppliedAfter(revision);
        return moving(() -> {
            if (after > 0) {
                rollBack(after, "downgrade to " + revision);
            }
        });
    }

    /** Rolls back every applied changeset. */
    public MigrationResult downgradeToBase() {
        int applied = appliedChangeSetCount();
        return moving(() -> {
            if (applied > 0) {
                rollBack(applied, "downgrade to base");
            }
        });
    }

    private MigrationResult moving(Runnable move) {
        String from = currentRevision().orElse(BASE);
        int before = appliedChangeSetCount();
        move.run();
        return new MigrationResult(from, currentRevision().orElse(BASE), Math.abs(appliedChangeSetCount() - before));
    }

    private void rollBack(int count, String what) {
        run(what, () -> new CommandScope(RollbackCountCommandStep.COMMAND_NAME)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_FILE_ARG, changelogPath)
                .addArgumentValue(RollbackCountCommandStep.COUNT_ARG, count));
    }

    private int changeSetsAppliedAfter(String revision) {
        if (!historyExists()) {
            throw new MigrationException("Cannot downgrade to " + revision + ": the database has no migration history (it is at base).");
        }
        try (var ps = connection.prepareStatement("SELECT (SELECT count(*) FROM " + historyTable() + " h WHERE h.orderexecuted > t.orderexecuted)"
                + " FROM " + historyTable() + " t WHERE t.tag = ? ORDER BY t.orderexecuted DESC LIMIT 1")) {
            ps.setString(1, revision);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new MigrationException("Cannot downgrade to " + revision + ": the database has not been upgraded to it"
                            + currentRevision().map(r -> " (it is at " + r + ")").orElse(" (it is at base)") + ".");
                }
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new MigrationException("Could not read the migration history: " + e.getMessage(), e);
        }
    }

    private int appliedChangeSetCount() {
        if (!historyExists()) {
            return 0;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + historyTable())) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new MigrationException("Could not read the migration history: " + e.getMessage(), e);
        }
    }

    private void requireKnown(String revision) {
        if (revisions().stream().noneMatch(r -> r.id().equals(revision))) {
            throw new MigrationException("Unknown revision '" + revision + "'. Known revisions: "
                    + String.join(", ", revisions().stream().map(Revision::id).toList()) + ".");
        }
    }

    private interface CommandBuilder {
        CommandScope build() throws LiquibaseException;
    }

    private void run(String what, CommandBuilder command) {
        inScope(() -> {
            try {
                return command.build()
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .execute();
            } catch (LiquibaseException e) {
                throw new MigrationException(describeFailure(what, e), e);
            }
        });
    }

    private DatabaseChangeLog parseChangelog() throws LiquibaseException {
        return ChangeLogParserFactory.getInstance().getParser(changelogPath, resources)
                .parse(changelogPath, new ChangeLogParameters(database), resources);
    }

    private static List<Revision> readRevisions(DatabaseChangeLog changelog) {
        List<Revision> result = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (ChangeSet changeSet : changelog.getChangeSets()) {
            pending.add(changeSet.getId());
            for (Change change : changeSet.getChanges()) {
                if (change instanceof TagDatabaseChange tag) {
                    if (BASE.equals(tag.getTag()) || HEAD.equals(tag.getTag())) {
                        throw new MigrationException("Changeset " + changeSet.getId() + " tags the database '" + tag.getTag()
                                + "', a name sark-migrate reserves; give the revision another id.");
                    }
                    result.add(new Revision(tag.getTag(), pending));
                    pending = new ArrayList<>();
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new MigrationException("The changelog ends with changesets that belong to no revision (" + String.join(", ", pending)
                    + "): every revision must end with a tagDatabase changeset of its id.");
        }
        return List.copyOf(result);
    }

    private <T> T inScope(Scope.ScopedRunnerWithReturn<T> action) {
        Map<String, Object> scope = Map.of(
                Scope.Attr.resourceAccessor.name(), resources,
                Scope.Attr.ui.name(), new ListenerUIService(listener),
                // Liquibase 4.30+ reports usage over the network unless told not to.
                "liquibase.analytics.enabled", Boolean.FALSE);
        try {
            return Scope.child(scope, action);
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException(rootMessage(e), e);
        }
    }

    private static final Pattern FAILED_CHANGESET = Pattern.compile("changeset (\\S+?)::(\\S+?)::(\\S+?):");

    /** Which changeset failed and why, in the database's words, and where the database stands now. */
    private String describeFailure(String what, LiquibaseException e) {
        StringBuilder message = new StringBuilder(what).append(" failed");
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t instanceof MigrationFailedException && t.getMessage() != null
                    ? FAILED_CHANGESET.matcher(t.getMessage()) : null;
            if (m != null && m.find()) {
                message.append(" at changeset ").append(m.group(2)).append(" (").append(m.group(1)).append(')');
                break;
            }
        }
        message.append(": ").append(rootMessage(e).strip().replaceAll("\\s*\\R\\s*", " "));
        try {
            message.append(". The database is at revision ").append(currentRevision().orElse(BASE)).append('.');
        } catch (MigrationException unreadable) {
            // The history cannot be read either; the failure above is what matters.
        }
        return message.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        try {
            database.close();
        } catch (LiquibaseException e) {
            // Closing only releases the connection; there is nothing to recover.
        }
    }
}
