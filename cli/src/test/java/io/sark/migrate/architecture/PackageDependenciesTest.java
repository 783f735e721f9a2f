package io.sark.migrate.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Modules and packages depend on each other one way, as the README's design section draws them. Maven already refuses
 * an import from a module that is not a dependency; this holds the packages inside the modules to their direction
 * too, and each package to the module its name belongs in. A new import against that direction (a cycle, in the end)
 * fails here, naming the file.
 */
class PackageDependenciesTest {

    private static final Path ROOT = Path.of("..");

    /** Which module holds each package. */
    private static final Map<String, String> MODULE_OF = new LinkedHashMap<>();

    static {
        for (String p : Set.of("diagnostics", "errors", "files", "schema", "changes", "postgres", "engine")) {
            MODULE_OF.put(p, "engine");
        }
        MODULE_OF.put("lint", "lint");
        MODULE_OF.put("report", "report");
        for (String p : Set.of("diff", "hibernate", "generate")) {
            MODULE_OF.put(p, "generator");
        }
        MODULE_OF.put("cli", "cli");
        MODULE_OF.put("gate", "junit-gate");
        MODULE_OF.put("maven", "maven-plugin");
    }

    /** What each package may use, besides itself (and the entities' model module). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("diagnostics", Set.of()),
            Map.entry("errors", Set.of("diagnostics")),
            Map.entry("files", Set.of("diagnostics", "errors")),
            Map.entry("schema", Set.of("diagnostics")),
            Map.entry("changes", Set.of("diagnostics", "errors", "schema")),
            Map.entry("postgres", Set.of("diagnostics", "errors", "files", "schema")),
            Map.entry("engine", Set.of("diagnostics", "errors", "files", "schema", "changes", "postgres")),
            Map.entry("lint", Set.of("diagnostics", "errors", "schema", "changes", "postgres", "engine")),
            Map.entry("report", Set.of("schema", "changes", "engine", "lint")),
            Map.entry("diff", Set.of("diagnostics", "schema")),
            Map.entry("hibernate", Set.of("diagnostics", "errors", "files", "postgres", "schema")),
            Map.entry("generate", Set.of("diagnostics", "errors", "files", "schema", "changes", "postgres", "engine", "lint", "diff", "hibernate")),
            Map.entry("cli", Set.of("diagnostics", "errors", "files", "schema", "changes", "postgres", "engine", "lint", "report", "diff", "hibernate", "generate")),
            Map.entry("gate", Set.of("diagnostics", "errors", "schema", "postgres", "engine", "diff", "hibernate", "generate")),
            // the plugin is a shell over the command line's commands, and nothing else
            Map.entry("maven", Set.of("cli")));

    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.sark\\.migrate\\.([a-z]+)\\.");

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        Map<String, Set<String>> violations = new TreeMap<>();
        Set<String> packages = new TreeSet<>();
        for (String module : Set.of("engine", "lint", "report", "generator", "cli", "junit-gate", "maven-plugin")) {
            Path sources = ROOT.resolve(module).resolve(Path.of("src", "main", "java", "io", "sark", "migrate"));
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String from = sources.relativize(file).getName(0).toString();
                    String where = module + "/" + sources.relativize(file);
                    packages.add(from);
                    if (!module.equals(MODULE_OF.get(from))) {
                        violations.computeIfAbsent("package " + from + " belongs in " + MODULE_OF.get(from), k -> new TreeSet<>()).add(where);
                    }
                    for (String line : Files.readAllLines(file)) {
                        String code = line.strip();
                        if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                            continue;
                        }
                        Matcher m = REFERENCE.matcher(code);
                        while (m.find()) {
                            String to = m.group(1);
                            if (!to.equals(from) && !to.equals("model") && !ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
                                violations.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(where);
                            }
                        }
                    }
                }
            }
        }

        assertThat(violations).as("imports against the direction").isEmpty();
        assertThat(ALLOWED.keySet()).as("every package has its place").containsAll(packages);
        assertThat(MODULE_OF.keySet()).as("every package has its module").containsAll(packages);
    }

    /**
     * Inside {@code engine}, the packages are layers too: the changelog as files at the bottom, the lock beside it (it is
     * given a connection and whether Ctrl-C came, not Liquibase), the guards over the changelog, Liquibase's session over
     * both, and {@code engine} itself, the facade and its runs, on top, the only one that may use them all.
     */
    private static final Map<String, Set<String>> ENGINE_LAYERS = Map.of(
            "changelog", Set.of(),
            "lock", Set.of(),
            "guard", Set.of("changelog"),
            "session", Set.of("changelog", "lock"));

