package io.sark.migrate.cli;

import io.sark.migrate.diagnostics.MigrationListener;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Passes on the notices that changesets raise for the user (they start with "sark-migrate: "), each once per command,
 * and keeps them; and, where it is wanted, shows which step a long run is on. Progress goes to stderr, on one line
 * rewritten in place when sark-migrate runs in a terminal (Java can only tell that of stdin and stdout together). It
 * is quiet under --json and when not in a terminal, unless SARK_MIGRATE_PROGRESS=always (one line per step then);
 * SARK_MIGRATE_PROGRESS=never turns it off.
 */
final class Notices implements MigrationListener {

    private static final String PREFIX = "sark-migrate: ";
    private final PrintWriter err;
    private final Predicate<String> shown;
    private final Progress progress;
    private final List<String> seen = new ArrayList<>();
    private boolean progressLineOpen;

    /** How progress is shown. */
    enum Progress {
        OFF, LINES, IN_PLACE;

        static Progress of(Map<String, String> environment, boolean json) {
            String setting = environment.getOrDefault("SARK_MIGRATE_PROGRESS", "auto");
            if (json || setting.equals("never")) {
                return OFF;
            }
            if (setting.equals("always")) {
                return System.console() != null ? IN_PLACE : LINES;
            }
            return System.console() != null ? IN_PLACE : OFF;
        }
    }

    Notices(PrintWriter err) {
        this(err, notice -> true, Progress.OFF);
    }

    Notices(PrintWriter err, Predicate<String> shown, Progress progress) {
        this.err = err;
        this.shown = shown;
        this.progress = progress;
    }

    @Override
    public void message(String message) {
        for (String line : message.split("\\R")) {
            if (line.startsWith(PREFIX) && shown.test(line.substring(PREFIX.length()))) {
                String notice = line.substring(PREFIX.length());
                if (seen.contains(notice)) {
                    continue; // said already in this command (validate applies the changelog twice)
                }
                seen.add(notice);
                endProgressLine();
                err.println("notice: " + notice);
                err.flush();
            }
        }
    }

    @Override
    public void progress(String step) {
        switch (progress) {
            case LINES -> err.println("progress: " + step);
            case IN_PLACE -> {
                err.print("\r\033[K" + step);
                progressLineOpen = true;
            }
            case OFF -> {
                return;
            }
        }
        err.flush();
    }

    /** Clears the progress line, so that what follows starts on a clean line. */
    void endProgressLine() {
        if (progressLineOpen) {
            err.print("\r\033[K");
            err.flush();
            progressLineOpen = false;
        }
    }

    List<String> seen() {
        return List.copyOf(seen);
    }
}
