/**
 * PostgreSQL: the database a command works on ({@link io.sark.migrate.postgres.TargetDatabase}), connection
 * settings and JDBC URLs. The servers are in {@code postgres.server}; what a database holds is read by
 * {@code postgres.catalog}.
 */
package io.sark.migrate.postgres;
