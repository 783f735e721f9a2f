package io.sark.migrate.bench;

import io.sark.migrate.postgres.server.EmbeddedPostgresServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Section "alembic": the commands people run all day, sark-migrate beside Alembic and the psql floor, in one run on
 * one server. sark-migrate runs as users run it ({@code ./sark-migrate}, with its class-data archive); Alembic runs
 * SARK's four revisions written for the bench ({@code bench/alembic}); psql applies and drops the same statements
 * with no migration tool at all. Each harness is checked to do its work before it is timed: Alembic's upgrade must
 * build the nine tables, its compare must see at least the nine tables missing from an empty database, sark-migrate's
 * commands must succeed and say what they did.
 */
final class SideBySide {

    private final Bench bench;

    SideBySide(Bench bench) {
        this.bench = bench;
    }

    void run(EmbeddedPostgresServer server) throws Exception {
        bench.heading("Side by side: sark-migrate, Alembic and psql on SARK's revisions 001–004, same server");
        String python = System.getenv().getOrDefault("BENCH_PYTHON", "/usr/bin/python3");
        Path alembic = bench.root.resolve("bench/alembic");
        Processes.Sample probe = Processes.run(bench.root, Map.of(), List.of(python, "-c", "import alembic, sqlalchemy, psycopg2"));
        if (probe.exitCode() != 0) {
            bench.print("Alembic is not installed for " + python + " (apt-get install python3-alembic python3-sqlalchemy python3-psycopg2);"
                    + " its rows are left out.");
        }
        boolean withAlembic = probe.exitCode() == 0;
        String launcher = bench.root.resolve("sark-migrate").toString();
        String changelog = bench.changelogRoot();
        String sarkUrl = bench.database(server, "side_sark", false);
        String alembicDb = "side_alembic";
        bench.database(server, alembicDb, false);
        Map<String, String> alembicEnv = Map.of("BENCH_DATABASE_URL", "postgresql://postgres:" + server.password() + "@127.0.0.1:" + server.port() + "/" + alembicDb);
        String ini = alembic.resolve("alembic.ini").toString();
        Path shadowCache = Files.createTempDirectory("bench-shadow-cache-");
        Path entityCache = Files.createTempDirectory("bench-entity-cache-");
        Map<String, String> sarkEnv = Map.of("SARK_MIGRATE_SHADOW_CACHE", shadowCache.toString(), "SARK_MIGRATE_ENTITY_CACHE", entityCache.toString());
        // The same launcher on the JDK 25 the build made its ahead-of-time caches with, when it did.
        Path aotJava = bench.root.resolve("cli/target/sark-migrate.aot.java");
        Map<String, String> sark25Env = null;
        if (Files.exists(aotJava)) {
            sark25Env = Map.of("SARK_MIGRATE_SHADOW_CACHE", shadowCache.toString(), "SARK_MIGRATE_ENTITY_CACHE", entityCache.toString(),
                    "SARK_MIGRATE_JAVA", Files.readString(aotJava).strip());
        } else {
            bench.print("No JDK 25 ahead-of-time cache was built (no JDK 25 found at package time): the JDK 25 column is left out.");
        }

        List<List<String>> rows = new ArrayList<>();

        // The 001–004 cycle: up then down, two processes each; the database ends as it began, so runs repeat.
        Processes.Median sarkCycle = cycle(List.of(launcher, "upgrade", "004_audit_events", "--url", sarkUrl, "--changelog-root", changelog),
                List.of(launcher, "downgrade", "base", "--url", sarkUrl, "--changelog-root", changelog), sarkEnv, "Applied 20 changeset(s)");
        Processes.Median alembicCycle = null;
        if (withAlembic) {
            alembicCycle = cycle(List.of(python, "-m", "alembic", "-c", ini, "upgrade", "head"),
                    List.of(python, "-m", "alembic", "-c", ini, "downgrade", "base"), alembicEnv, null);
        }
        boolean withPsql;
        try {
            withPsql = Processes.run(bench.root, Map.of(), List.of("psql", "--version")).exitCode() == 0
                    && Processes.run(bench.root, Map.of(), List.of(python, "--version")).exitCode() == 0;
        } catch (java.io.IOException e) {
            withPsql = false;
        }
        if (!withPsql) {
            bench.print("psql or " + python + " is not installed (apt-get install postgresql-client python3); the floor is left out.");
        }
        Processes.Median psqlCycle = null;
        if (withPsql) {
            // The same statements as Alembic's revisions, from reference.py (standard library only), for psql.
            Path up = Files.createTempFile("bench-floor-up-", ".sql");
            Path down = Files.createTempFile("bench-floor-down-", ".sql");
            Files.writeString(up, Processes.run(bench.root, Map.of(), List.of(python, alembic.resolve("reference.py").toString(), "up"))
                    .requireSuccess("reference.py up").out());
            Files.writeString(down, Processes.run(bench.root, Map.of(), List.of(python, alembic.resolve("reference.py").toString(), "down"))
                    .requireSuccess("reference.py down").out());
            psqlCycle = cycle(psql(server, alembicDb, up), psql(server, alembicDb, down), Map.of("PGPASSWORD", server.password()), null);
            Files.deleteIfExists(up);
            Files.deleteIfExists(down);
        }
        Processes.Median sark25Cycle = sark25Env == null ? null : cycle(List.of(launcher, "upgrade", "004_audit_events", "--url", sarkUrl,
                "--changelog-root", changelog), List.of(launcher, "downgrade", "base", "--url", sarkUrl, "--changelog-root", changelog),
                sark25Env, "Applied 20 changeset(s)");
        rows.add(row("upgrade 001–004, then downgrade base (two processes)", sarkCycle, sark25Cycle, alembicCycle, psqlCycle));

        // At head: current, upgrade with nothing to do, history, check against the live database.
        Processes.run(bench.root, sarkEnv, List.of(launcher, "upgrade", "--url", sarkUrl, "--changelog-root", changelog)).requireSuccess("upgrade");
        if (withAlembic) {
            Processes.run(bench.root, alembicEnv, List.of(python, "-m", "alembic", "-c", ini, "upgrade", "head")).requireSuccess("alembic upgrade");
            requireTables(server, alembicDb, 9);
        }
        Processes.Median sarkCurrent = bench.measure(sarkEnv, "current", "(head)", List.of(launcher, "current", "--url", sarkUrl, "--changelog-root", changelog));
        Processes.Median alembicCurrent = withAlembic
                ? bench.measure(alembicEnv, "alembic current", "(head)", List.of(python, "-m", "alembic", "-c", ini, "current")) : null;
        rows.add(row("`current`, database at head", sarkCurrent, on25(sark25Env, "current", "(head)",
                List.of(launcher, "current", "--url", sarkUrl, "--changelog-root", changelog)), alembicCurrent, null));
        Processes.Median sarkNothing = bench.measure(sarkEnv, "upgrade (nothing to do)", "Nothing to apply",
                List.of(launcher, "upgrade", "--url", sarkUrl, "--changelog-root", changelog));
        Processes.Median alembicNothing = withAlembic
                ? bench.measure(alembicEnv, "alembic upgrade head (nothing to do)", null, List.of(python, "-m", "alembic", "-c", ini, "upgrade", "head")) : null;
        rows.add(row("`upgrade`, nothing to do", sarkNothing, on25(sark25Env, "upgrade (nothing to do)", "Nothing to apply",
                List.of(launcher, "upgrade", "--url", sarkUrl, "--changelog-root", changelog)), alembicNothing, null));
        Processes.Median sarkHistory = bench.measure(sarkEnv, "history", "004_audit_events",
                List.of(launcher, "history", "--url", sarkUrl, "--changelog-root", changelog));
        Processes.Median alembicHistory = withAlembic
                ? bench.measure(alembicEnv, "alembic history", "004_add_audit_events", List.of(python, "-m", "alembic", "-c", ini, "history")) : null;
        rows.add(row("`history`", sarkHistory, on25(sark25Env, "history", "004_audit_events",
                List.of(launcher, "history", "--url", sarkUrl, "--changelog-root", changelog)), alembicHistory, null));

        Processes.Median sarkCheck = bench.measure(sarkEnv, "check (live)", "agree",
                List.of(launcher, "check", "--url", sarkUrl, "--changelog-root", changelog));
        Processes.Median alembicCompare = null;
        if (withAlembic) {
            Path metadata = Files.createTempFile("bench-sark-metadata-", ".pickle");
            String url = alembicEnv.get("BENCH_DATABASE_URL");
            Processes.run(bench.root, Map.of(), List.of(python, alembic.resolve("compare.py").toString(), "--save", url, metadata.toString()))
                    .requireSuccess("reflect SARK's schema");
            String empty = "side_empty";
            bench.database(server, empty, false);
            Processes.Sample checked = Processes.run(bench.root, Map.of(), List.of(python, alembic.resolve("compare.py").toString(), metadata.toString(),
                    "postgresql://postgres:" + server.password() + "@127.0.0.1:" + server.port() + "/" + empty)).requireSuccess("compare with an empty database");
            if (Integer.parseInt(checked.out().strip().split(" ")[0]) < 9) { // nine tables to add, and their indexes
                throw new IllegalStateException("Alembic's compare harness does no work: against an empty database it said " + checked.out().strip());
            }
            alembicCompare = bench.measure(Map.of(), "alembic compare", "0 difference",
                    List.of(python, alembic.resolve("compare.py").toString(), metadata.toString(), url));
            Files.deleteIfExists(metadata);
        }
        rows.add(row("`check` against the live database at head (Alembic: autogenerate's compare)", sarkCheck, on25(sark25Env, "check (live)",
                "agree", List.of(launcher, "check", "--url", sarkUrl, "--changelog-root", changelog)), alembicCompare, null));

        // The shadow: a first run with an empty cache, then runs in a row.
        Processes.Median first = bench.measure(sarkEnv, "check (shadow, cold cache)", "agree", List.of(launcher, "check", "--changelog-root", changelog),
                () -> {
                    io.sark.migrate.files.Folders.deleteRecursively(shadowCache);
                    io.sark.migrate.files.Folders.deleteRecursively(entityCache);
                });
        Processes.Median warm = bench.measure(sarkEnv, "check (shadow)", "agree", List.of(launcher, "check", "--changelog-root", changelog));
        rows.add(row("`check` with the shadow (what `revision --autogenerate` does), first run (empty cache)", first, null, null, null));
        rows.add(row("`check` with the shadow, a run after another", warm, on25(sark25Env, "check (shadow)", "agree",
                List.of(launcher, "check", "--changelog-root", changelog)), null, null));
        Processes.Median uncached = bench.measure(sarkEnv, "check (shadow, --no-shadow-cache)", "agree",
                List.of(launcher, "check", "--no-shadow-cache", "--changelog-root", changelog));
        rows.add(row("`check` with the shadow, `--no-shadow-cache` (the whole changelog replayed into a new server)", uncached, null, null, null));
        io.sark.migrate.files.Folders.deleteRecursively(shadowCache);
        io.sark.migrate.files.Folders.deleteRecursively(entityCache);

        bench.table(List.of("command", "sark-migrate (JDK 17, CDS)", "sark-migrate (JDK 25, AOT cache)", "Alembic", "psql floor",
                "sark-migrate ÷ Alembic (17; 25)", "peak memory (sark-migrate 17, Alembic)"), rows);
    }

