package io.sark.migrate.diagnostics;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TimingsTest {

    @AfterEach
    void off() {
        Timings.enable(); // clears what a test recorded; the switch stays process-wide as --timings leaves it
    }

    @Test
    void phasesNestUnderThePhaseOpenWhenTheyStartedEvenOnAnotherThread() throws Exception {
        Timings.enable();
        try (var command = Timings.phase("compare")) {
            Thread parallel;
            try (var a = Timings.phase("read the entities")) {
                parallel = new Thread(() -> {
                    try (var b = Timings.phase("Hibernate reads the mappings")) {
                        sleep(30);
                    }
                });
            }
            parallel.start();
            try (var c = Timings.phase("read the catalog")) {
                try (var d = Timings.phase("query")) {
                    sleep(5);
                }
            }
            parallel.join();
        }

        List<String> names = Timings.report(System.nanoTime()).stream().skip(3)
                .map(line -> line.substring("timing: ".length()).replaceAll("\\s+\\S+ ms$", "")).toList();

        assertThat(names).containsExactly(
                "    compare",
                "      read the entities",
                "        Hibernate reads the mappings",
                "      read the catalog",
                "        query");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
