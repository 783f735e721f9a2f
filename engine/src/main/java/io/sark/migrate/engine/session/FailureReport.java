package io.sark.migrate.engine.session;

import io.sark.migrate.engine.changelog.Position;
import io.sark.migrate.engine.lock.DatabaseLockedException;
import io.sark.migrate.errors.MigrationException;
import io.sark.migrate.errors.MigrationInterruptedException;
import io.sark.migrate.postgres.ConnectionLoss;
import io.sark.migrate.postgres.DatabaseUnavailableException;
import liquibase.changelog.ChangeSet;
import liquibase.exception.LiquibaseException;
import liquibase.exception.LockException;
import liquibase.exception.MigrationFailedException;
import liquibase.exception.ValidationFailedException;

import java.io.EOFException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed or interrupted run in one line: which changeset, why in the database's words, and where the database
 * stands now (or that it cannot be read). Liquibase's own exceptions go no further than here.
 */
public final class FailureReport {

    private static final Pattern FAILED_CHANGESET = Pattern.compile("changeset (\\S+?)::(\\S+?)::(\\S+?):");

    private final Supplier<Optional<String>> revision;
    private final Supplier<ChangeSet> running;

    /**
     * @param revision where the database stands, after "the database is" ({@link Position#describe()}), read when a
     *                 message needs it; empty when it cannot be read
     * @param running  the changeset a run was on, or null
     */
    FailureReport(Supplier<Optional<String>> revision, Supplier<ChangeSet> running) {
        this.revision = revision;
        this.running = running;
    }

    RuntimeException failure(String what, LiquibaseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DatabaseLockedException locked) {
                return new DatabaseLockedException(what + " could not start: " + locked.getMessage(), e);
            }
            if (t instanceof LockException) {
                return new DatabaseLockedException(what + " could not start: " + rootMessage(t).strip(), e);
            }
        }
        if (ConnectionLoss.in(e)) {
            return connectionLost(what, e);
        }
        return new MigrationException(describe(what, e), e);
    }

    RuntimeException connectionLost(String what, Exception e) {
        return new DatabaseUnavailableException(lost(what, e), e);
    }

    /** What becomes of a changeset run outside a transaction that stopped part-way. */
    static final String OUTSIDE_A_TRANSACTION = "what it committed before it stopped stays, and the next upgrade runs it again"
            + " (it is written to be re-run: an index it was building is dropped and rebuilt, a batched data change does the rows left)";

    /**
     * The session to the server was lost mid-run (a crash, a shutdown, a terminated backend, the network): the server
     * rolls back the changeset that was running. Where the database stands is read on a new session if one can be had.
     */
    private String lost(String what, Exception e) {
        ChangeSet at = running.get();
        String where = at == null ? "" : " at changeset " + at.getId() + " (" + at.getFilePath() + ")";
        String state = revision.get().map(r -> "The database is " + r + "; running the same command again resumes from there.")
                .orElse("Where it stands cannot be read now: when the server is back, running the same command again resumes,"
                        + " and this says where it stands: 'sark-migrate current'.");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root instanceof EOFException ? "the server closed it without a word"
                : rootMessage(e).strip().replaceAll("\\s*\\R\\s*", " ");
        return what + " stopped" + where + ": the connection to the database was lost (" + why
                + "). The server rolls back the changeset that was running" + (at != null && !at.isRunInTransaction()
                ? " (it runs outside a transaction, so part of it may be done; it is written to be run again)" : "") + ". " + state;
    }

    MigrationInterruptedException interrupted(String what) {
        ChangeSet at = running.get();
        String where = at == null ? " between changesets"
                : " at changeset " + at.getId() + " (" + at.getFilePath() + ")" + (at.isRunInTransaction()
                        ? ", which was rolled back"
                        : ", which runs outside a transaction: " + OUTSIDE_A_TRANSACTION);
        return new MigrationInterruptedException(what + " was interrupted" + where + ". The database is "
                + revision.get().orElse("at a revision that could not be read") + ".");
    }

    /** Which changeset failed and why, in the database's words, and where the database stands now. */
    private String describe(String what, LiquibaseException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValidationFailedException invalid && !invalid.getInvalidMD5Sums().isEmpty()) {
                return describeEditedChangeSets(what, invalid.getInvalidMD5Sums());
            }
        }
        StringBuilder message = new StringBuilder(what).append(" failed");
        boolean named = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = t instanceof MigrationFailedException && t.getMessage() != null
                    ? FAILED_CHANGESET.matcher(t.getMessage()) : null;
            if (m != null && m.find()) {
                message.append(" at changeset ").append(m.group(2)).append(" (").append(m.group(1)).append(')');
                named = true;
                break;
            }
        }
        ChangeSet current = running.get();
        if (!named && current != null) {
            message.append(" at changeset ").append(current.getId()).append(" (").append(current.getFilePath()).append(')');
        }
        message.append(": ").append(rootMessage(e).strip().replaceAll("\\s*\\R\\s*", " ").replaceFirst("\\.+$", "")).append('.');
        if (current != null && !current.isRunInTransaction() && message.indexOf(" at changeset " + current.getId() + " (") >= 0) {
            // Half done is said as half done: its statements committed one by one.
            message.append(" It runs outside a transaction: ").append(OUTSIDE_A_TRANSACTION).append('.');
        }
        revision.get().ifPresent(at -> message.append(" The database is ").append(at).append('.'));
        return message.toString();
    }

    /** Applied changesets whose text changed since they ran: nothing ran, and the fix is the author's. */
    private String describeEditedChangeSets(String what, List<String> invalid) {
        Set<String> ids = new LinkedHashSet<>();
        Set<String> files = new TreeSet<>();
        for (String entry : invalid) {
            String[] parts = entry.split(" was: ")[0].strip().split("::");
            if (parts.length >= 2) {
                files.add(parts[0]);
                ids.add(parts[1]);
            } else {
                ids.add(entry);
            }
        }
        return what + " refused: " + ids.size() + " applied changeset(s) were edited after they ran (" + String.join(", ", ids)
                + (files.isEmpty() ? "" : " in " + String.join(", ", files)) + "). Restore them as they were applied and put the"
                + " change in a new revision, or, if the edit is intended and changes nothing already applied, accept it: 'sark-migrate"
                + " accept-edit " + ids.iterator().next() + "'. Nothing ran"
                + revision.get().map(at -> "; the database is " + at).orElse("") + ".";
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
