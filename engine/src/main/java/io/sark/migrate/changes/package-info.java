/**
 * What a change does, read from a Liquibase change or its raw SQL with Liquibase's own SQL lexer: typed facts
 * (operation, table, object, flags) and the one table of PostgreSQL's lock levels ({@link io.sark.migrate.changes.Operation}).
 * Lint rules, the review and the guards read changes only through it.
 */
package io.sark.migrate.changes;
