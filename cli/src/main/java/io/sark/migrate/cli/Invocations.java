package io.sark.migrate.cli;

/**
 * How the user runs a command, for the "run this next" lines: {@code ./sark-migrate revision -m "..."} on the command
 * line, {@code mvn sark-migrate:revision -Dsark-migrate.message="..."} through the Maven plugin.
 */
@FunctionalInterface
public interface Invocations {

    /** The command line, from a checkout. */
    Invocations COMMAND_LINE = (command, arguments) -> "./sark-migrate " + command + (arguments.length == 0 ? "" : " " + String.join(" ", arguments));

    /** What runs {@code command} with {@code arguments}, written as on sark-migrate's command line (options, then values). */
    String of(String command, String... arguments);
}
