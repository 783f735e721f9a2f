/**
 * What a run tells the people watching it: its messages and progress ({@link io.sark.migrate.diagnostics.MigrationListener})
 * and where the time went ({@link io.sark.migrate.diagnostics.Timings}, printed by {@code --timings}).
 */
package io.sark.migrate.diagnostics;
