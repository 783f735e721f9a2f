/**
 * PostgreSQL: the databases a command works on (configured, embedded, throwaway, in Docker), the embedded
 * server's processes and files, the catalog read into the neutral schema model, scratch schemas, identifiers and JDBC
 * URLs.
 */
package io.sark.migrate.postgres;
