package io.sark.migrate.cli;

import io.sark.migrate.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/** What the server says about a sark-migrate process's sessions (pg_stat_activity, by the pid in its application name). */
final class ServerSessions {

    private ServerSessions() {
    }

    /**
     * Waits until a session of {@code process} matches {@code condition} (SQL over pg_stat_activity, e.g.
     * {@code state = 'active'}; a table it names that does not exist yet matches nothing); false if the process
     * ended or {@code timeout} passed first.
     */
    static boolean awaitMatching(TestDatabase db, Process process, String condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (count(db, process.pid(), condition) > 0) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Waits until process {@code pid} has no session left (a killed client's server session ends by itself). */
    static void awaitGone(TestDatabase db, long pid, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(db, pid, "true") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sessions of process " + pid + " are still there after " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    private static int count(TestDatabase db, long pid, String condition) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE (application_name = 'sark-migrate pid " + pid
                     + "' OR application_name LIKE 'sark-migrate pid " + pid + " %') AND (" + condition + ")")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // the condition names a table that is not there yet
            }
            throw e;
        }
    }
}
