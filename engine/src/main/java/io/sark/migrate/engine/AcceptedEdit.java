package io.sark.migrate.engine;

/**
 * An accepted edit of one applied changeset (nothing runs: only its recorded checksum changes).
 *
 * @param changeSet      the changeset's id
 * @param checksumBefore the checksum recorded when it ran
 * @param checksumNow    the checksum of its current text, recorded now
 */
public record AcceptedEdit(String changeSet, String checksumBefore, String checksumNow) {
}
