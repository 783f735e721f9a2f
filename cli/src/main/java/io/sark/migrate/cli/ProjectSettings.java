package io.sark.migrate.cli;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * A project's settings, given once instead of on every command: {@value #FILE} at the project root (the folder
 * sark-migrate runs in), whose keys are the commands' long options without their dashes ({@code changelog},
 * {@code entities-package}, {@code classpath}, {@code spring-config}, {@code keep-extras}, {@code author},
 * {@code contexts}, ...), and Liquibase's own {@code liquibase.properties} ({@code changeLogFile}, {@code url}) where
 * it is present. The command line overrides both, and {@value #FILE} overrides {@code liquibase.properties}. Paths are
 * relative to the file's folder. A key no command has, or a value that is not a value, is one usage line naming it,
 * decided before anything runs.
 */
final class ProjectSettings implements CommandLine.IDefaultValueProvider {

    static final String FILE = "sark-migrate.yaml";
    static final String LIQUIBASE_FILE = "liquibase.properties";

    private final Path folder;
    private final Map<String, Object> values;
    private final String error;

    private ProjectSettings(Path folder, Map<String, Object> values, String error) {
        this.folder = folder;
        this.values = values;
        this.error = error;
    }

    /** The settings of the project in {@code folder}; none when neither file is there. */
    static ProjectSettings in(Path folder, Map<String, OptionSpec> options) {
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            Path liquibase = folder.resolve(LIQUIBASE_FILE);
            if (Files.isRegularFile(liquibase)) {
                Properties properties = new Properties();
                try (InputStream in = Files.newInputStream(liquibase)) {
                    properties.load(in);
                }
                putIfPresent(values, "changelog", properties.getProperty("changeLogFile"));
                putIfPresent(values, "url", properties.getProperty("url"));
            }
            Path file = folder.resolve(FILE);
            if (Files.isRegularFile(file)) {
                values.putAll(read(file, options));
            }
            return new ProjectSettings(folder, values, null);
        } catch (SettingsError e) {
            return new ProjectSettings(folder, Map.of(), e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return new ProjectSettings(folder, Map.of(), "cannot read the project's settings in " + folder + ": " + e.getMessage());
        }
    }

    /** The keys the settings give (long options without their dashes); none when the file is wrong. */
    Set<String> given() {
        return error == null ? Set.copyOf(values.keySet()) : Set.of();
    }

    private static void putIfPresent(Map<String, Object> values, String key, String value) {
        if (value != null && !value.isBlank()) {
            values.put(key, value.strip());
        }
    }

    private static Map<String, Object> read(Path file, Map<String, OptionSpec> options) throws IOException {
        Object document;
        try (InputStream in = Files.newInputStream(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (MarkedYAMLException e) {
            throw new SettingsError(file + " line " + (e.getProblemMark().getLine() + 1) + ": not YAML (" + e.getProblem() + ").");
        } catch (YAMLException e) {
            throw new SettingsError(file + ": not YAML (" + e.getMessage() + ").");
        }
        if (document == null) {
            return Map.of();
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new SettingsError(file + ": write the settings as 'option: value' lines, one per option (changelog: ..., entities-package: ...).");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey()).strip().replaceFirst("^--", "");
            if (!options.containsKey(key)) {
                throw new SettingsError(file + ": no option --" + key + closest(key, options.keySet()) + "; the keys are the commands' options"
                        + " without their dashes (sark-migrate COMMAND --help lists them).");
            }
            if (entry.getValue() instanceof List<?> several && several.size() > 1 && options.get(key).splitRegex().isEmpty()) {
                throw new SettingsError(file + ": " + key + " takes one value, not a list.");
            }
            Object value = entry.getValue();
            boolean scalars = value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String || v instanceof Number || v instanceof Boolean);
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean || scalars)) {
                throw new SettingsError(file + ": " + key + " takes a value or a list of values, not " + (value == null ? "nothing" : "a map") + ".");
            }
            values.put(key, value);
        }
        return values;
    }

    private static String closest(String key, Set<String> options) {
        String best = null;
        int distance = Integer.MAX_VALUE;
        for (String option : options) {
            int d = levenshtein(key, option);
            if (d < distance) {
                distance = d;
                best = option;
            }
        }
        return best != null && distance <= 3 ? " (did you mean " + best + "?)" : "";
    }

    private static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            previous = current;
        }
        return previous[b.length()];
    }

    /** What is wrong with the files, in one line; null when they can be used. */
    String error() {
        return error;
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option) || error != null) {
            return null;
        }
        Object value = values.get(option.longestName().replaceFirst("^--", ""));
        if (value == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            items.add(isPath(option) ? folder.resolve(String.valueOf(item)).normalize().toString() : String.valueOf(item));
        }
        return String.join(",", items);
    }

    private static boolean isPath(OptionSpec option) {
        Class<?>[] auxiliary = option.auxiliaryTypes();
        return option.type() == Path.class || auxiliary.length > 0 && auxiliary[0] == Path.class;
    }

    /** Every long option of every command, without its dashes: the keys a settings file may use. */
    static Map<String, OptionSpec> optionsOf(CommandLine all) {
        Map<String, OptionSpec> names = new TreeMap<>();
        List<CommandLine> pending = new ArrayList<>(List.of(all));
        while (!pending.isEmpty()) {
            CommandLine command = pending.remove(pending.size() - 1);
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.longestName().startsWith("--") && !option.usageHelp() && !option.versionHelp()) {
                    names.putIfAbsent(option.longestName().substring(2), option);
                }
            }
            pending.addAll(command.getSubcommands().values());
        }
        return names;
    }

    private static final class SettingsError extends RuntimeException {
        SettingsError(String message) {
            super(message);
        }
    }
}
