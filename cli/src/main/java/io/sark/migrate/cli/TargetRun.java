package io.sark.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.migrate.postgres.ConnectionSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One command ({@code upgrade}, {@code downgrade}, {@code current}) on every database of a {@code --targets} file.
 * The first target runs alone, as a canary: if it fails, no other is touched. Then the others run, {@code --parallel}
 * at a time; the first failure stops the ones not yet started unless {@code --keep-going}. Each target runs as a
 * process of its own (this same program, with {@code --url} and {@code --json}), so that targets share no Liquibase
 * state, a crash takes down one target only, and each gets the whole of sark-migrate's handling of signals and
 * failures; its password goes in its environment, never on its command line. A target already at the wanted
 * revision does nothing and says so ("up to date"), so a re-run after a failure only moves the rest. Ctrl-C (or
 * SIGTERM) starts no further target and lets the running ones end their changeset; the table then says where each is.
 */
final class TargetRun {

    /** Options of the command that the targets' runs must not inherit: this run's own, and the database's. */
    private static final Set<String> OWN_WITH_VALUE = Set.of("--targets", "--parallel", "--url", "--password-file");
    private static final Set<String> OWN_FLAGS = Set.of("--keep-going", "--json");

    /** What happened on one target. */
    record Result(String name, String url, String status, String fromRevision, String toRevision, Integer changeSetsRun,
                  Integer pending, double seconds, int exitCode, String error) {

        boolean failed() {
            return exitCode != ExitCodes.OK;
        }
    }

    private final String verb;
    private final List<String> passedOn;
    private final Context context;
    private final PrintWriter err;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile boolean interrupted;

    private TargetRun(String verb, List<String> passedOn, Context context, PrintWriter err) {
        this.verb = verb;
        this.passedOn = passedOn;
        this.context = context;
        this.err = err;
    }

    /**
     * Runs {@code verb} on each target and prints the results (a table, or with --json one document). Returns the exit
     * code: 0 when every target succeeded, else the first failed target's (in the file's order).
     */
    static int run(String verb, String[] originalArgs, TargetsOptions options, DatabaseOptions database, boolean json, Context context,
                   PrintWriter out, PrintWriter err) {
        if (database.url != null) {
            throw new UsageException("--targets and --url: the targets file names the databases; give one or the other.");
        }
        if (options.parallel < 1) {
            throw new UsageException("--parallel must be 1 or more, not " + options.parallel + ".");
        }
        List<Targets.Target> targets = Targets.read(context.workingDirectory().resolve(options.file), database.passwordFile == null
                ? null : context.workingDirectory().resolve(database.passwordFile), context.environment());
        TargetRun run = new TargetRun(verb, passedOn(verb, originalArgs), context, err);
        Interruption.onInterrupt(run::interrupt);
        Result[] results = new Result[targets.size()];
        long started = System.nanoTime();
        try {
            results[0] = run.runOne(targets.get(0));
            if (results[0].failed()) {
                run.stop.set(true);
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(options.parallel, Math.max(1, targets.size() - 1)));
            for (int i = 1; i < targets.size(); i++) {
                int index = i;
                pool.execute(() -> {
                    Targets.Target target = targets.get(index);
                    if (run.stop.get() || run.interrupted) {
                        results[index] = notRun(target, results[0].failed() ? "not run: the canary (" + targets.get(0).name() + ") failed"
                                : run.interrupted ? "not run: interrupted" : "not run: stopped at the first failure (--keep-going runs the rest)");
                        return;
                    }
                    Result result = run.runOne(target);
                    results[index] = result;
                    if (result.failed() && !options.keepGoing) {
                        run.stop.set(true);
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // a target's run ends by itself (its own timeouts), or is ended by a signal
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Interruption.onInterrupt(null);
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) { // its turn never came: the run was stopped
                results[i] = notRun(targets.get(i), "not run: interrupted");
            }
        }
        if (!verb.equals("current")) {
            run.readWhereTheyStand(targets, results);
        }
        double total = (System.nanoTime() - started) / 1e9;
        int code = ExitCodes.OK;
        for (Result r : results) {
            if (r != null && r.failed()) {
                code = r.exitCode();
                break;
            }
        }
        if (run.interrupted) {
            code = ExitCodes.INTERRUPTED;
        }
        print(verb, List.of(results), total, options.parallel, code, json, out);
        return code;
    }

    /**
     * A target whose run failed or was stopped (its own report says no revision) is where its database says: read by a
     * run of {@code current} of its own, with the options of this command that {@code current} has (the changelog, the
     * contexts, the connection's). Not for a target that could not be reached, which would only wait for it again.
     */
    private void readWhereTheyStand(List<Targets.Target> targets, Result[] results) {
        TargetRun where = null;
        for (int i = 0; i < results.length; i++) {
            Result r = results[i];
            if (!r.failed() || r.toRevision() != null || r.exitCode() == ExitCodes.UNAVAILABLE) {
                continue;
            }
            where = where == null ? new TargetRun("current", forCurrent(verb, passedOn, context), context, err) : where;
            Result at = where.runOne(targets.get(i));
            if (!at.failed()) {
                results[i] = new Result(r.name(), r.url(), r.status(), r.fromRevision(), at.toRevision(), r.changeSetsRun(), at.pending(),
                        r.seconds(), r.exitCode(), r.error());
            }
        }
    }

    /** Of {@code words} (options of {@code verb}), those {@code current} has too, with their values. */
    static List<String> forCurrent(String verb, List<String> words, Context context) {
        CommandLine cli = SarkMigrate.commandLine(context);
        CommandSpec from = cli.getSubcommands().get(verb).getCommandSpec();
        CommandSpec current = cli.getSubcommands().get("current").getCommandSpec();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("-")) {
                continue; // a revision, or a value of an option left out
            }
            String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            OptionSpec option = from.findOption(name);
            boolean valued = option != null && option.arity().max() > 0 && !word.contains("=");
            if (current.findOption(name) != null) {
                kept.add(word);
                if (valued && i + 1 < words.size()) {
                    kept.add(words.get(i + 1));
                }
            }
            if (valued) {
                i++;
            }
        }
        return kept;
    }

    /** The command line's own words that each target's run gets too (the revision, --lock-wait, --contexts, ...). */
    static List<String> passedOn(String verb, String[] args) {
        List<String> kept = new ArrayList<>();
        boolean seenVerb = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (!seenVerb && arg.equals(verb)) {
                seenVerb = true;
                continue;
            }
            if (OWN_FLAGS.contains(arg)) {
                continue;
            }
            if (OWN_WITH_VALUE.contains(option)) {
                if (!arg.contains("=")) {
                    i++;
                }
                continue;
            }
            kept.add(arg);
        }
        return kept;
    }

