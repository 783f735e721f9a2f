package io.sark.migrate.engine.lock;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A batched fill's progress, as it writes it into its session's application_name after each batch (there it is visible
 * to the migration's watch while the fill's one statement runs): "sark-fill PAGE/PAGES ROWS SECONDS TABLE.COLUMN".
 */
final class FillProgress {

    private static final Pattern WRITTEN = Pattern.compile("sark-fill (\\d+)/(\\d+) (\\d+) (\\d+) (.*)");

    private FillProgress() {
    }

    /** The line for people, or empty when {@code applicationName} is no fill's progress. */
    static Optional<String> describe(String applicationName) {
        Matcher m = applicationName == null ? null : WRITTEN.matcher(applicationName);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        long page = Long.parseLong(m.group(1));
        long pages = Math.max(1, Long.parseLong(m.group(2)));
        long rows = Long.parseLong(m.group(3));
        long seconds = Long.parseLong(m.group(4));
        double done = Math.min(1.0, (double) page / pages);
        String left = done <= 0 || seconds == 0 ? "" : ", about " + Math.round(seconds * (1 - done) / done) + " s left";
        return Optional.of(String.format(Locale.ROOT, "sark-migrate: filling %s: %.0f%% of its pages, %,d rows in %d s (%,d rows/s)%s",
                m.group(5), done * 100, rows, seconds, seconds == 0 ? rows : rows / seconds, left));
    }
}
