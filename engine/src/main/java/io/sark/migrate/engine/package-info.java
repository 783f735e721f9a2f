/**
 * Applying and rolling back the changelog: {@link io.sark.migrate.engine.Migrator}, a facade of one method per verb, and
 * the runs it makes ({@code Moves}), over the history table, the changelog merged with it ({@code ChangelogState}), the
 * shadow cache, adoption and validation. Below it, each package using only those below it: {@code engine.session}
 * (Liquibase on the session), {@code engine.guard} (refusals decided before anything runs), {@code engine.lock} (the
 * migration lock, lock watch and retries) and {@code engine.changelog} (the changelog as files).
 */
package io.sark.migrate.engine;
