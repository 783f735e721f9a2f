package io.sark.migrate.maven;

import io.sark.migrate.cli.Invocations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The "run this next" lines as the plugin's user runs them: {@code mvn sark-migrate:GOAL} with the options the line
 * names as the goal's properties. An option the plugin has no property for is passed as the goal's
 * {@code <options>} would take it, which the line says.
 */
final class MavenInvocations implements Invocations {

    /** Options that take a value, by their plugin property. */
    private static final Map<String, String> VALUED = Map.of("-m", "message", "--message", "message", "--since", "since",
            "--author", "author", "--contexts", "contexts", "--url", "url");
    /** Options without a value, by their plugin property; autogenerate is the plugin's default. */
    private static final Map<String, String> FLAGS = Map.of("--report", "report", "--sql", "sql", "--json", "json",
            "--allow-data-loss", "allowDataLoss", "--keep-extras", "keepExtras", "--verbose", "verbose");

    /** The plugin's goals: what it can run (accept-edit, unlock and adopt are sark-migrate's command line's only). */
    private static final java.util.Set<String> GOALS = java.util.Set.of("check", "revision", "upgrade", "downgrade", "current",
            "history", "lint", "validate");

    @Override
    public boolean runs(String command) {
        return GOALS.contains(command);
    }

    /** The goal's configuration in the POM gives the next goal the same changelog, entities and database again. */
    @Override
    public boolean repeatsGivenOptions() {
        return false;
    }

    @Override
    public String of(String command, String... arguments) {
        List<String> words = new ArrayList<>(List.of("mvn", "sark-migrate:" + command));
        for (int i = 0; i < arguments.length; i++) {
            String argument = arguments[i];
            if (VALUED.containsKey(argument) && i + 1 < arguments.length) {
                words.add("-Dsark-migrate." + VALUED.get(argument) + "=" + arguments[++i]);
            } else if (FLAGS.containsKey(argument)) {
                words.add("-Dsark-migrate." + FLAGS.get(argument) + "=true");
            } else if (argument.equals("--autogenerate")) {
                continue;
            } else if (!argument.startsWith("-")) {
                words.add("-Dsark-migrate.target=" + argument);
            } else {
                words.add("(with " + argument + " in the goal's <options>)");
            }
        }
        return String.join(" ", words);
    }
}
