package io.sark.migrate.cli;

import io.sark.migrate.diagnostics.Timings;
import io.sark.migrate.postgres.JdbcUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code sark-migrate} command: keeps SARK's PostgreSQL schema in step with its JPA entities.
 * Each subcommand is a thin class that parses its options and calls the engine.
 */
@Command(name = "sark-migrate",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        description = {
                "Keeps SARK's PostgreSQL schema in step with its JPA entities, through Liquibase.",
                "With no database configured (--url or POSTGRES_*), commands use an embedded PostgreSQL kept in .sark-migrate/."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Success.",
                "1:Failed: a migration, check or validation failed, the changelog is unreadable, or the database's state refuses the command (edited or unknown history, a drifted schema, data a downgrade would drop).",
                "2:Usage error: unknown command, option, revision or target.",
                "3:The database is unreachable, refused the login, or is locked by another migration.",
                "70:Internal error (a bug): run again with --verbose and report it.",
                "130:Interrupted (Ctrl-C; 143 for SIGTERM): the running changeset was rolled back; the message says where the database is.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  # apply every pending revision", "  ./sark-migrate upgrade head",
                "  # list revisions, applied and pending", "  ./sark-migrate history",
                "  # print the SQL for a reviewer; change nothing", "  POSTGRES_HOST=db ./sark-migrate upgrade --sql",
        })
public final class SarkMigrate implements Runnable {

