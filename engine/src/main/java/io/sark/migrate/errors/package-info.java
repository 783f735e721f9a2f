/**
 * The one exception root, {@link io.sark.migrate.errors.SarkMigrateException}, whose kind is the exit status, and the
 * failures every layer of a run may end in: a migration that failed ({@link io.sark.migrate.errors.MigrationException})
 * or was interrupted ({@link io.sark.migrate.errors.MigrationInterruptedException}).
 */
package io.sark.migrate.errors;