    /** The same sark-migrate command on JDK 25 with its ahead-of-time cache, or null without one. */
    private Processes.Median on25(Map<String, String> env25, String what, String says, List<String> command) throws Exception {
        return env25 == null ? null : bench.measure(env25, what + " (JDK 25)", says, command);
    }

    private Processes.Median cycle(List<String> up, List<String> down, Map<String, String> env, String upSays) throws Exception {
        List<Processes.Sample> samples = new ArrayList<>();
        for (int i = 0; i < bench.runs; i++) {
            Processes.Sample u = Processes.run(bench.root, env, up).requireSuccess(String.join(" ", up));
            if (upSays != null && !(u.out() + u.err()).contains(upSays)) {
                throw new IllegalStateException(String.join(" ", up) + " did not say '" + upSays + "': " + u.out() + u.err());
            }
            Processes.Sample d = Processes.run(bench.root, env, down).requireSuccess(String.join(" ", down));
            samples.add(new Processes.Sample(u.wallMillis() + d.wallMillis(), Math.max(u.peakKb(), d.peakKb()), 0, u.out(), u.err()));
        }
        return Processes.Median.of(samples);
    }

    private static List<String> psql(EmbeddedPostgresServer server, String database, Path file) {
        return List.of("psql", "-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-U", "postgres",
                "-d", database, "-f", file.toString());
    }

    private static void requireTables(EmbeddedPostgresServer server, String database, int expected) throws Exception {
        try (var c = server.connect(database); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'alembic_version'")) {
            rs.next();
            if (rs.getInt(1) != expected) {
                throw new IllegalStateException("Alembic's upgrade built " + rs.getInt(1) + " tables, not " + expected);
            }
        }
    }

    private static List<String> row(String what, Processes.Median sark, Processes.Median sark25, Processes.Median alembic, Processes.Median floor) {
        return List.of(what, sark.wall(), sark25 == null ? "" : sark25.wall(), alembic == null ? "" : alembic.wall(), floor == null ? "" : floor.wall(),
                alembic == null ? "" : String.format("%.2f×", (double) sark.wallMillis() / alembic.wallMillis())
                        + (sark25 == null ? "" : String.format("; %.2f×", (double) sark25.wallMillis() / alembic.wallMillis())),
                sark.peak() + (alembic == null ? "" : ", " + alembic.peak()));
    }
}
