package io.sark.migrate.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator module's packages depend on each other one way, as the README's design section draws them: the
 * schema model depends on nothing, the diff on the model, the catalog and entity readers on the model, the engine on
 * PostgreSQL access, lint on the engine's changelog, and the generator on all of them. A new import against that
 * direction (a cycle, in the end) fails here, naming the file.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "io", "sark", "migrate");

    /** What each package may use, besides itself (and the entities' model module). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "errors", Set.of(),
            "files", Set.of(),
            "schema", Set.of(),
            "diff", Set.of("schema"),
            "postgres", Set.of("errors", "files", "schema"),
            "hibernate", Set.of("errors", "postgres", "schema"),
            "engine", Set.of("errors", "postgres", "schema", "diff", "files"),
            "lint", Set.of("errors", "engine", "postgres", "schema"),
            "generate", Set.of("errors", "files", "schema", "diff", "postgres", "hibernate", "engine", "lint"));

    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.sark\\.migrate\\.([a-z]+)\\.");

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        Map<String, Set<String>> violations = new TreeMap<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = SOURCES.relativize(file).getName(0).toString();
                packages.add(from);
                for (String line : Files.readAllLines(file)) {
                    String code = line.strip();
                    if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                        continue;
                    }
                    Matcher m = REFERENCE.matcher(code);
                    while (m.find()) {
                        String to = m.group(1);
                        if (!to.equals(from) && !to.equals("model") && !ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
                            violations.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(SOURCES.relativize(file).toString());
                        }
                    }
                }
            }
        }

        assertThat(violations).as("imports against the direction").isEmpty();
        assertThat(ALLOWED.keySet()).as("every package has its place").containsAll(packages);
    }
}
