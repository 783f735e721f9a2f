package io.sark.migrate.lint;

import liquibase.change.Change;
import liquibase.changelog.ChangeSet;

import java.util.List;

/**
 * What the linter reads as one migration: a changeset of a changelog, or a whole SQL file (one statement per change),
 * with where it is written.
 *
 * @param changeSet   the changeset (for a SQL file, one made of its statements)
 * @param revision    the revision it belongs to (a SQL file: its name)
 * @param origin      where it comes from, which decides what the linter may assume
 * @param file        the file, as it is shown (null where not known)
 * @param line        the changeset's line in it, or a SQL file's first statement's (0 where not known)
 * @param changeLines for each change, its line (a SQL file's statements); empty where the changes have none of their own
 */
public record LintUnit(ChangeSet changeSet, String revision, Origin origin, String file, int line, List<Integer> changeLines) {

    /** Where a migration comes from. */
    public enum Origin {
        /**
         * The project's changelog, the whole history of its schema: a table the changelog did not create does not exist,
         * and its typed changes were generated from the entities, which decide the types.
         */
        PROJECT,
        /** Another changelog or a folder of SQL files: what it does not create may exist, with rows; every type was chosen by hand. */
        FOREIGN
    }

    public LintUnit {
        changeLines = List.copyOf(changeLines);
    }

    /** The line of the change at {@code index}, or the unit's line. */
    public int lineOf(int index) {
        return index >= 0 && index < changeLines.size() ? changeLines.get(index) : line;
    }

    /** The same unit with its first {@code count} changes only: for telling which statement a finding starts at. */
    LintUnit firstChanges(int count) {
        ChangeSet prefix = new ChangeSet(changeSet.getId(), changeSet.getAuthor(), false, false, changeSet.getFilePath(), null, null,
                changeSet.isRunInTransaction(), changeSet.getChangeLog());
        prefix.setComments(changeSet.getComments());
        List<Change> changes = changeSet.getChanges();
        for (int i = 0; i < Math.min(count, changes.size()); i++) {
            prefix.addChange(changes.get(i));
        }
        return new LintUnit(prefix, revision, origin, file, line, changeLines);
    }
}
