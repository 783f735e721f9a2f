/**
 * The refusals decided before anything runs ({@link io.sark.migrate.engine.guard.Guards}): history the changelog does
 * not know, an Alembic database not adopted, data a downgrade would destroy ({@link io.sark.migrate.engine.guard.DataLoss},
 * {@link io.sark.migrate.engine.guard.RetentionLoss}), and locks held longer than allowed
 * ({@link io.sark.migrate.engine.guard.LockCost}, {@link io.sark.migrate.engine.guard.HypertableCopyCost}), each read
 * from the database's catalog and statistics. Uses the changelog's package and nothing else of the engine.
 */
package io.sark.migrate.engine.guard;
