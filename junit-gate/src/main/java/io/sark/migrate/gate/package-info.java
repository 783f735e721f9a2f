/**
 * A gate for a project's own tests: {@link io.sark.migrate.gate.MigrationGate} fails {@code mvn test} when an
 * entity changed and no migration says so.
 */
package io.sark.migrate.gate;
