/**
 * The Maven plugin: one goal per command, each the command of its name run on the project it is run in (its
 * compiled entities, Spring Boot's changelog and settings, its own embedded database).
 */
package io.sark.migrate.maven;
