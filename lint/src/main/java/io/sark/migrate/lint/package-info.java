/**
 * The linter over changesets and the review a pull request needs (lock, findings, SQL and rollback per
 * changeset); the rules are in {@code lint.rules}.
 */
package io.sark.migrate.lint;
