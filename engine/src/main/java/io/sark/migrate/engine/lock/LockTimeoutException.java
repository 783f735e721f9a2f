package io.sark.migrate.engine.lock;

import io.sark.migrate.errors.SarkMigrateException;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A changeset gave up waiting for a lock (its {@code lock_timeout}), or was chosen to end a deadlock, as many times as it
 * was tried: another session holds what it needs. The changeset was rolled back; the message names who it waited for, and what to do.
 */
public final class LockTimeoutException extends SarkMigrateException {

    private static final Pattern CHANGESET = Pattern.compile(" at changeset (\\S+)");

    LockTimeoutException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, cause);
    }

    /** "changeset 007_x-2", from a failure's message; "a changeset" when it names none. */
    static String changeSetOf(String failure) {
        Matcher m = CHANGESET.matcher(failure == null ? "" : failure);
        return m.find() ? "changeset " + m.group(1) : "a changeset";
    }

    /** A wait for a table lock cancelled when the command's --lock-wait ran out; where the database stands, from {@code failure}. */
    static String pastLockWait(String failure, Duration lockWait, LockWatch.Seen seen, int retries) {
        String changeSet = changeSetOf(failure);
        int standing = failure == null ? -1 : failure.indexOf(" The database is ");
        return Character.toUpperCase(changeSet.charAt(0)) + changeSet.substring(1) + " was still waiting for a table lock when --lock-wait ("
                + lockWait.toSeconds() + " s, for all of the command's waits) ran out; it was rolled back."
                + (standing < 0 ? "" : failure.substring(standing).replaceFirst("\\.?$", ".")) + " "
                + advice(seen, retries).replace("; --lock-retries N tries more times.", ". A larger --lock-wait waits longer.");
    }

    /** ", waiting for pid 42 'psql' (...)", or nothing when nobody was seen. */
    static String waitedOn(LockWatch.Seen seen) {
        if (seen.blockers().isEmpty()) {
            return "";
        }
        return (seen.oldTransactions() ? ", a concurrent index build waiting for older transactions to end: " : ", waiting for ")
                + describe(seen.blockers());
    }

    /** After the failure's own message: who held the lock, how often it was tried, what to do. */
    static String advice(LockWatch.Seen seen, int retries) {
        String tries = retries == 0 ? "" : " Tried " + (retries + 1) + " times.";
        if (seen.blockers().isEmpty()) {
            return "No session was seen holding the lock (it may have ended)." + tries + " Run again; if it keeps failing, look at"
                    + " pg_stat_activity for long transactions.";
        }
        int first = seen.blockers().get(0).pid();
        String who;
        if (!seen.watched()) {
            who = "Sessions with a transaction open now (the likely holders): " + describe(seen.blockers()) + ".";
        } else if (seen.oldTransactions()) {
            who = "It waited for " + describe(seen.blockers()) + ": CREATE INDEX CONCURRENTLY waits for every transaction older than"
                    + " it to end, on any table, not only those on its own.";
        } else {
            who = "It waited for " + describe(seen.blockers()) + ".";
        }
        return who + tries + " End that transaction (or its session: SELECT pg_terminate_backend(" + first + ")), or run again when"
                + " it is done; --lock-retries N tries more times.";
    }

    private static String describe(List<LockWatch.Blocker> blockers) {
        List<String> shown = blockers.stream().limit(3).map(LockWatch.Blocker::describe).toList();
        return String.join("; ", shown) + (blockers.size() > 3 ? " and " + (blockers.size() - 3) + " more" : "");
    }
}
