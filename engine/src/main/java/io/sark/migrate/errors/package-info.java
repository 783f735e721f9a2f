/**
 * The one exception root, {@link io.sark.migrate.errors.SarkMigrateException}, whose kind is the exit status.
 */
package io.sark.migrate.errors;
