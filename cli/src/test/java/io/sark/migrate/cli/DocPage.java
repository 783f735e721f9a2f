package io.sark.migrate.cli;

import io.sark.migrate.cli.DocumentedCommands.Command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One page of the docs, whose commands a scenario runs as the page shows them: the exact text, split as a shell splits
 * it, its launcher taken off, in a folder and an environment the scenario sets up, with {@code > FILE} and
 * {@code >> FILE} writing standard output there. What the shown text cannot mean on a test machine is said by the
 * scenario in the open: a variable's value ({@link #variable}), a path a test cannot write replaced by one it can
 * ({@link #replacing}). Each run is checked against the exit code the page promises, and recorded as run.
 */
final class DocPage {

    private static final Pattern VARIABLE = Pattern.compile("\"?\\$([A-Za-z_][A-Za-z0-9_]*)\"?");

    private final String name;
    private final String text;
    private final List<Command> commands;
    private final Set<String> ran;
    private final List<Command> done = new ArrayList<>();
    private final Map<String, String> variables = new HashMap<>();
    private final Map<String, String> replacements = new LinkedHashMap<>();
    private Path folder;
    private int fromLine;
    private Map<String, String> environment = Map.of();

    /** {@code ran}: where the runs are recorded, as {@link #key}s. */
    DocPage(String name, Set<String> ran) {
        this.name = name;
        this.ran = ran;
        Path page = DocumentedCommands.REPOSITORY.resolve(name);
        try {
            this.text = Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.commands = DocumentedCommands.in(page);
    }

    static String key(Command command) {
        return command.page() + ":" + command.line() + " " + command.text();
    }

    /** Runs the commands from {@code folder}, with {@code environment} as their environment variables. */
    DocPage in(Path folder, Map<String, String> environment) {
        this.folder = folder;
        this.environment = environment;
        return this;
    }

    /** {@code $name} and {@code "$name"} in a command are {@code value}, as the shell would expand them. */
    DocPage variable(String name, String value) {
        variables.put(name, value);
        return this;
    }

    /** {@code shown} in a command is run as {@code used} (a path the test cannot have, such as /run/secrets). */
    DocPage replacing(String shown, String used) {
        replacements.put(shown, used);
        return this;
    }

    /** Only the commands below {@code heading} (a line of the page) are run from here on: a scenario that follows that part. */
    DocPage below(String heading) {
        List<String> lines = text.lines().toList();
        int at = lines.indexOf(heading);
        assertThat(at).as(name + " no longer has the heading " + heading).isNotNegative();
        fromLine = at + 1;
        return this;
    }

    /** The page's text. */
    String text() {
        return text;
    }

    /** The first group of {@code pattern} in the page's text: what the page says a command prints. */
    String says(String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as(name + " no longer says " + pattern + ": update the scenario with the page").isTrue();
        return matcher.group(1);
    }

    /** The content of the code block the page labels with a first line {@code # FILE} or {@code -- FILE}, label left out. */
    String file(String file) {
        Matcher block = Pattern.compile("```[a-z]*\\n(?:#|--) " + Pattern.quote(file) + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertThat(block.find()).as(name + " no longer shows " + file).isTrue();
        return block.group(1);
    }

    /** Writes the block the page labels {@code file} into the folder, as a reader would copy it. */
    Path copy(String file) throws IOException {
        return Files.writeString(folder.resolve(file), file(file));
    }

    /** Runs the page's next command (in the page's order, not yet run) whose text is {@code shown}, as the page shows it. */
    Cli.Run run(String shown) {
        Command command = next(shown);
        String line = command.text();
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            line = line.replace(replacement.getKey(), replacement.getValue());
        }
        line = VARIABLE.matcher(line).replaceAll(m -> Matcher.quoteReplacement(quoted(valueOf(command, m.group(1)))));
        List<String> words = new ArrayList<>(DocumentedCommands.arguments(line));
        String redirect = null;
        boolean append = false;
        int arrow = Math.max(words.indexOf(">"), words.indexOf(">>"));
        if (arrow >= 0) {
            append = words.get(arrow).equals(">>");
            redirect = words.get(arrow + 1);
            words = new ArrayList<>(words.subList(0, arrow));
        }
        Cli.Run run = new Cli(folder, environment).run(words.toArray(String[]::new));
        if (redirect != null) {
            try {
                Files.writeString(folder.resolve(redirect), run.out(), StandardOpenOption.CREATE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(run.exitCode()).as(command + " exits as the page says (" + command.promisedExit() + ")\n" + run.out() + run.err())
                .isEqualTo(command.promisedExit());
        ran.add(key(command));
        return run;
    }

    /** The page shows {@code shown} again further on, meaning the run before: it is counted as run. */
    void shownAgain(String shown) {
        ran.add(key(next(shown)));
    }

    private Command next(String shown) {
        for (Command command : commands) {
            if (command.line() > fromLine && command.text().equals(shown) && !done.contains(command)) {
                done.add(command);
                return command;
            }
        }
        throw new AssertionError(name + " shows no " + (done.stream().anyMatch(c -> c.text().equals(shown)) ? "further " : "")
                + "command `" + shown + "`: the page changed; make the scenario follow it");
    }

    private String valueOf(Command command, String variable) {
        String value = variables.get(variable);
        assertThat(value).as(command + " uses $" + variable + ", which the scenario does not give").isNotNull();
        return value;
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
