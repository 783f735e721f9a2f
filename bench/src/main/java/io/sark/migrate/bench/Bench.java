package io.sark.migrate.bench;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.postgres.server.EmbeddedPostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark: sark-migrate beside the alternatives, each run as a whole process, on one embedded PostgreSQL.
 * Prints Markdown tables (and writes them to --out). Run it with ./benchmark from the repository's root after
 * {@code mvn -B -ntp -DskipTests package}.
 *
 * <pre>
 *   ./benchmark                       everything, 5 runs per figure (the median is shown)
 *   ./benchmark --only alembic,cycle     some sections: alembic, generate, scale, cycle, stalls, data, big-tables, hypertables
 *   ./benchmark --quick                  tiny sizes, one run: checks that it works (the smoke test runs this)
 * </pre>
 */
public final class Bench {

    /** Held: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    final Path root;
    final int runs;
    final boolean quick;
    final long rows;
    final StringBuilder report = new StringBuilder();

    private Bench(Path root, int runs, boolean quick, long rows) {
        this.root = root;
        this.runs = runs;
        this.quick = quick;
        this.rows = rows;
    }

    public static void main(String[] args) throws Exception {
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.SEVERE); // the in-process migrations report every changeset otherwise
        int runs = 5;
        boolean quick = false;
        long rows = 5_000_000;
        Set<String> only = new LinkedHashSet<>(List.of("alembic", "generate", "scale", "cycle", "stalls", "data", "big-tables", "hypertables"));
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--quick" -> {
                    quick = true;
                    runs = 1;
                    rows = 20_000;
                }
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("bench: unknown argument " + args[i] + "; use --runs N, --quick, --rows N, --only SECTIONS, --out FILE");
                    System.exit(2);
                }
            }
        }
        Bench bench = new Bench(repositoryRoot(), runs, quick, rows);
        if (!Files.exists(bench.cliJar())) {
            System.err.println("bench: " + bench.cliJar() + " is missing; build first with: mvn -B -ntp -DskipTests package");
            System.exit(2);
        }
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startThrowaway()) {
            bench.machine(server);
            if (only.contains("alembic")) {
                new SideBySide(bench).run(server);
            }
            if (only.contains("generate")) {
                bench.generate(server);
            }
            if (only.contains("scale")) {
                new Scale(bench).run(server);
            }
            if (only.contains("cycle")) {
                bench.cycle(server);
            }
            if (only.contains("stalls")) {
                new Stalls(bench).run(server);
            }
            if (only.contains("data")) {
                new DataChanges(bench).run(server);
            }
            if (only.contains("big-tables")) {
                new BigTables(bench).run(server);
            }
            if (only.contains("hypertables")) {
                new Hypertables(bench).run();
            }
        }
        if (out != null) {
            Files.writeString(out, bench.report);
        }
    }

    /** The repository: the working directory, or its parent when run from a module (as the smoke test is). */
    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("cli/target")) || here.getParent() == null ? here : here.getParent();
    }

    // ---- what is run ----

    Path cliJar() {
        return root.resolve("cli/target/sark-migrate.jar");
    }

    /** The CLI's class path, spelled the same way every time (class-data sharing needs that). */
    String cliClassPath(Path... extra) throws IOException {
        return classPath(cliJar(), root.resolve("cli/target/lib"), extra);
    }

    String benchClassPath(Path... extra) throws IOException {
        return classPath(root.resolve("bench/target/sark-migrate-bench.jar"), root.resolve("bench/target/lib"), extra);
    }

    private static String classPath(Path jar, Path lib, Path... extra) throws IOException {
        List<String> entries = new ArrayList<>(List.of(jar.toString()));
        try (Stream<Path> jars = Files.list(lib)) {
            entries.addAll(jars.map(Path::toString).filter(p -> p.endsWith(".jar")).sorted().toList());
        }
        for (Path p : extra) {
            entries.add(p.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** {@code java [jvmOptions] -cp CLASSPATH io.sark.migrate.cli.SarkMigrate args...}, as ./sark-migrate runs it. */
    List<String> sarkMigrate(List<String> jvmOptions, String classPath, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "io.sark.migrate.cli.SarkMigrate"));
        command.addAll(List.of(args));
        return command;
    }

    List<String> benchMain(String mainClass, String classPath, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * {@code runs} runs of {@code command} with {@code environment}, each required to succeed and, when {@code says}
     * is given, to print it (so that a harness that does no work is not timed); {@code before} runs before each.
     */
    Processes.Median measure(Map<String, String> environment, String what, String says, List<String> command, Runnable before) throws Exception {
        List<Processes.Sample> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            before.run();
            Processes.Sample sample = Processes.run(root, environment, command).requireSuccess(what);
            if (says != null && !(sample.out() + sample.err()).contains(says)) {
                throw new IllegalStateException(what + " did not say '" + says + "': " + sample.out() + sample.err());
            }
            samples.add(sample);
        }
        return Processes.Median.of(samples);
    }

    Processes.Median measure(Map<String, String> environment, String what, String says, List<String> command) throws Exception {
        return measure(environment, what, says, command, () -> { });
    }

    Processes.Median measure(String what, List<String> command) throws Exception {
        List<Processes.Sample> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            samples.add(Processes.run(root, Map.of(), command).requireSuccess(what));
        }
        return Processes.Median.of(samples);
    }

    /** As {@link #measure}, for another tool, which may fail: then the time is until it failed. */
    Processes.Median measureTool(List<String> command) throws Exception {
        List<Processes.Sample> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            samples.add(Processes.run(root, Map.of(), command));
        }
        return Processes.Median.of(samples);
    }

    /** What a tool's run came to: the changes it proposes, or how it failed. */
    static String outcome(Processes.Sample run, String kind) {
        if (run.exitCode() == 0) {
            return changes(run.out(), kind);
        }
        List<String> lines = run.err().lines().map(String::strip).toList();
        String failure = lines.stream().filter(l -> l.startsWith("Exception in thread")).findFirst()
                .orElse(lines.stream().filter(l -> l.contains("Exception") && !l.startsWith("at ")).reduce((a, b) -> b).orElse("exit " + run.exitCode()));
        return "failed: " + failure.replaceFirst("^Exception in thread \"main\" ", "").replace("|", "/");
    }

    String changelogRoot() {
        return root.resolve("migrations/src/main/resources").toString();
    }

    /** A new database on the server, with the project's changelog applied to head when asked. */
    String database(EmbeddedPostgresServer server, String name, boolean atHead) throws Exception {
        if (server.databaseExists(name)) {
            server.dropDatabase(name);
        }
        server.createDatabase(name);
        if (atHead) {
            try (Migrator migrator = Migrator.open(server.connect(name), Changelog.inDirectory(Path.of(changelogRoot())))) {
                migrator.upgradeToHead();
            }
        }
        return server.jdbcUrl(name);
    }

    // ---- the report ----

    void heading(String text) {
        print("\n## " + text + "\n");
    }

    void print(String text) {
        System.out.println(text);
        System.out.flush();
        report.append(text).append('\n');
    }

    void table(List<String> header, List<List<String>> rows) {
        print("| " + String.join(" | ", header) + " |");
        print("|" + header.stream().map(h -> " --- ").collect(Collectors.joining("|")) + "|");
        for (List<String> row : rows) {
            print("| " + String.join(" | ", row) + " |");
        }
    }

    private void machine(EmbeddedPostgresServer server) throws Exception {
        String memory = Files.exists(Path.of("/proc/meminfo"))
                ? Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ") : "n/a";
        String postgres;
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            postgres = rs.getString(1);
        }
        print("# sark-migrate benchmark" + (quick ? " (--quick: tiny sizes, one run; not figures to quote)" : ""));
        print("");
        print("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + memory + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        print("- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        print("- PostgreSQL: " + postgres + " (embedded, zonky binaries)");
        print("- each figure: the median of " + runs + " run(s), each a whole process (start-up included); memory is the peak resident set (VmHWM)");
    }

    // ---- section 1: generate on SARK's model ----

    private void generate(EmbeddedPostgresServer server) throws Exception {
        heading("Generate on SARK's model (9 entities), nothing to change");
        String url = database(server, "bench_generate", true);
        String cli = cliClassPath();
        String alternatives = benchClassPath();
        List<List<String>> rows = new ArrayList<>();

        Processes.Median live = measure("revision --autogenerate (live)", sarkMigrate(List.of(), cli,
                "revision", "-m", "bench", "--autogenerate", "--sql", "--url", url, "--changelog-root", changelogRoot()));
        rows.add(List.of("sark-migrate `revision --autogenerate`, against the database", live.wall(), live.peak(), changes(live.last().out(), "sark")));
        Processes.Median shadow = measure("revision --autogenerate (shadow)", sarkMigrate(List.of(), cli,
                "revision", "-m", "bench", "--autogenerate", "--sql", "--changelog-root", changelogRoot()));
        rows.add(List.of("sark-migrate `revision --autogenerate`, shadow database (starts its own PostgreSQL)", shadow.wall(), shadow.peak(),
                changes(shadow.last().out(), "sark")));
        Processes.Median diff = measureTool(benchMain(LiquibaseHibernateDiff.class.getName(), alternatives, url));
        rows.add(List.of("liquibase-hibernate6 4.33 `diffChangeLog`", diff.wall(), diff.peak(), outcome(diff.last(), "liquibase")));
        requireHibernateDoesWork(server, alternatives, null, 9);
        Processes.Median update = measureTool(benchMain(HibernateSchemaUpdate.class.getName(), alternatives, url));
        rows.add(List.of("Hibernate ORM 6.6 schema update (script)", update.wall(), update.peak(), outcome(update.last(), "sql")));
        table(List.of("tool", "wall (median)", "peak memory", "changes it proposes (0 is right)"), rows);
    }

    /**
     * The Hibernate harness must do schema work before it is timed: against an empty database it prints a CREATE TABLE
     * for each of the model's {@code tables} (it once printed nothing, Hibernate ignoring the setting it used).
     */
    void requireHibernateDoesWork(EmbeddedPostgresServer server, String classPath, String entityList, int tables) throws Exception {
        String empty = database(server, "bench_hibernate_empty", false);
        List<String> command = entityList == null ? benchMain(HibernateSchemaUpdate.class.getName(), classPath, empty)
                : benchMain(HibernateSchemaUpdate.class.getName(), classPath, empty, entityList);
        Processes.Sample run = Processes.run(root, Map.of(), command).requireSuccess("Hibernate schema update on an empty database");
        long creates = run.out().lines().filter(l -> l.strip().toLowerCase(java.util.Locale.ROOT).startsWith("create table")).count();
        if (creates < tables) {
            throw new IllegalStateException("The Hibernate harness does no schema work: against an empty database it wrote " + creates
                    + " CREATE TABLE statement(s) for " + tables + " tables");
        }
    }

    /** How many changes a tool's output proposes: sark-migrate's changesets, Liquibase's, or SQL statements. */
    static String changes(String output, String kind) {
        long n = switch (kind) {
            case "sark" -> output.contains("No changes:") ? 0 : output.lines().filter(l -> l.startsWith("-- Changeset ")).count();
            case "liquibase" -> output.lines().filter(l -> l.strip().startsWith("- changeSet:")).count();
            default -> output.lines().filter(l -> l.strip().endsWith(";")).count();
        };
        return String.valueOf(n);
    }

    // ---- section 3: upgrade and downgrade, start-up ----

    private void cycle(EmbeddedPostgresServer server) throws Exception {
        heading("Upgrade head, then downgrade base, of all revisions on an empty database");
        String url = database(server, "bench_cycle", false);
        String cli = cliClassPath();
        Path archive = root.resolve("bench/target/sark-migrate.jsa");
        Files.deleteIfExists(archive);
        // Class-data sharing: an archive of the classes one upgrade loads, written once, read by every later start.
        Processes.run(root, Map.of(), sarkMigrate(List.of("-XX:ArchiveClassesAtExit=" + archive), cli,
                "upgrade", "--url", url, "--changelog-root", changelogRoot())).requireSuccess("training run");
        Processes.run(root, Map.of(), sarkMigrate(List.of(), cli, "downgrade", "base", "--url", url, "--changelog-root", changelogRoot()))
                .requireSuccess("downgrade after the training run");
        Map<String, List<String>> variants = new java.util.LinkedHashMap<>();
        variants.put("default JVM", List.of());
        if (!quick) { // the smoke test (--quick) runs one variant of each kind: a flag, and the archive
            variants.put("-XX:TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1"));
        }
        variants.put("AppCDS archive", List.of("-XX:SharedArchiveFile=" + archive));
        if (!quick) {
            variants.put("AppCDS + TieredStopAtLevel=1", List.of("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1"));
        }

        List<List<String>> rows = new ArrayList<>();
        for (var variant : variants.entrySet()) {
            List<Processes.Sample> up = new ArrayList<>();
            List<Processes.Sample> down = new ArrayList<>();
            List<Processes.Sample> current = new ArrayList<>();
            List<Processes.Sample> version = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                up.add(Processes.run(root, Map.of(), sarkMigrate(variant.getValue(), cli, "upgrade", "--url", url, "--changelog-root",
                        changelogRoot())).requireSuccess("upgrade"));
                current.add(Processes.run(root, Map.of(), sarkMigrate(variant.getValue(), cli, "current", "--url", url, "--changelog-root",
                        changelogRoot())).requireSuccess("current"));
                down.add(Processes.run(root, Map.of(), sarkMigrate(variant.getValue(), cli, "downgrade", "base", "--url", url,
                        "--changelog-root", changelogRoot())).requireSuccess("downgrade"));
                version.add(Processes.run(root, Map.of(), sarkMigrate(variant.getValue(), cli, "--version")).requireSuccess("--version"));
            }
            Processes.Median u = Processes.Median.of(up);
            Processes.Median d = Processes.Median.of(down);
            Processes.Median c = Processes.Median.of(current);
            Processes.Median v = Processes.Median.of(version);
            rows.add(List.of(variant.getKey(), v.wall(), u.wall(), d.wall(), String.format("%.2f s", (u.wallMillis() + d.wallMillis()) / 1000.0),
                    c.wall(), u.peak()));
        }
        table(List.of("JVM", "start-up (--version)", "upgrade head", "downgrade base", "cycle", "current", "peak memory (upgrade)"), rows);
    }
}
