/**
 * The pure diff: the sealed vocabulary of changes ({@link io.sark.migrate.diff.SchemaChange}, each with its
 * inverse), the changes between two schemas in an order that applies ({@link io.sark.migrate.diff.SchemaDiff}), the
 * declared renames, and what an existing database keeps ({@link io.sark.migrate.diff.KeptExtras}). No I/O.
 */
package io.sark.migrate.diff;
