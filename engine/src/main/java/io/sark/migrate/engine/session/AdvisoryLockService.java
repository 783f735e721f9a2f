package io.sark.migrate.engine.session;

import io.sark.migrate.engine.lock.AdvisoryLock;
import io.sark.migrate.engine.lock.DatabaseLockedException;
import io.sark.migrate.errors.MigrationException;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;

import java.sql.Connection;
import java.time.Duration;
import java.util.Date;

/**
 * Liquibase's lock, on PostgreSQL, as a session-level advisory lock ({@link AdvisoryLock}) instead of the row in
 * {@code databasechangeloglock}, so that a killed process cannot leave it taken. Registered through
 * {@code META-INF/services/liquibase.lockservice.LockService}; it outranks Liquibase's own service for the databases
 * sark-migrate opens on a live connection, and leaves every other use of Liquibase in the same JVM (stock Liquibase,
 * Spring Boot, offline SQL previews) with Liquibase's own lock.
 */
public final class AdvisoryLockService implements LockService {

    private AdvisoryLock lock;
    private Duration wait = Duration.ofMinutes(5);

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }

    @Override
    public boolean supports(Database database) {
        return database instanceof AtomicChangeSets.AtomicDatabase && database.getConnection() instanceof JdbcConnection;
    }

    @Override
    public void setDatabase(Database database) {
        this.lock = lockOf(database);
    }

    /** The migration lock of the schema that holds {@code database}'s history. */
    static AdvisoryLock lockOf(Database database) {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        String schema = database.getLiquibaseSchemaName() != null ? database.getLiquibaseSchemaName() : database.getDefaultSchemaName();
        return new AdvisoryLock(connection, schema == null ? "public" : schema);
    }

    @Override
    public void setChangeLogLockWaitTime(long minutes) {
        this.wait = Duration.ofMinutes(minutes);
    }

    @Override
    public void setChangeLogLockRecheckTime(long seconds) {
        // Polling is fixed and short; there is nothing to tune.
    }

    @Override
    public boolean hasChangeLogLock() {
        return lock.held();
    }

    @Override
    public void waitForLock() throws LockException {
        try {
            lock.acquire(wait, holder -> Scope.getCurrentScope().getUI()
                    .sendMessage("Waiting for the migration lock held by " + holder.describe()));
        } catch (DatabaseLockedException | MigrationException e) {
            throw new LockException(e.getMessage(), e);
        }
    }

    @Override
    public boolean acquireLock() throws LockException {
        try {
            lock.acquire(Duration.ZERO, holder -> { });
            return true;
        } catch (DatabaseLockedException e) {
            return false;
        } catch (MigrationException e) {
            throw new LockException(e.getMessage(), e);
        }
    }

    @Override
    public void releaseLock() {
        lock.release();
    }

    @Override
    public DatabaseChangeLogLock[] listLocks() throws LockException {
        try {
            return lock.holder()
                    .map(h -> new DatabaseChangeLogLock[] {new DatabaseChangeLogLock(1, new Date(), h.describe())})
                    .orElse(new DatabaseChangeLogLock[0]);
        } catch (MigrationException e) {
            throw new LockException(e.getMessage(), e);
        }
    }

    /** An advisory lock can only be released by its own session, so this releases this session's hold only. */
    @Override
    public void forceReleaseLock() {
        lock.release();
    }

    @Override
    public void reset() {
        // Liquibase resets its lock services after each command; the lock itself follows acquire and release only.
    }

    @Override
    public void init() {
        // Nothing to create: the lock lives in PostgreSQL's lock table, not in databasechangeloglock.
    }

    @Override
    public void destroy() {
        lock.release();
    }
}
