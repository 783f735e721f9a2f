/**
 * The neutral schema model: what a database holds (or should hold), read from the entities on one side and from
 * {@code pg_catalog} on the other, in one spelling, so that comparing the two is plain equality.
 *
 * <p>Types and defaults are normalised to PostgreSQL's own spelling ({@link io.sark.migrate.schema.SqlTypes},
 * {@link io.sark.migrate.schema.Defaults}) as they enter the model; nothing downstream spells them again.
 */
package io.sark.migrate.schema;
