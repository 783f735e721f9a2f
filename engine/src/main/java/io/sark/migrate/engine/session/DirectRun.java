package io.sark.migrate.engine.session;

import io.sark.migrate.engine.changelog.ChangeSetKey;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.DbmsTargetedChange;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.ObjectQuotingStrategy;
import liquibase.exception.DatabaseException;
import liquibase.exception.LiquibaseException;
import liquibase.exception.MigrationFailedException;
import liquibase.exception.RollbackFailedException;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.sqlgenerator.core.MarkChangeSetRanGenerator;
import liquibase.statement.ExecutablePreparedStatement;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.CreateDatabaseChangeLogTableStatement;
import liquibase.statement.core.RawParameterizedSqlStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Runs changesets on the session by the SQL Liquibase generates for them, without Liquibase's update and rollback
 * commands. Those commands cost more than the changesets they run (0.4 to 0.5 s for SARK's twenty, against about 0.1 s
 * in the database): they build a command pipeline, read the history table's shape and every row through their
 * history service, check every changeset's checksum, walk the changelog through filters and visitors, and keep a
 * summary nobody reads. sark-migrate has already read the history, compared it with the changelog's checksums and
 * chosen the changesets a move runs (the guards decide on the same list).
 *
 * <p>What runs is what Liquibase would run: each change's statements from Liquibase's own generators
 * ({@link SqlGeneratorFactory}), executed on the session as its JDBC executor executes them (SQL warnings, the
 * database's notices, go to the UI as it sends them), and the history row Liquibase's
 * {@link MarkChangeSetRanGenerator} writes, with the same columns and values: the checksum, description, comments,
 * contexts, labels, tag, Liquibase's version, this run's deployment id, the next order number, {@code NOW()}. A
 * rolled-back changeset's row is deleted by its id, author and file, as Liquibase deletes it. Each changeset and its row are one transaction, as
 * {@link AtomicChangeSets} makes them under Liquibase; one that runs outside a transaction commits statement by
 * statement and writes its row after.
 *
 * <p>Only changesets whose effect is fixed by their text go this way ({@link #prepare}): anything with preconditions,
 * a rerun rule, SQL visitors, a custom change, statements that change with the database's contents, another executor,
 * or a failOnError of false is left to Liquibase's commands, and so is a history table in an older shape, which
 * Liquibase would alter first. What is prepared of each changeset is kept between runs ({@link PreparedChangeSets}),
 * so that the next run needs neither the changelog parsed nor Liquibase's generators.
 */
final class DirectRun {

    private DirectRun() {
    }

    /**
     * Liquibase's change types whose work is the SQL they generate: not those that read files or data (sqlFile, loadData),
     * run programs or print (executeCommand, output), stop a run, or call custom code.
     */
    private static final Set<String> SQL_ONLY = Set.of("AddAutoIncrementChange", "AddColumnChange",
            "AddDefaultValueChange", "AddForeignKeyConstraintChange", "AddLookupTableChange", "AddNotNullConstraintChange",
            "AddPrimaryKeyChange", "AddUniqueConstraintChange", "AlterSequenceChange", "CreateIndexChange",
            "CreateSequenceChange", "CreateTableChange", "CreateViewChange", "DeleteDataChange",
            "DropColumnChange", "DropDefaultValueChange", "DropForeignKeyConstraintChange", "DropIndexChange", "DropNotNullConstraintChange",
            "DropPrimaryKeyChange", "DropProcedureChange", "DropSequenceChange", "DropTableChange", "DropUniqueConstraintChange",
            "DropViewChange", "EmptyChange", "InsertDataChange", "MergeColumnChange", "ModifyDataTypeChange", "RawSQLChange",
            "RenameColumnChange", "RenameSequenceChange", "RenameTableChange", "RenameViewChange", "SetColumnRemarksChange",
            "SetTableRemarksChange", "TagDatabaseChange", "UpdateDataChange");

    /**
     * Whether changesets may run this way: unless {@code SARK_MIGRATE_DIRECT_RUN=off} (or the system property
     * {@code sark.migrate.direct-run=off}) sends every run through Liquibase's commands.
     */
    static boolean enabled() {
        String setting = System.getProperty("sark.migrate.direct-run", System.getenv("SARK_MIGRATE_DIRECT_RUN"));
        return setting == null || !setting.strip().equalsIgnoreCase("off");
    }

    /**
     * One changeset as it runs: its name (Liquibase's {@code file::id::author}, its transaction mode), what is kept of it
     * ({@link PreparedChangeSets}), and its SQL this way (forwards, or its rollback), in order.
     */
    record Planned(ChangeSet changeSet, PreparedChangeSets.Prepared prepared, List<String> sql) {
    }

    /**
     * {@code cs} as a direct run needs it, both ways: its SQL as Liquibase's generators write it for {@code database}
     * (or why it must go through Liquibase's commands), its history row's values, its facts.
     */
    static PreparedChangeSets.Prepared prepare(ChangeSet cs, AtomicChangeSets.AtomicDatabase database) {
        return new PreparedChangeSets.Prepared(ChangeSetKey.of(cs), cs.isRunInTransaction(), PreparedChangeSets.HistoryRow.of(cs),
                ChangeSetFacts.of(cs), rendering(cs, false, database), rendering(cs, true, database));
    }

    private static PreparedChangeSets.Rendering rendering(ChangeSet cs, boolean rollingBack, AtomicChangeSets.AtomicDatabase database) {
        Optional<String> why = refusal(cs, rollingBack);
        if (why.isPresent()) {
            return PreparedChangeSets.Rendering.refused(why.get());
        }
        try {
            return PreparedChangeSets.Rendering.of(render(cs, rollingBack, database));
        } catch (Refused refused) {
            return PreparedChangeSets.Rendering.refused(refused.getMessage());
        } catch (LiquibaseException | RuntimeException e) {
            return PreparedChangeSets.Rendering.refused(String.valueOf(e.getMessage()));
        }
    }

    /**
     * What {@code changeSets} run, in order (rolling back: their rollbacks), given the history table as it is; or why
     * they cannot run this way.
     */
    static Plan plan(List<PreparedChangeSets.Prepared> changeSets, boolean rollingBack, HistoryTable history) {
        if (history == HistoryTable.OTHER || history == HistoryTable.ABSENT && rollingBack) {
            return new Plan(List.of(), "the history table is not as Liquibase 4.33 leaves it", false);
        }
        List<Planned> planned = new ArrayList<>();
        for (PreparedChangeSets.Prepared p : changeSets) {
            PreparedChangeSets.Rendering rendering = p.rendering(rollingBack);
            if (!rendering.runs()) {
                return new Plan(List.of(), p.key().id() + ": " + rendering.refusal(), false);
            }
            planned.add(new Planned(p.named(), p, rendering.sql()));
        }
        return new Plan(planned, null, history == HistoryTable.ABSENT);
    }

    /**
     * The changesets' SQL, or (when {@code refusal} is not null) why they go through Liquibase's commands instead;
     * {@code createsHistoryTable}: the table is to be created first ({@link #createHistoryTable}).
     */
    record Plan(List<Planned> changeSets, String refusal, boolean createsHistoryTable) {
    }

    private static Optional<String> refusal(ChangeSet cs, boolean rollingBack) {
        if (cs.getPreconditions() != null && !cs.getPreconditions().getNestedPreconditions().isEmpty()) {
            return Optional.of("preconditions");
        }
        if (cs.getChangeLog() != null && cs.getChangeLog().getPreconditions() != null
                && !cs.getChangeLog().getPreconditions().getNestedPreconditions().isEmpty()) {
            return Optional.of("its changelog's preconditions");
        }
        if (cs.isAlwaysRun() || cs.isRunOnChange() || cs.isIgnore()) {
            return Optional.of("runAlways, runOnChange or ignore");
        }
        if (Boolean.FALSE.equals(cs.getFailOnError())) {
            return Optional.of("failOnError: false");
        }
        if (cs.getRunWith() != null && !cs.getRunWith().isBlank() && !cs.getRunWith().equalsIgnoreCase("jdbc")) {
            return Optional.of("runWith " + cs.getRunWith());
        }
        if (!cs.getSqlVisitors().isEmpty()) {
            return Optional.of("modifySql");
        }
        if (cs.getDbmsSet() != null && !cs.getDbmsSet().isEmpty()) {
            return Optional.of("dbms");
        }
        if (rollingBack && !cs.hasCustomRollbackChanges() && cs.getChanges().stream().anyMatch(c -> c instanceof RawSQLChange)
                && cs.getFilePath().toLowerCase().endsWith(".sql")) {
            return Optional.of("a formatted SQL changeset without a rollback");
        }
        return Optional.empty();
    }

    /** Thrown while rendering a changeset that must go through Liquibase's commands. */
    private static final class Refused extends Exception {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    /** The SQL {@code cs} runs (or, rolling back, its rollback runs), in order, as Liquibase's generators write it. */
    private static List<String> render(ChangeSet cs, boolean rollingBack, AtomicChangeSets.AtomicDatabase database)
            throws Refused, LiquibaseException {
        boolean automatic = rollingBack && !cs.hasCustomRollbackChanges();
        List<Change> changes = new ArrayList<>(rollingBack && !automatic ? cs.getRollback().getChanges() : cs.getChanges());
        if (automatic) {
            Collections.reverse(changes); // undone last first
        }
        ObjectQuotingStrategy quoting = database.getObjectQuotingStrategy();
        database.setObjectQuotingStrategy(cs.getObjectQuotingStrategy());
        try {
            List<String> sql = new ArrayList<>();
            for (Change change : changes) {
                String name = change.getSerializedObjectName();
                if (!SQL_ONLY.contains(change.getClass().getSimpleName()) || !change.getClass().getPackageName().equals("liquibase.change.core")
                        || change instanceof DbmsTargetedChange targeted && targeted.getDbms() != null && !targeted.getDbms().isBlank()) {
                    throw new Refused(name);
                }
                if (automatic ? change.generateRollbackStatementsVolatile(database) : change.generateStatementsVolatile(database)) {
                    throw new Refused(name + " (its SQL depends on the database's contents)");
                }
                if (change.validate(database).hasErrors()) {
                    throw new Refused(name + " does not validate");
                }
                if (automatic && !change.supportsRollback(database)) {
                    throw new Refused(name + " has no automatic rollback");
                }
                SqlStatement[] statements = automatic ? change.generateRollbackStatements(database) : change.generateStatements(database);
                for (SqlStatement statement : statements == null ? new SqlStatement[0] : statements) {
                    if (statement instanceof RawParameterizedSqlStatement || statement instanceof ExecutablePreparedStatement
                            || statement.continueOnError()) {
                        throw new Refused(name + " (" + statement.getClass().getSimpleName() + ")");
                    }
                    sql.addAll(generate(statement, database));
                }
            }
            return sql;
        } finally {
            database.setObjectQuotingStrategy(quoting);
        }
    }

    /** A statement's SQL from Liquibase's generators, as its executor takes it (nothing for one this database does not support). */
    private static List<String> generate(SqlStatement statement, AtomicChangeSets.AtomicDatabase database) {
        if (statement.skipOnUnsupported() && !SqlGeneratorFactory.getInstance().supports(statement, database)) {
            return List.of();
        }
        Sql[] sqls = SqlGeneratorFactory.getInstance().generateSql(statement, database);
        List<String> out = new ArrayList<>();
        for (Sql sql : sqls == null ? new Sql[0] : sqls) {
            if (sql != null) {
                out.add(sql.toSql());
            }
        }
        return out;
    }

    /**
     * Applies {@code pending}, in order, each with its history row; {@code starting} hears each changeset start
     * ({@code true}: applying). Stops before the next changeset once {@code database} is asked to stop.
     */
    static void update(AtomicChangeSets.AtomicDatabase database, Connection connection, List<Planned> pending,
                       BiConsumer<ChangeSet, Boolean> starting) throws LiquibaseException {
        String table = historyTableName(database);
        int[] order = {nextOrder(connection, table)};
        run(database, connection, pending, starting, true, planned -> insertHistoryRow(database, connection, table, planned, order[0]++));
    }

    /** Rolls back {@code applied}, latest first, deleting each one's history row with it; otherwise as {@link #update}. */
    static void rollback(AtomicChangeSets.AtomicDatabase database, Connection connection, List<Planned> applied,
                         BiConsumer<ChangeSet, Boolean> starting) throws LiquibaseException {
        String table = historyTableName(database);
        run(database, connection, applied, starting, false, planned -> deleteHistoryRow(connection, table, planned));
    }

    /** What a changeset does to the history table, in its transaction. */
    private interface HistoryWrite {
        void write(Planned planned) throws DatabaseException;
    }

    /** Runs each changeset's SQL, then writes its history ({@code history}), and commits them together. */
    private static void run(AtomicChangeSets.AtomicDatabase database, Connection connection, List<Planned> changeSets,
                            BiConsumer<ChangeSet, Boolean> starting, boolean applying, HistoryWrite history)
            throws LiquibaseException {
        for (Planned planned : changeSets) {
            ChangeSet cs = planned.changeSet();
            if (database.stopRequested()) {
                throw new AtomicChangeSets.Stopped(cs);
            }
            database.current(cs);
            starting.accept(cs, applying);
            Scope.getCurrentScope().getUI().sendMessage((applying ? "Running Changeset: " : "Rolling Back Changeset: ") + cs);
            try {
                connection.setAutoCommit(!cs.isRunInTransaction());
                for (String sql : planned.sql()) {
                    run(connection, sql);
                }
                connection.setAutoCommit(false);
                history.write(planned);
                connection.commit();
                database.current(null); // between changesets; after a failure it names the one that failed
            } catch (SQLException | LiquibaseException | RuntimeException e) {
                rollback(connection);
                if (!applying) {
                    throw new RollbackFailedException(e);
                }
                throw e instanceof MigrationFailedException failed ? failed : new MigrationFailedException(cs, e);
            } finally {
                inTransaction(connection);
            }
        }
    }

    /** A statement on the history table, generated as Liquibase generates its own: with its system objects' legacy quoting. */
    private static List<String> historySql(AtomicChangeSets.AtomicDatabase database, SqlStatement statement) {
        ObjectQuotingStrategy quoting = database.getObjectQuotingStrategy();
        database.setObjectQuotingStrategy(ObjectQuotingStrategy.LEGACY);
        try {
            return generate(statement, database);
        } finally {
            database.setObjectQuotingStrategy(quoting);
        }
    }

    /** After a changeset, done or failed: the session is in a transaction again, as Liquibase leaves it. */
    private static void inTransaction(Connection connection) {
        try {
            if (connection.getAutoCommit()) {
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            // The session is lost; the failure already says so.
        }
    }

    private static void rollback(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // The session is lost: the server rolls back what it had.
        }
    }

    private static void run(Connection connection, String sql) throws DatabaseException {
        try (Statement st = connection.createStatement()) {
            if (sql.contains("?")) {
                st.setEscapeProcessing(false);
            }
            try {
                st.execute(sql);
                while (st.getMoreResults() || st.getUpdateCount() != -1) {
                    // every result of a multi-statement string, as Liquibase reads them
                }
            } finally {
                for (SQLWarning w = st.getWarnings(); w != null; w = w.getNextWarning()) {
                    Scope.getCurrentScope().getUI().sendMessage(w.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(e.getMessage() + " [Failed SQL: (" + e.getErrorCode() + ") " + sql + "]", e);
        }
    }

    /** The history table's name as Liquibase's own statements write it: its schema, with its system objects' legacy quoting. */
    private static String historyTableName(AtomicChangeSets.AtomicDatabase database) {
        ObjectQuotingStrategy quoting = database.getObjectQuotingStrategy();
        database.setObjectQuotingStrategy(ObjectQuotingStrategy.LEGACY);
        try {
            return database.escapeTableName(database.getLiquibaseCatalogName(), database.getLiquibaseSchemaName(),
                    database.getDatabaseChangeLogTableName());
        } finally {
            database.setObjectQuotingStrategy(quoting);
        }
    }

    /**
     * Writes a changeset's history row, as the {@code order}-th: the columns and values Liquibase's
     * {@link MarkChangeSetRanGenerator} writes (its values kept with the changeset, {@link PreparedChangeSets.HistoryRow}),
     * as parameters of one statement rather than SQL from Liquibase's generators, whose set-up alone loads some 200
     * classes.
     */
    private static void insertHistoryRow(AtomicChangeSets.AtomicDatabase database, Connection connection, String table, Planned planned,
                                         int order) throws DatabaseException {
        ChangeSetKey key = planned.prepared().key();
        PreparedChangeSets.HistoryRow row = planned.prepared().row();
        boolean tagged = row.tag() != null;
        String sql = "INSERT INTO " + table + " (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS,"
                + " EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID" + (tagged ? ", TAG" : "") + ") VALUES (?, ?, ?, "
                + database.getCurrentDateTimeFunction() + ", ?, ?, ?, ?, ?, ?, ?, ?, ?" + (tagged ? ", ?" : "") + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 0;
            ps.setString(++i, key.id());
            ps.setString(++i, key.author());
            ps.setString(++i, key.file());
            ps.setInt(++i, order);
            ps.setString(++i, row.checksum());
            ps.setString(++i, row.description());
            ps.setString(++i, row.comments());
            ps.setString(++i, ChangeSet.ExecType.EXECUTED.value);
            ps.setString(++i, row.contexts());
            ps.setString(++i, row.labels());
            ps.setString(++i, MarkChangeSetRanGenerator.getLiquibaseBuildVersion());
            ps.setString(++i, Scope.getCurrentScope().getDeploymentId());
            if (tagged) {
                ps.setString(++i, row.tag());
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e.getMessage() + " [Failed SQL: (" + e.getErrorCode() + ") " + sql + "]", e);
        }
    }

    /** Deletes a rolled-back changeset's history row, as Liquibase's {@code RemoveChangeSetRanStatusStatement} does. */
    private static void deleteHistoryRow(Connection connection, String table, Planned planned) throws DatabaseException {
        ChangeSetKey key = planned.prepared().key();
        String sql = "DELETE FROM " + table + " WHERE ID = ? AND AUTHOR = ? AND FILENAME = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, key.id());
            ps.setString(2, key.author());
            ps.setString(3, key.file());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DatabaseException(e.getMessage() + " [Failed SQL: (" + e.getErrorCode() + ") " + sql + "]", e);
        }
    }

    /** The order number of the next history row: one more than the history's highest, as Liquibase's history service counts. */
    private static int nextOrder(Connection connection, String table) throws DatabaseException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(ORDEREXECUTED) FROM " + table)) {
            rs.next();
            return rs.getInt(1) + 1;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** The history table as a direct run finds it. */
    enum HistoryTable {
        /** There, in the shape Liquibase 4.33 leaves it: its history service would neither create nor change it first. */
        READY,
        /** Not there, in a schema that is: Liquibase would create it first, and a direct run does the same ({@link #createHistoryTable}). */
        ABSENT,
        /** Anything else (an older shape Liquibase would alter, no schema to create it in, a table that cannot be read). */
        OTHER
    }

    /** Whether the history table is there in the shape Liquibase 4.33 leaves it (every column, the checksum and version columns wide enough). */
    static HistoryTable historyTable(AtomicChangeSets.AtomicDatabase database, Connection connection) {
        Set<String> needed = Set.of("id", "author", "filename", "dateexecuted", "orderexecuted", "exectype", "md5sum", "description",
                "comments", "tag", "liquibase", "contexts", "labels", "deployment_id");
        String table = database.getDatabaseChangeLogTableName().toLowerCase();
        try (var ps = connection.prepareStatement("SELECT column_name, character_maximum_length,"
                + " to_regclass(format('%I.%I', coalesce(?, current_schema()), ?::text)) IS NOT NULL,"
                + " EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = coalesce(?, current_schema()))"
                + " FROM (SELECT 1) one LEFT JOIN information_schema.columns"
                + " ON table_schema = coalesce(?, current_schema()) AND table_name = ?")) {
            String schema = database.getLiquibaseSchemaName();
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, schema);
            ps.setString(4, schema);
            ps.setString(5, table);
            List<String> found = new ArrayList<>();
            boolean exists = false;
            boolean schemaExists = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    exists = rs.getBoolean(3);
                    schemaExists = rs.getBoolean(4);
                    String column = rs.getString(1);
                    int length = rs.getInt(2);
                    if ("md5sum".equals(column) && length < 35 || "liquibase".equals(column) && length < 20) {
                        return HistoryTable.OTHER;
                    }
                    if (column != null) {
                        found.add(column);
                    }
                }
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            if (!exists) {
                return schemaExists ? HistoryTable.ABSENT : HistoryTable.OTHER;
            }
            return found.containsAll(needed) ? HistoryTable.READY : HistoryTable.OTHER;
        } catch (SQLException e) {
            rollback(connection);
            return HistoryTable.OTHER;
        }
    }

    /** Creates the history table with the statement Liquibase's history service creates it with, and commits. */
    static void createHistoryTable(AtomicChangeSets.AtomicDatabase database, Connection connection) throws DatabaseException {
        try {
            for (String sql : historySql(database, new CreateDatabaseChangeLogTableStatement())) {
                run(connection, sql);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(connection);
            throw new DatabaseException(e);
        }
    }
}
