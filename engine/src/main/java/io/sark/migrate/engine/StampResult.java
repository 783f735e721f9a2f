package io.sark.migrate.engine;

/**
 * What a stamp did to the migration history (and nothing else: no schema change runs).
 *
 * @param fromRevision the revision recorded before
 * @param toRevision   the revision recorded now
 * @param marked       changesets newly recorded as applied
 * @param unmarked     changesets no longer recorded as applied
 */
public record StampResult(String fromRevision, String toRevision, int marked, int unmarked) {
}
