/**
 * The {@code sark-migrate} command line: one picocli class per command (options and printing only), the exit codes
 * ({@link io.sark.migrate.cli.ExitCodes}), one-line failures ({@link io.sark.migrate.cli.Failures}), the project's
 * settings file ({@link io.sark.migrate.cli.ProjectSettings}), and {@link io.sark.migrate.cli.SarkMigrate#execute}
 * for shells in Java (the Maven plugin).
 */
package io.sark.migrate.cli;
