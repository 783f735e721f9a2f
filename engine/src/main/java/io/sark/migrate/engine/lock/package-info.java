/**
 * Who may migrate, and who keeps a migration waiting: sark-migrate's migration lock
 * ({@link io.sark.migrate.engine.lock.AdvisoryLock}, held for a verb by
 * {@link io.sark.migrate.engine.lock.MigrationLock#holding}), stock Liquibase's row lock that {@code unlock} releases, the
 * second session that names the sessions a changeset waits for ({@link io.sark.migrate.engine.lock.LockWatch}) and the
 * retries after a lock timeout ({@link io.sark.migrate.engine.lock.LockRetry}). No Liquibase: a connection, and whether
 * Ctrl-C came, are all it is given.
 */
package io.sark.migrate.engine.lock;
