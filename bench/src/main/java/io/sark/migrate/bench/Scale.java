package io.sark.migrate.bench;

import io.sark.migrate.postgres.server.EmbeddedPostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Section 2: synthetic models of growing size (each entity with an index, a foreign key and an enum column), in a
 * database that holds them plus unrelated tables. Generating against it should grow with the model, and not with
 * the tables that are not the model's.
 */
final class Scale {

    private static final int UNRELATED = 200;
    private final Bench bench;

    Scale(Bench bench) {
        this.bench = bench;
    }

    void run(EmbeddedPostgresServer server) throws Exception {
        bench.heading("Scale: synthetic models, in a database with " + UNRELATED + " unrelated tables as well");
        List<Integer> sizes = bench.quick ? List.of(3) : List.of(10, 100, 500, 2000);
        List<List<String>> rows = new ArrayList<>();
        for (int size : sizes) {
            Model model = Model.write(bench.root.resolve("bench/target/synthetic"), size, bench.cliClassPath());
            // the middle size with and without the unrelated tables; under --quick (the smoke test) only with them
            for (int unrelated : size == sizes.get(sizes.size() / 2) && !bench.quick ? List.of(0, UNRELATED) : List.of(UNRELATED)) {
                String url = prepare(server, model, unrelated);
                // Cold: the entities' cache emptied before each run, so Hibernate reads them and PostgreSQL builds their
                // schema. Warm: what the cold runs kept, as a developer's second run after an unchanged build.
                Path cache = bench.root.resolve("bench/target/entity-cache-" + size);
                List<String> generate = bench.sarkMigrate(List.of("-Dsark.migrate.entity-cache-dir=" + cache),
                        bench.cliClassPath(model.classes()), "revision", "-m", "bench", "--autogenerate", "--sql",
                        "--entities", model.listClass(), "--url", url, "--changelog-root", model.changelog().toString());
                Processes.Median cold = bench.measure(java.util.Map.of(), "revision --autogenerate, " + size + " entities, cold", null,
                        generate, () -> io.sark.migrate.files.Folders.deleteRecursively(cache));
                long kept;
                try (var entries = Files.list(cache)) {
                    kept = entries.filter(f -> f.toString().endsWith(".model") || f.toString().endsWith(".schema")).count();
                }
                if (kept != 2) {
                    throw new IllegalStateException("the cold run kept " + kept + " entries in " + cache + ", not the model and its schema");
                }
                Processes.Median sark = bench.measure("revision --autogenerate, " + size + " entities, warm", generate);
                // liquibase-hibernate6 takes minutes past 500 entities (3.2 times sark-migrate's time at 500): left out there.
                Processes.Median lh = size > 500 ? null : bench.measureTool(bench.benchMain(LiquibaseHibernateDiff.class.getName(),
                        bench.benchClassPath(model.classes()), url, model.listClass()));
                bench.requireHibernateDoesWork(server, bench.benchClassPath(model.classes()), model.listClass(), size);
                Processes.Median hibernate = bench.measureTool(bench.benchMain(HibernateSchemaUpdate.class.getName(),
                        bench.benchClassPath(model.classes()), url, model.listClass()));
                rows.add(List.of(String.valueOf(size), String.valueOf(unrelated),
                        sark.wall() + ", " + sark.peak() + ", " + Bench.outcome(sark.last(), "sark"),
                        cold.wall() + ", " + cold.peak() + ", " + Bench.outcome(cold.last(), "sark"),
                        lh == null ? "not run (past 500 entities)" : lh.wall() + ", " + lh.peak() + ", " + Bench.outcome(lh.last(), "liquibase"),
                        hibernate.wall() + ", " + hibernate.peak() + ", " + Bench.outcome(hibernate.last(), "sql")));
            }
        }
        bench.table(List.of("entities", "unrelated tables", "sark-migrate, entities cached: wall, memory, changes",
                "sark-migrate, cache empty: wall, memory, changes", "liquibase-hibernate6: wall, memory, changes",
                "Hibernate update: wall, memory, statements"), rows);
    }

