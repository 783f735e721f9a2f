package io.sark.migrate.cli;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "check",
        description = "Tell CI whether the entities and the changelog agree (arrives with the generator; not available yet).",
        footerHeading = "%nExamples:%n",
        footer = {"  ./sark-migrate check"})
final class CheckCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    JsonOption output;

    @Override
    public Integer call() {
        throw new UsageException("'check' is not available yet: it arrives with the generator."
                + " Until then, 'sark-migrate validate' checks the changelog itself.");
    }
}
