package io.sark.migrate.cli;

import io.sark.migrate.engine.MigrationListener;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Passes on the notices that changesets raise for the user (they start with "sark-migrate: "), and keeps them. */
final class Notices implements MigrationListener {

    private static final String PREFIX = "sark-migrate: ";
    private final PrintWriter err;
    private final List<String> seen = new ArrayList<>();

    Notices(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void message(String message) {
        for (String line : message.split("\\R")) {
            if (line.startsWith(PREFIX)) {
                String notice = line.substring(PREFIX.length());
                seen.add(notice);
                err.println("notice: " + notice);
                err.flush();
            }
        }
    }

    List<String> seen() {
        return List.copyOf(seen);
    }
}
