package io.sark.migrate.engine.changelog;

import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeSet;

/**
 * What the shadow cache's keys and a no-op upgrade need to know of a changeset, whether it was parsed or read from the
 * changelog's index.
 *
 * @param key           its id, author and file
 * @param checksum      Liquibase's checksum of it, as the history table records it ({@code 9:…})
 * @param contexts      its context filter as Liquibase prints it
 * @param labels        its labels as Liquibase prints them
 * @param dbms          the databases it names, as Liquibase prints them
 * @param alwaysRun     {@code runAlways}
 * @param runOnChange   {@code runOnChange}
 * @param preconditions whether it has preconditions (which may read anything in its file)
 */
public record ChangeSetSummary(ChangeSetKey key, String checksum, String contexts, String labels, String dbms, boolean alwaysRun,
                        boolean runOnChange, boolean preconditions) {

    public static ChangeSetSummary of(ChangeSet changeSet) {
        return new ChangeSetSummary(ChangeSetKey.of(changeSet), changeSet.generateCheckSum(ChecksumVersion.latest()).toString(),
                String.valueOf(changeSet.getContextFilter()), String.valueOf(changeSet.getLabels()), String.valueOf(changeSet.getDbmsSet()),
                changeSet.isAlwaysRun(), changeSet.isRunOnChange(), changeSet.getPreconditions() != null);
    }

    /** Whether it runs again by itself. */
    public boolean reruns() {
        return alwaysRun || runOnChange;
    }
}