    private static Result notRun(Targets.Target target, String why) {
        return new Result(target.name(), target.url(), why, null, null, null, null, 0, ExitCodes.OK, null);
    }

    /** Stops starting targets, and asks the running ones to stop after their changeset (as Ctrl-C in a terminal does). */
    private void interrupt() {
        interrupted = true;
        stop.set(true);
        // SIGTERM through the handle (Process.destroy would also close our end of its output, losing its report): the
        // target's run stops at a changeset boundary and reports.
        running.forEach(p -> p.toHandle().destroy());
        for (Process p : running) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Result runOne(Targets.Target target) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(javaOf(System.getProperty("java.home"))));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SarkMigrate.class.getName(), verb));
        command.addAll(passedOn);
        command.addAll(List.of("--url", target.url(), "--json"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(context.workingDirectory().toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(context.environment());
        env.remove(ConnectionSettings.URL_PASSWORD);
        env.remove(ConnectionSettings.URL_SSL_PASSWORD);
        if (target.password() != null) {
            env.put(ConnectionSettings.URL_PASSWORD, target.password());
        }
        if (target.sslPassword() != null) {
            env.put(ConnectionSettings.URL_SSL_PASSWORD, target.sslPassword());
        }
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return failed(target, 0, ExitCodes.INTERNAL_ERROR, "could not start its run: " + e.getMessage());
        }
        running.add(process);
        try {
            Thread errors = new Thread(() -> relay(target, process), "sark-migrate target " + target.name());
            errors.setDaemon(true);
            errors.start();
            process.getOutputStream().close();
            String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            errors.join(5000);
            double seconds = (System.nanoTime() - started) / 1e9;
            return result(target, stdout, code, seconds);
        } catch (IOException e) {
            return failed(target, (System.nanoTime() - started) / 1e9, ExitCodes.INTERNAL_ERROR, "lost its run's output: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return failed(target, (System.nanoTime() - started) / 1e9, ExitCodes.INTERRUPTED, "interrupted");
        } finally {
            running.remove(process);
        }
    }

    private static String javaOf(String javaHome) {
        return Path.of(javaHome, "bin", "java").toString();
    }

    /** The target's notices and messages, each line led by its name. */
    private void relay(Targets.Target target, Process process) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (err) {
                    err.println("[" + target.name() + "] " + line);
                    err.flush();
                }
            }
        } catch (IOException e) {
            // the run ended
        }
    }

    private Result result(Targets.Target target, String stdout, int code, double seconds) {
        JsonNode json;
        try {
            json = stdout.isBlank() ? null : new ObjectMapper().readTree(stdout); // one JSON document, whatever its layout
        } catch (IOException e) {
            json = null;
        }
        if (json == null || code != ExitCodes.OK) {
            JsonNode error = json == null ? null : json.get("error");
            String message = error != null && error.hasNonNull("message") ? error.get("message").asText()
                    : "its run ended with exit code " + code + (code == 130 || code == 143 ? " (interrupted)" : "");
            return failed(target, seconds, code == ExitCodes.OK ? ExitCodes.INTERNAL_ERROR : code, message);
        }
        if (verb.equals("current")) {
            JsonNode partial = json.path("partial");
            String revision = text(json, "revision") + (partial.hasNonNull("revision") ? " (part-way through " + partial.get("revision").asText()
                    + ": " + partial.path("applied").asInt() + " of " + partial.path("total").asInt() + " changesets)" : "");
            int pending = json.path("pending").asInt();
            return new Result(target.name(), target.url(), pending == 0 ? "at head" : pending + " pending", null, revision, null, pending,
                    seconds, ExitCodes.OK, null);
        }
        int changeSets = json.path("changeSetsRun").asInt();
        String done = verb.equals("upgrade") ? "applied" : "rolled back";
        return new Result(target.name(), target.url(), changeSets == 0 ? "up to date" : done, text(json, "fromRevision"),
                text(json, "toRevision"), changeSets, null, seconds, ExitCodes.OK, null);
    }

    private static String text(JsonNode json, String field) {
        return json.hasNonNull(field) ? json.get(field).asText() : null;
    }

    private static Result failed(Targets.Target target, double seconds, int code, String message) {
        boolean signal = code == ExitCodes.INTERRUPTED || code == 143;
        return new Result(target.name(), target.url(), (signal ? "interrupted" : "failed") + " (exit " + code + ")", null, null, null, null, seconds, code,
                message.strip().replaceAll("\\s*\\R\\s*", " "));
    }

    /** The results: a table, or one JSON document. */
    private static void print(String verb, List<Result> results, double total, int parallel, int code, boolean json, PrintWriter out) {
        if (json) {
            Output.json(out, Map.of("targets", results, "seconds", Math.round(total * 100) / 100.0, "parallel", parallel, "exitCode", code));
            return;
        }
        boolean current = verb.equals("current");
        List<List<String>> rows = new ArrayList<>();
        rows.add(current ? List.of("target", "revision", "result", "time") : List.of("target", "from", "to", "changesets", "time", "result"));
        for (Result r : results) {
            String time = r.seconds() == 0 ? "" : String.format(Locale.ROOT, "%.1f s", r.seconds());
            String result = r.error() == null ? r.status() : r.status() + ": " + r.error();
            rows.add(current ? List.of(r.name(), dash(r.toRevision()), result, time)
                    : List.of(r.name(), dash(r.fromRevision()), dash(r.toRevision()), r.changeSetsRun() == null ? "-" : r.changeSetsRun().toString(),
                    time, result));
        }
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns - 1; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == columns - 1 ? row.get(c) : String.format(Locale.ROOT, "%-" + widths[c] + "s  ", row.get(c)));
            }
            out.println(line.toString().stripTrailing());
        }
        long failed = results.stream().filter(Result::failed).count(); // interrupted ones included
        long notRun = results.stream().filter(r -> r.status().startsWith("not run")).count();
        out.println(String.format(Locale.ROOT, "%d target(s) in %.1f s (parallel %d): %d failed, %d not run.", results.size(), total,
                parallel, failed, notRun));
        out.flush();
    }

    private static String dash(String text) {
        return text == null ? "-" : text;
    }
}
