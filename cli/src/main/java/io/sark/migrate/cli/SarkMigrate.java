package io.sark.migrate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code sark-migrate} command: keeps SARK's PostgreSQL schema in step with its JPA entities.
 * Each subcommand is a thin class that parses its options and calls the engine.
 */
@Command(name = "sark-migrate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Keeps SARK's PostgreSQL schema in step with its JPA entities, through Liquibase.",
        subcommands = {UpgradeCommand.class, CurrentCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Success.",
                "1:Internal error (a bug): run again with --verbose and report it.",
                "2:Usage error: unknown command, option or revision.",
                "3:The database could not be reached or started.",
                "4:A migration failed; the database stays at the last changeset that succeeded.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
                "  sark-migrate upgrade            apply every pending revision",
                "  sark-migrate current            show the revision the database is at",
        })
public final class SarkMigrate implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show what the libraries underneath do, and stack traces on failure.")
    boolean verbose;

    /** Run bare: say so and show the commands. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: choose one of those below.");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, ready to execute: one exit code per failure kind, logging set from --verbose. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SarkMigrate());
        cli.setExecutionExceptionHandler(new Failures());
        cli.setExecutionStrategy(parseResult -> {
            Verbosity.configure(Verbosity.isVerbose(parseResult));
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cli;
    }
}
