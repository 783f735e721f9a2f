package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationListener;

import java.io.PrintWriter;

/** Passes on the notices that changesets raise for the user (they start with "sark-migrate: "). */
final class Notices implements MigrationListener {

    private static final String PREFIX = "sark-migrate: ";
    private final PrintWriter err;

    Notices(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void message(String message) {
        for (String line : message.split("\\R")) {
            if (line.startsWith(PREFIX)) {
                err.println("notice: " + line.substring(PREFIX.length()));
                err.flush();
            }
        }
    }
}
