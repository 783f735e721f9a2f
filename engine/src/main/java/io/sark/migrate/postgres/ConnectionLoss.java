package io.sark.migrate.postgres;

import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;

/**
 * Whether a failure means the session to the server is gone (the server crashed, was shut down, or ended the
 * session; the network dropped), rather than that a statement failed. What was running is rolled back by the server;
 * nothing more can be read on that session.
 */
public final class ConnectionLoss {

    private ConnectionLoss() {
    }

    /** Whether {@code failure} or any of its causes is a lost connection. */
    public static boolean in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EOFException || t instanceof SocketException) {
                return true;
            }
            if (t instanceof SQLException sql && lost(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean lost(SQLException e) {
        String state = e.getSQLState();
        if (state == null) {
            return e.getMessage() != null && e.getMessage().contains("This connection has been closed");
        }
        // 08: connection exceptions (the driver's I/O error is 08006); 57P01-57P03: the server is shutting down,
        // crashed, or cannot take connections now.
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }
}