    private static final Pattern ENGINE_REFERENCE = Pattern.compile("\\bio\\.sark\\.migrate\\.engine\\.(?:([a-z]+)\\.)?[A-Z]");

    @Test
    void theEnginesPackagesUseOnlyThoseBelowThem() throws IOException {
        Path engine = ROOT.resolve(Path.of("engine", "src", "main", "java", "io", "sark", "migrate", "engine"));
        Map<String, Set<String>> violations = new TreeMap<>();
        Set<String> packages = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(engine)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String from = dir.getFileName().toString();
                packages.add(from);
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        for (String line : Files.readAllLines(file)) {
                            String code = line.strip();
                            if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                                continue;
                            }
                            Matcher m = ENGINE_REFERENCE.matcher(code);
                            while (m.find()) {
                                String to = m.group(1) == null ? "engine" : m.group(1);
                                if (!to.equals(from) && !ENGINE_LAYERS.getOrDefault(from, Set.of()).contains(to)) {
                                    violations.computeIfAbsent("engine." + from + " -> " + to, k -> new TreeSet<>())
                                            .add(file.getFileName().toString());
                                }
                            }
                        }
                    }
                }
            }
        }

        assertThat(violations).as("engine packages that use one above them").isEmpty();
        assertThat(ENGINE_LAYERS.keySet()).as("every engine package has its layer").containsAll(packages);
    }

    /**
     * Package {@code hibernate} is shared with the class loader of an application's own Hibernate
     * ({@code ApplicationHibernate}): its classes are sark-migrate's there too, so none may use Hibernate's classes,
     * which would be sark-migrate's 6.6 beside the application's. Only {@code hibernate.mapping}, defined in that loader
     * for itself, does.
     */
    @Test
    void theSharedSideOfTheHibernatePackageUsesNoHibernateClass() throws IOException {
        Path shared = ROOT.resolve(Path.of("generator", "src", "main", "java", "io", "sark", "migrate", "hibernate"));
        List<String> users = new ArrayList<>();
        try (Stream<Path> files = Files.list(shared)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import org.hibernate.")
                        || line.startsWith("import io.sark.migrate.hibernate.mapping."))) {
                    users.add(file.getFileName().toString());
                }
            }
        }
        assertThat(users).as("shared classes that import Hibernate or the mapping package").isEmpty();
    }

    private static final Pattern INLINE_NAME = Pattern.compile("(?<![\\w.@\"])(io\\.sark\\.migrate\\.(?:[a-z_]\\w*\\.)+)([A-Z]\\w*)");
    private static final Pattern IMPORT = Pattern.compile("^import ([\\w.]+)\\.(\\w+);$");

    /**
     * Code names sark-migrate's own classes by import, not inline ({@code io.sark.migrate.changes.Fact} in the middle of
     * a statement hides what a class depends on from its import list): an inline name is allowed only where the simple
     * name is taken by another class (imported, or in the same package).
     */
    @Test
    void ownClassesAreImportedNotNamedInline() throws IOException {
        Map<String, Set<String>> inline = new TreeMap<>();
        for (String module : Set.of("engine", "lint", "report", "generator", "cli", "junit-gate", "maven-plugin")) {
            Path sources = ROOT.resolve(module).resolve(Path.of("src", "main", "java"));
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(file);
                    Map<String, String> imported = new TreeMap<>();
                    for (String line : lines) {
                        Matcher m = IMPORT.matcher(line);
                        if (m.matches()) {
                            imported.put(m.group(2), m.group(1) + "." + m.group(2));
                        }
                    }
                    Set<String> samePackage = new TreeSet<>();
                    try (Stream<Path> siblings = Files.list(file.getParent())) {
                        siblings.forEach(f -> samePackage.add(f.getFileName().toString().replaceFirst("\\.java$", "")));
                    }
                    for (int i = 0; i < lines.size(); i++) {
                        String code = lines.get(i).strip();
                        if (code.startsWith("import ") || code.startsWith("package ") || code.startsWith("*") || code.startsWith("/*")
                                || code.startsWith("//")) {
                            continue;
                        }
                        Matcher m = INLINE_NAME.matcher(code.replaceAll("\"(?:\\\\.|[^\"\\\\])*\"", "\"\""));
                        while (m.find()) {
                            String name = m.group(2);
                            String taken = imported.get(name);
                            boolean clash = taken != null && !taken.equals(m.group(1) + name) || samePackage.contains(name);
                            if (!clash) {
                                inline.computeIfAbsent(module + "/" + sources.relativize(file), k -> new TreeSet<>()).add((i + 1) + ": " + m.group());
                            }
                        }
                    }
                }
            }
        }

        assertThat(inline).as("inline fully-qualified names of sark-migrate's classes (import them)").isEmpty();
    }
}
