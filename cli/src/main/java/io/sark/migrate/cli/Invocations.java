package io.sark.migrate.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * How the user runs a command, for the "run this next" lines: {@code ./sark-migrate revision -m "..."} on the command
 * line, {@code mvn sark-migrate:revision -Dsark-migrate.message="..."} through the Maven plugin.
 */
@FunctionalInterface
public interface Invocations {

    /** Set by the launchers (./sark-migrate, bin/sark-migrate) to the name they were run by. */
    String LAUNCHER_PROPERTY = "sark.migrate.launcher";

    /** The command line, as the user ran it: the launcher's name as they typed it ({@code ./sark-migrate} without one). */
    Invocations COMMAND_LINE = (command, arguments) -> word(System.getProperty(LAUNCHER_PROPERTY, "./sark-migrate")) + " " + command
            + (arguments.length == 0 ? "" : " " + String.join(" ", arguments));

    /** What runs {@code command} with {@code arguments}, written as on sark-migrate's command line (options, then values). */
    String of(String command, String... arguments);

    /**
     * As {@link #of(String, String...)}, with {@code given} after {@code arguments}: the options the user gave, which the
     * next command needs again (unless they are given again by themselves, {@link #repeatsGivenOptions()}).
     */
    default String of(String command, List<String> given, String... arguments) {
        if (!repeatsGivenOptions()) {
            return of(command, arguments);
        }
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(given);
        return of(command, all.toArray(String[]::new));
    }

    /** Whether this way of running sark-migrate has {@code command} (the Maven plugin has some of the commands as goals). */
    default boolean runs(String command) {
        return true;
    }

    /** Whether the next command needs the options the user gave repeated on its line (a Maven goal reads them from the POM). */
    default boolean repeatsGivenOptions() {
        return true;
    }

    /** {@code value} as one word of a POSIX shell's command line: as it is when it needs no quoting, else in single quotes. */
    static String word(String value) {
        return value.matches("[A-Za-z0-9_@%+=:,./-]+") ? value : "'" + value.replace("'", "'\\''") + "'";
    }
}
