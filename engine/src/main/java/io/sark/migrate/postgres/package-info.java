/**
 * PostgreSQL: the databases a command works on (configured, embedded, throwaway, in Docker), the embedded
 * server's processes and files, identifiers and JDBC URLs. What a database holds is read by {@code postgres.catalog}.
 */
package io.sark.migrate.postgres;
