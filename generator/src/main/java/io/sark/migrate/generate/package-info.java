/**
 * From the entities to a written revision: {@link io.sark.migrate.generate.Autogenerate} (check and revision
 * --autogenerate as a Java API) over the pipeline ({@link io.sark.migrate.generate.Generator}); each change's safe
 * form on a live table, its forward and rollback steps, the YAML, the revision files and the master's include.
 */
package io.sark.migrate.generate;
