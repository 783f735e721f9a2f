/**
 * Liquibase on one connection ({@link io.sark.migrate.engine.session.LiquibaseSession}): its commands, the scope it runs
 * in, each changeset in one transaction with its history row ({@link io.sark.migrate.engine.session.AtomicChangeSets}),
 * Liquibase's lock service replaced by the advisory lock, the progress listener, the session's settings
 * ({@link io.sark.migrate.engine.session.SessionSetup}) and a failure turned into one line that says where the database
 * stands ({@link io.sark.migrate.engine.session.FailureReport}). Uses the changelog's and the lock's packages.
 */
package io.sark.migrate.engine.session;
