/**
 * Where the time went ({@link io.sark.migrate.diagnostics.Timings}, printed by {@code --timings}).
 */
package io.sark.migrate.diagnostics;
