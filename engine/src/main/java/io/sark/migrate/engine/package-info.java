/**
 * Applying and rolling back the changelog through Liquibase: {@link io.sark.migrate.engine.Migrator}, a facade of
 * one method per verb, over the changelog ({@code engine.changelog}), the history table, Liquibase on the session, the
 * migration lock, the guards decided before anything runs, retries on lock timeouts, the shadow cache, adoption and
 * validation.
 */
package io.sark.migrate.engine;
