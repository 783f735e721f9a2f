/**
 * The changelog as files: where it is ({@link io.sark.migrate.engine.changelog.Changelog}), its index kept between
 * runs ({@link io.sark.migrate.engine.changelog.ChangelogIndex}), its revisions (the runs of changesets that end with
 * a tag: {@link io.sark.migrate.engine.changelog.Revisions}), what it declares (tables, types, hypertables), and which
 * changesets a run takes ({@link io.sark.migrate.engine.changelog.ChangelogFilter}). No database, no Liquibase session:
 * the package below {@code engine}, which imports nothing of it.
 */
package io.sark.migrate.engine.changelog;
