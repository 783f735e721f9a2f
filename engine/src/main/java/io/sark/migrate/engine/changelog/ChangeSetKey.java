package io.sark.migrate.engine.changelog;

import liquibase.changelog.ChangeSet;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What identifies a changeset, in the changelog and in the history table alike: its id, author and file (Liquibase's
 * own identity of a changeset).
 *
 * @param id     its id ({@code 004_audit_events-2})
 * @param author its author
 * @param file   the changelog file that holds it, as Liquibase records it
 */
public record ChangeSetKey(String id, String author, String file) {

    public static ChangeSetKey of(ChangeSet changeSet) {
        return new ChangeSetKey(changeSet.getId(), changeSet.getAuthor(), changeSet.getFilePath());
    }

    public static ChangeSetKey of(Revision.ChangeSetRef changeSet) {
        return new ChangeSetKey(changeSet.id(), changeSet.author(), changeSet.file());
    }

    /** From a history row whose first three columns are id, author and filename. */
    public static ChangeSetKey of(ResultSet row) throws SQLException {
        return new ChangeSetKey(row.getString(1), row.getString(2), row.getString(3));
    }
}