    /** The subcommands, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(
            UpgradeCommand.class, DowngradeCommand.class, CurrentCommand.class, HistoryCommand.class,
            StampCommand.class, AdoptCommand.class, AcceptEditCommand.class, RevisionCommand.class, CheckCommand.class, ValidateCommand.class,
            UnlockCommand.class, LintCommand.class, ReportCommand.class, CompletionCommand.class, CommandLine.HelpCommand.class);

    /** --version: this build, its changelog's head and what it bundles ({@link BuildInfo}); with --json, as JSON. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return BuildInfo.ofThisBuild().lines().toArray(String[]::new);
        }
    }

    @Option(names = "--json", scope = ScopeType.LOCAL, description = "With --version: print it as one JSON document.")
    boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show more: the libraries' logs, stack traces on failure (and changesets, for history).")
    boolean verbose;

    @Option(names = "--timings", scope = ScopeType.INHERIT,
            description = "Print where the time went, phase by phase, to standard error when the command ends.")
    boolean timings;

    @Spec
    CommandSpec spec;

    final Context context;

    SarkMigrate(Context context) {
        this.context = context;
    }

    /** Run bare: say so and show the commands. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: choose one of those below.");
    }

    public static void main(String[] args) {
        Interruption.install();
        int code;
        try {
            code = commandLine(Context.ofThisProcess(), args).execute(args);
        } catch (Throwable e) { // an Error (out of memory, a stack overflow) that picocli does not handle: still one line
            System.err.println("sark-migrate: error: " + JdbcUrl.redact(String.valueOf(e)) + ". This is a bug; run again with --verbose for details, and report it.");
            if (Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace();
            }
            code = ExitCodes.INTERNAL_ERROR;
        }
        Interruption.commandFinished();
        System.exit(code);
    }

    /**
     * Runs one command in this JVM as the command line does, and returns its exit code where {@link #main} would end
     * the process: for shells in Java (the Maven plugin). {@code workingDirectory} stands for the folder the command is
     * run in (its project settings file, the embedded database's default folder, relative paths); {@code out} and
     * {@code err} take what it prints;
     * {@code invocations} says how the user runs a command, for the lines that tell what to run next. A throwable that escapes is one line on {@code err} and exit 70, as from main.
     */
    public static int execute(Path workingDirectory, Map<String, String> environment, Invocations invocations,
                              PrintWriter out, PrintWriter err, String... args) {
        try {
            CommandLine cli = commandLine(new Context(environment, workingDirectory, false, invocations), args);
            cli.setOut(out);
            cli.setErr(err);
            return cli.execute(args);
        } catch (Throwable e) {
            err.println("sark-migrate: error: " + JdbcUrl.redact(String.valueOf(e))
                    + ". This is a bug; run again with --verbose for details, and report it.");
            if (Arrays.asList(args).contains("--verbose")) {
                e.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        }
    }

    /**
     * The options the project in {@code folder} gives in its settings file ({@value ProjectSettings#FILE}, or
     * liquibase.properties' changeLogFile and url), as long names without their dashes: a shell leaves those to it
     * rather than giving its own defaults. Empty when there is no such file.
     */
    public static java.util.Set<String> projectSettings(java.nio.file.Path folder) {
        if (!Files.isRegularFile(folder.resolve(ProjectSettings.FILE)) && !Files.isRegularFile(folder.resolve(ProjectSettings.LIQUIBASE_FILE))) {
            return java.util.Set.of();
        }
        Context context = new Context(java.util.Map.of(), folder);
        return ProjectSettings.in(folder, ProjectSettings.optionsOf(commandLineWithout(context, null))).given();
    }

    /** Whether {@code args} ask for the version and name no command: then no subcommand need be built. */
    static boolean versionOnly(String[] args) {
        if (args == null) {
            return false;
        }
        boolean version = false;
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return false;
            }
            version |= arg.equals("-V") || arg.equals("--version");
        }
        return version;
    }

    /** The subcommand that {@code args} run (its first word that is not an option), or null to build them all. */
    static Class<?> chosen(String[] args) {
        if (args == null) {
            return null;
        }
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            for (Class<?> command : COMMANDS) {
                Command c = command.getAnnotation(Command.class);
                if (command != CommandLine.HelpCommand.class && command != CompletionCommand.class
                        && (c.name().equals(arg) || Arrays.asList(c.aliases()).contains(arg))) {
                    return command;
                }
            }
            return null;
        }
        return null;
    }

    private static boolean matched(CommandLine.ParseResult parseResult, String option) {
        for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(option)) {
                return true;
            }
        }
        return false;
    }

    /** The command line with every subcommand, ready to execute: one exit code per failure kind, logging set from --verbose. */
    static CommandLine commandLine(Context context) {
        return commandLine(context, null);
    }

    /**
     * As {@link #commandLine(Context)}, with only the subcommand {@code args} names when it names one: picocli reads
     * the annotations of every subcommand it is given, and reading all fourteen took about 0.2 s of each start. Help,
     * completion, a missing or misspelled command, and anything else get them all.
     */
    static CommandLine commandLine(Context context, String[] args) {
        CommandLine cli = commandLineWithout(context, args);
        if (Files.isRegularFile(context.workingDirectory().resolve(ProjectSettings.FILE))
                || Files.isRegularFile(context.workingDirectory().resolve(ProjectSettings.LIQUIBASE_FILE))) {
            ProjectSettings settings = ProjectSettings.in(context.workingDirectory(), ProjectSettings.optionsOf(commandLineWithout(context, null)));
            cli.setDefaultValueProvider(settings);
            CommandLine.IExecutionStrategy strategy = cli.getExecutionStrategy();
            cli.setExecutionStrategy(parseResult -> {
                if (settings.error() != null) {
                    throw new CommandLine.ParameterException(parseResult.commandSpec().commandLine(), settings.error());
                }
                return strategy.execute(parseResult);
            });
        }
        return cli;
    }

    private static CommandLine commandLineWithout(Context context, String[] args) {
        CommandLine cli = new CommandLine(new SarkMigrate(context)) {
            @Override
            public CommandLine setOut(PrintWriter out) {
                return super.setOut(Output.displaying(out));
            }

            @Override
            public CommandLine setErr(PrintWriter err) {
                return super.setErr(Output.displaying(err));
            }
        };
        Class<?> chosen = chosen(args);
        boolean versionOnly = versionOnly(args);
        for (Class<?> command : COMMANDS) {
            if (!versionOnly && (chosen == null || command == chosen)) {
                cli.addSubcommand(command);
            }
        }
        // Set once the subcommands are in: picocli asks the provider for the version as each subcommand is added,
        // and the version reads the bundled changelog's revisions (a tenth of every start, for a line nobody asked for).
        cli.getCommandSpec().versionProvider(new Version());
        cli.setOut(cli.getOut());
        cli.setErr(cli.getErr());
        cli.setExecutionExceptionHandler(new Failures());
        cli.setParameterExceptionHandler(new UsageErrors());
        cli.setExecutionStrategy(parseResult -> {
            Verbosity.configure(Verbosity.isVerbose(parseResult));
            boolean timed = matched(parseResult, "--timings");
            if (timed) {
                Timings.enable();
            }
            if (parseResult.isVersionHelpRequested() && parseResult.hasMatchedOption("--json")) {
                Output.json(parseResult.commandSpec().commandLine().getOut(), BuildInfo.ofThisBuild());
                return ExitCodes.OK;
            }
            long started = System.nanoTime();
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                if (timed) {
                    PrintWriter err = parseResult.commandSpec().commandLine().getErr();
                    Timings.report(started).forEach(err::println);
                    err.flush();
                }
            }
        });
        return cli;
    }
}