    /** A database holding the model's tables (made by sark-migrate from the entities) and {@code unrelated} others. */
    private String prepare(EmbeddedPostgresServer server, Model model, int unrelated) throws Exception {
        String name = "bench_scale_" + model.size() + "_" + unrelated;
        String url = bench.database(server, name, false);
        String cp = bench.cliClassPath(model.classes());
        String root = model.changelog().toString();
        Processes.run(bench.root, java.util.Map.of(), bench.sarkMigrate(List.of(), cp, "upgrade", "--url", url, "--changelog-root", root))
                .requireSuccess("upgrade to 000_base");
        if (!Files.exists(model.changelog().resolve("db/changelog/001_model.yaml"))) {
            Processes.run(bench.root, java.util.Map.of(), bench.sarkMigrate(List.of(), cp, "revision", "-m", "model", "--autogenerate",
                    "--entities", model.listClass(), "--url", url, "--changelog-root", root)).requireSuccess("revision of the model");
        }
        Processes.run(bench.root, java.util.Map.of(), bench.sarkMigrate(List.of(), cp, "upgrade", "--url", url, "--changelog-root", root))
                .requireSuccess("upgrade of the model");
        try (Connection c = server.connect(name); Statement s = c.createStatement()) {
            for (int i = 1; i <= unrelated; i++) {
                s.execute("CREATE TABLE other_" + i + " (id bigint PRIMARY KEY, label varchar(80) NOT NULL, amount numeric(12, 2),"
                        + " created_at timestamptz NOT NULL DEFAULT now()" + (i > 1 ? ", previous_id bigint REFERENCES other_" + (i - 1) + " (id)" : "")
                        + ", note text)");
                s.execute("CREATE INDEX ix_other_" + i + "_label ON other_" + i + " (label)");
            }
        }
        return url;
    }

    /** A synthetic model on disk: sources compiled to classes, and a changelog with an empty first revision. */
    record Model(int size, Path classes, Path changelog) {

        String listClass() {
            return "bench.synthetic.Model" + size;
        }

        static Model write(Path base, int size, String classPath) throws Exception {
            Path dir = base.resolve("model-" + size);
            Path src = dir.resolve("src/bench/synthetic");
            Path classes = dir.resolve("classes");
            Path changelog = dir.resolve("changelog");
            io.sark.migrate.files.Folders.deleteRecursively(dir);
            Files.createDirectories(src);
            Files.createDirectories(classes);
            Files.createDirectories(changelog.resolve("db/changelog"));
            List<Path> files = new ArrayList<>();
            files.add(Files.writeString(src.resolve("Level.java"), "package bench.synthetic;\npublic enum Level { low, medium, high }\n"));
            StringBuilder all = new StringBuilder("package bench.synthetic;\npublic final class Model" + size
                    + " {\n    public static final java.util.List<Class<?>> ALL = java.util.List.of(");
            for (int i = 1; i <= size; i++) {
                files.add(Files.writeString(src.resolve("Thing" + i + ".java"), entity(i)));
                all.append(i > 1 ? ", " : "").append("Thing").append(i).append(".class");
            }
            all.append(");\n}\n");
            files.add(Files.writeString(src.resolve("Model" + size + ".java"), all.toString()));
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classPath, "-nowarn", "-proc:none"));
            files.forEach(f -> args.add(f.toString()));
            if (javac.run(null, null, System.err, args.toArray(String[]::new)) != 0) {
                throw new IllegalStateException("the synthetic model did not compile");
            }
            Files.writeString(changelog.resolve("db/changelog/db.changelog-master.yaml"),
                    "databaseChangeLog:\n  - include: {file: db/changelog/000_base.yaml}\n");
            Files.writeString(changelog.resolve("db/changelog/000_base.yaml"), """
                    databaseChangeLog:
                      - changeSet:
                          id: 000_base-tag
                          author: bench
                          comment: An empty first revision, so that the model's tables come in one of their own.
                          changes:
                            - tagDatabase: {tag: 000_base}
                          rollback: []
                    """);
            return new Model(size, classes, changelog);
        }

        private static String entity(int i) {
            String parent = i > 1 ? """
                        @jakarta.persistence.ManyToOne(fetch = jakarta.persistence.FetchType.LAZY)
                        @jakarta.persistence.JoinColumn(name = "parent_id")
                        Thing%d parent;
                    """.formatted(i - 1) : "";
            return """
                    package bench.synthetic;

                    @jakarta.persistence.Entity(name = "Thing%1$d")
                    @jakarta.persistence.Table(name = "thing_%1$d", indexes = @jakarta.persistence.Index(name = "ix_thing_%1$d_name", columnList = "name"))
                    public class Thing%1$d {
                        @jakarta.persistence.Id java.util.UUID id;
                        @jakarta.persistence.Column(name = "name", length = 120, nullable = false) String name;
                        @jakarta.persistence.Column(name = "amount") Integer amount;
                        @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
                        @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.NAMED_ENUM)
                        @jakarta.persistence.Column(name = "level", nullable = false) Level level;
                    %2$s}
                    """.formatted(i, parent);
        }
    }
}
