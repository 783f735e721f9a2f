/**
 * The PostgreSQL servers a command works on: a configured one ({@link io.sark.migrate.postgres.server.ServerDatabase}),
 * the embedded one in a project's folder ({@link io.sark.migrate.postgres.server.LocalDatabase}), throwaway ones, one in
 * Docker; the embedded server itself, its processes and its cluster's files, the binaries it runs from, and pg_dump.
 */
package io.sark.migrate.postgres.server;
