package io.sark.migrate.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** {@code --json}: print one JSON document on stdout instead of text. */
final class JsonOption {

    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;

    static boolean requested(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--json")) {
                return true;
            }
        }
        return false;
    }
}
