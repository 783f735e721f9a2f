package io.sark.migrate.cli;

import io.sark.migrate.errors.MigrationInterruptedException;
import io.sark.migrate.engine.SchemaDriftException;
import io.sark.migrate.errors.SarkMigrateException;
import io.sark.migrate.postgres.ConnectionLoss;
import io.sark.migrate.postgres.JdbcUrl;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where a failure becomes an exit status and a message: one line on stderr saying what went wrong
 * and what to do (and, under --json, the same as a JSON document on stdout), with the stack trace only under
 * {@code --verbose}.
 */
final class Failures implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        int code = exitCodeOf(e);
        String message = followable(JdbcUrl.redact(e.getMessage() == null ? e.toString() : e.getMessage()), parseResult);
        var err = commandLine.getErr();
        err.println("sark-migrate: " + (code == ExitCodes.USAGE ? "" : "error: ") + message);
        if (Verbosity.isVerbose(parseResult)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(JdbcUrl.redact(trace.toString()));
        } else if (code == ExitCodes.INTERNAL_ERROR) {
            err.println("sark-migrate: this is a bug; run again with --verbose for details, and report it.");
        }
        err.flush();
        if (JsonOption.requested(parseResult)) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("exitCode", code);
            error.put("kind", kindOf(code));
            error.put("message", message);
            if (e instanceof SchemaDriftException drift) {
                error.put("differences", drift.differences());
            }
            Output.json(commandLine.getOut(), Map.of("error", error));
        }
        return code;
    }

    /**
     * The commands the engine's messages say to run next, as it writes them: {@code 'sark-migrate accept-edit 003_x-2'}.
     * Not {@code revision}: the messages name it as what writes a form ("as 'sark-migrate revision --autogenerate' now
     * writes it"), not as the next command.
     */
    private static final Pattern NEXT = Pattern.compile("'sark-migrate (current|accept-edit|unlock|adopt)((?: [^' ]+)*)'");

    /**
     * {@code message} with the commands it says to run next written as the user runs them: their launcher, and the
     * database and changelog options they gave this command (a URL's password left out, and said so), so that the
     * command, followed as printed, works on the same database and changelog.
     */
    static String followable(String message, ParseResult parseResult) {
        ParseResult last = parseResult;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        // The options are read only for a message that names a next command: the failure may be that they cannot be read.
        if (!(last.commandSpec().userObject() instanceof DatabaseCommand command) || command.app == null || !NEXT.matcher(message).find()) {
            return message;
        }
        return followable(message, command.app.context.invocations(), command.given(DatabaseOptions.class), command.passwordLeftOut());
    }

    /** {@code message} with its next commands run by {@code invocations} with {@code given}, {@code passwordNote} after each. */
    static String followable(String message, Invocations invocations, List<String> given, String passwordNote) {
        return NEXT.matcher(message).replaceAll(hint -> {
            if (!invocations.runs(hint.group(1))) {
                return Matcher.quoteReplacement(hint.group()); // a command the Maven plugin has no goal for: the command line's
            }
            String[] arguments = hint.group(2).isEmpty() ? new String[0] : hint.group(2).strip().split(" ");
            return Matcher.quoteReplacement(invocations.of(hint.group(1), given, arguments) + passwordNote);
        });
    }

    static int exitCodeOf(Exception e) {
        if (e instanceof MigrationInterruptedException || Interruption.requested()) {
            return ExitCodes.INTERRUPTED;
        }
        if (e instanceof SarkMigrateException failure) {
            return failure.kind().exitCode();
        }
        if (e instanceof SQLException || ConnectionLoss.in(e)) {
            return ExitCodes.UNAVAILABLE;
        }
        return ExitCodes.INTERNAL_ERROR;
    }

    private static String kindOf(int code) {
        return switch (code) {
            case ExitCodes.USAGE -> "usage";
            case ExitCodes.UNAVAILABLE -> "unavailable";
            case ExitCodes.FAILED -> "failed";
            case ExitCodes.INTERRUPTED -> "interrupted";
            default -> "internal";
        };
    }
}
