package io.sark.migrate.engine.session;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BiConsumer;

/**
 * Makes a changeset and its row in the history one transaction. Liquibase commits a changeset's work, then writes
 * its history row and commits again (liquibase/liquibase#7442, #5074): a process killed between the two leaves the
 * change made but unrecorded, and the next run fails on it. On PostgreSQL, where DDL is transactional, the first
 * commit can simply wait for the second.
 *
 * <p>{@link #database} is the database sark-migrate hands Liquibase; {@link #listener} is told by Liquibase when a
 * changeset starts and ends, and holds the database's commits back in between. A changeset that runs outside a
 * transaction ({@code runInTransaction: false}) cannot be made atomic and is written to be run again instead.
 */
public final class AtomicChangeSets {

    private AtomicChangeSets() {
    }

    /** PostgreSQL as Liquibase knows it, whose commits can be held back. */
    static final class AtomicDatabase extends PostgresDatabase {

        private boolean holdingCommits;
        private ChangeSet current;
        private volatile boolean stopRequested;

        /** Asks the run to stop: no further changeset starts. */
        void requestStop() {
            this.stopRequested = true;
        }

        boolean stopRequested() {
            return stopRequested;
        }

        void holdCommits(boolean hold) {
            this.holdingCommits = hold;
        }

        /** The changeset being applied or rolled back, or the one that failed; null between changesets. */
        ChangeSet current() {
            return current;
        }

        void current(ChangeSet changeSet) {
            this.current = changeSet;
        }

        /**
         * The session's schema, read as Liquibase reads it ({@code select current_schema()}) but on the session itself:
         * through Liquibase's executor, that one query sets up its SQL generators (some 200 classes), which a direct
         * run from kept changesets otherwise never needs. Null when it cannot be read, as Liquibase has it.
         */
        @Override
        protected String getConnectionSchemaName() {
            if (!(getConnection() instanceof JdbcConnection jdbc)) {
                return super.getConnectionSchemaName();
            }
            try (Statement st = jdbc.getUnderlyingConnection().createStatement(); ResultSet rs = st.executeQuery("select current_schema()")) {
                return rs.next() ? rs.getString(1) : null;
            } catch (SQLException e) {
                return null;
            }
        }

        @Override
        public void commit() throws DatabaseException {
            if (!holdingCommits) {
                super.commit();
            }
        }
    }

    /** A listener for update and rollback commands on an {@link AtomicDatabase}; {@code onStart} hears each changeset start. */
    static AbstractChangeExecListener listener(BiConsumer<ChangeSet, Boolean> onStart) {
        return new AbstractChangeExecListener() {
            @Override
            public void willRun(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.RunStatus status) {
                starting(database, changeSet);
                onStart.accept(changeSet, true);
            }

            @Override
            public void ran(ChangeSet changeSet, DatabaseChangeLog log, Database database, ChangeSet.ExecType type) {
                done(database);
            }

            @Override
            public void runFailed(ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception e) {
                failed(database);
            }

            @Override
            public void willRollback(ChangeSet changeSet, DatabaseChangeLog log, Database database) {
                starting(database, changeSet);
                onStart.accept(changeSet, false);
            }

            @Override
            public void rolledBack(ChangeSet changeSet, DatabaseChangeLog log, Database database) {
                done(database);
            }

            @Override
            public void rollbackFailed(ChangeSet changeSet, DatabaseChangeLog log, Database database, Exception e) {
                failed(database);
            }
        };
    }

    private static void starting(Database database, ChangeSet changeSet) {
        if (database instanceof AtomicDatabase atomic) {
            if (atomic.stopRequested()) {
                throw new Stopped(changeSet);
            }
            atomic.current(changeSet);
            atomic.holdCommits(changeSet.isRunInTransaction());
        }
    }

    private static void done(Database database) {
        if (database instanceof AtomicDatabase atomic) {
            atomic.current(null);
            atomic.holdCommits(false);
        }
    }

    /** Thrown to stop a run that was asked to stop, before the next changeset starts. */
    static final class Stopped extends RuntimeException {
        Stopped(ChangeSet changeSet) {
            super("stopped before changeset " + changeSet.getId());
        }
    }

    /** After a failure: commits go through again; {@link AtomicDatabase#current} still names the changeset. */
    private static void failed(Database database) {
        if (database instanceof AtomicDatabase atomic) {
            atomic.holdCommits(false);
        }
    }
}
