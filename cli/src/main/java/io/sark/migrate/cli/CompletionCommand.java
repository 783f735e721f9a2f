package io.sark.migrate.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "completion",
        description = {"Print a bash/zsh completion script for sark-migrate's commands and options.",
                "Load it in the current shell, or add the line to ~/.bashrc to keep it."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  source <(./sark-migrate completion)",
                "  ./sark-migrate completion > /etc/bash_completion.d/sark-migrate",
        })
final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var root = spec.commandLine().getParent();
        String script = AutoComplete.bash("sark-migrate", root);
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
