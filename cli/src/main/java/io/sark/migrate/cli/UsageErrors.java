package io.sark.migrate.cli;

import io.sark.migrate.postgres.JdbcUrl;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command line picocli cannot parse: one line saying what is wrong and where to look (the command's --help), exit
 * code 2, and under --json the same as a JSON document on stdout. Only {@code sark-migrate} run bare shows the list of
 * commands, since that is what its user is missing.
 */
final class UsageErrors implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (command.getParent() == null && args.length == 0) {
            err.println("sark-migrate: " + JdbcUrl.redact(e.getMessage()));
            command.usage(err);
            err.flush();
            return ExitCodes.USAGE;
        }
        String message = JdbcUrl.redact(describe(e, args)) + " See '" + name + " --help'.";
        err.println("sark-migrate: " + message);
        err.flush();
        if (Arrays.asList(args).contains("--json")) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("exitCode", ExitCodes.USAGE);
            error.put("kind", "usage");
            error.put("message", message);
            Output.json(command.getOut(), Map.of("error", error));
        }
        return ExitCodes.USAGE;
    }

    private static String describe(ParameterException e, String[] args) {
        // picocli reads "-1x" as an unknown option and then misses the target: say what is wrong with the target, only
        // when that is what picocli tripped on (a message "-5th" given to -m is no target).
        boolean missedTarget = e instanceof CommandLine.MissingParameterException
                || e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty();
        for (String arg : missedTarget ? args : new String[0]) {
            boolean tripped = !(e instanceof UnmatchedArgumentException unmatched) || unmatched.getUnmatched().contains(arg);
            if (tripped && arg.matches("[-+]\\d.*") && !arg.matches("[-+]\\d+")) {
                return "'" + arg + "' is not a number of revisions: give " + arg.charAt(0) + "N with N a whole number (e.g. "
                        + arg.charAt(0) + "1), a revision id, or " + (arg.charAt(0) == '-' ? "base" : "head") + ".";
            }
        }
        String message = sentence(e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ")
                .replaceFirst("^Unmatched argument at index \\d+: '([^']*)'$", "Unknown command or argument '$1'"));
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += " Did you mean " + String.join(" or ", suggestions.stream().limit(3).toList()) + "?";
            }
        }
        return message;
    }

    private static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("?") ? text : text + ".";
    }
}
