/**
 * What a PostgreSQL database holds, read from {@code pg_catalog} into the neutral schema model
 * ({@link io.sark.migrate.postgres.catalog.CatalogSchemaReader}), a whole-catalog snapshot for exact comparisons
 * ({@link io.sark.migrate.postgres.catalog.CatalogSnapshot}), the scratch schemas the entities' DDL is built in
 * ({@link io.sark.migrate.postgres.catalog.ScratchSchema}), TimescaleDB's catalog, and what no entity declares.
 */
package io.sark.migrate.postgres.catalog;
