package io.sark.migrate.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/commands.md}, the command reference, is every command's --help as picocli prints it, so it cannot
 * drift from the code. After changing a command: {@code mvn -pl cli verify -Dtest=CommandReferenceTest
 * -Ddocs.update=true}, and review the diff.
 */
class CommandReferenceTest {

    private static final Path PAGE = Path.of("..", "docs", "commands.md");

    @Test
    void theCommandReferenceIsEveryCommandsHelp() throws IOException {
        CommandLine cli = SarkMigrate.commandLine(new Context(Map.of(), Path.of(".")));
        StringBuilder page = new StringBuilder("""
                # Command reference

                Every command's `--help`, as `./sark-migrate COMMAND --help` prints it. This page is generated from the
                command line itself (`CommandReferenceTest`), so it says what the code does.

                """);
        page.append("## sark-migrate\n\n```\n").append(cli.getUsageMessage(CommandLine.Help.Ansi.OFF).strip()).append("\n```\n");
        for (var entry : cli.getSubcommands().entrySet()) {
            if (entry.getKey().equals("help")) {
                continue;
            }
            page.append("\n## ").append(entry.getKey()).append("\n\n```\n")
                    .append(entry.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF).strip()).append("\n```\n");
        }
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(PAGE, page);
        }
        assertThat(Files.exists(PAGE) ? Files.readString(PAGE) : "")
                .as("docs/commands.md is out of date: run mvn -pl cli verify -Dtest=CommandReferenceTest -Ddocs.update=true")
                .isEqualTo(page.toString());
    }
}
