package io.sark.migrate.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a failure's message names the commands to run next. */
class FailuresTest {

    private static final Invocations LAUNCHER = (command, arguments) -> "bin/sark-migrate " + command + " " + String.join(" ", arguments);
    private static final List<String> GIVEN = List.of("--url", "'jdbc:postgresql://db/sark?user=sark'");

    @Test
    void aNextCommandIsWrittenAsTheUserRunsItWithTheOptionsGiven() {
        assertThat(Failures.followable("accept it: 'sark-migrate accept-edit 003_x-2'. Nothing ran.", LAUNCHER, GIVEN, " (note)"))
                .isEqualTo("accept it: bin/sark-migrate accept-edit 003_x-2 --url 'jdbc:postgresql://db/sark?user=sark' (note). Nothing ran.");
    }

    /**
     * A message that names revision as what writes a form is not a next command: rewritten with the options, it read
     * "write that rollback as bin/sark-migrate revision --autogenerate --url '…' now writes it".
     */
    @Test
    void aCommandNamedAsWhatWritesSomethingIsLeftAsItIs() {
        String message = "write that rollback as 'sark-migrate revision --autogenerate' now writes it (it copies the rows back)";

        assertThat(Failures.followable(message, LAUNCHER, GIVEN, " (note)")).isEqualTo(message);
    }

    @Test
    void aCommandTheWayOfRunningHasNotIsLeftInTheCommandLinesForm() {
        Invocations maven = new Invocations() {
            @Override
            public String of(String command, String... arguments) {
                return "mvn sark-migrate:" + command;
            }

            @Override
            public boolean runs(String command) {
                return !command.equals("unlock");
            }
        };

        assertThat(Failures.followable("release it with 'sark-migrate unlock'.", maven, GIVEN, "")).isEqualTo("release it with 'sark-migrate unlock'.");
    }
}
