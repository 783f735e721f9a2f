package io.sark.migrate.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A time or a size the docs give as measured comes from BENCHMARKS.md, whose every figure a runnable command prints
 * (issue 37): each one in the prose of README.md and docs/ (not in code blocks or `code`, which quote messages and
 * settings) is found there, to the precision the page gives it, or is a setting or a limit named in {@link #NOT_MEASURED}.
 */
class DocumentedFiguresTest {

    private static final Pattern FIGURE = Pattern.compile("(?<![\\w.,])(\\d[\\d,]*(?:\\.\\d+)?) ?(ms|s|min|minutes|seconds|MB|GB|KB)(?![\\w])");

    /** Figures that are not measurements, by page and figure: what each is. */
    private static final Map<String, String> NOT_MEASURED = Map.of(
            "README.md 20 minutes", "CI's limit for the suite, from the developers' guide",
            "docs/ci.md 300 s", "--lock-wait's default",
            "docs/production.md 10 ms", "--fill-pause-ms's default",
            "docs/production.md 5 s", "the lock_timeout sark-migrate sets",
            "docs/production.md 1 s", "PostgreSQL's default deadlock_timeout",
            "docs/production.md 45 MB", "LockCost's rewrite rate, which the page quotes as the estimator's constant",
            "docs/production.md 70 MB", "LockCost's index-build rate, quoted as the estimator's constant",
            "docs/production.md 200 MB", "LockCost's scan rate, quoted as the estimator's constant");

    @Test
    void everyMeasuredFigureInTheDocsIsOneOfBenchmarksMd() throws IOException {
        String benchmarks = Files.readString(DocumentedCommands.REPOSITORY.resolve("BENCHMARKS.md"));
        List<String> unsourced = new ArrayList<>();
        int checked = 0;
        for (Path page : DocumentedCommands.pages()) {
            String name = DocumentedCommands.REPOSITORY.relativize(page).toString().replace('\\', '/');
            // The prose: code blocks and `code` (which may run over a line's end) blanked, lines kept where they are.
            StringBuilder prose = new StringBuilder();
            boolean inBlock = false;
            for (String line : Files.readAllLines(page)) {
                boolean fence = line.strip().startsWith("```");
                inBlock ^= fence;
                prose.append(fence || inBlock ? "" : line).append('\n');
            }
            List<String> lines = List.of(Pattern.compile("`[^`]*`").matcher(prose)
                    .replaceAll(span -> "\n".repeat((int) span.group().chars().filter(c -> c == '\n').count())).split("\n", -1));
            for (int i = 0; i < lines.size(); i++) {
                Matcher figure = FIGURE.matcher(lines.get(i));
                while (figure.find()) {
                    String shown = figure.group(1) + " " + figure.group(2);
                    if (NOT_MEASURED.containsKey(name + " " + shown)) {
                        continue;
                    }
                    checked++;
                    if (!inBenchmarks(benchmarks, figure.group(1), figure.group(2))) {
                        unsourced.add(name + ":" + (i + 1) + " " + shown);
                    }
                }
            }
        }
        System.out.printf("%d measured figures in the docs, each found in BENCHMARKS.md%n", checked - unsourced.size());
        assertThat(unsourced).as("figures the docs give that BENCHMARKS.md does not hold: take them from a benchmark's run, say"
                + " them without a number, or name the setting they are in NOT_MEASURED").isEmpty();
    }

    /** Whether BENCHMARKS.md holds a figure with {@code unit} that rounds to {@code number} at the precision it is written. */
    static boolean inBenchmarks(String benchmarks, String number, String unit) {
        BigDecimal wanted = new BigDecimal(number.replace(",", ""));
        Matcher there = FIGURE.matcher(benchmarks);
        while (there.find()) {
            if (there.group(2).equals(unit)) {
                BigDecimal value = new BigDecimal(there.group(1).replace(",", ""));
                if (value.setScale(Math.max(0, wanted.scale()), RoundingMode.HALF_UP).compareTo(wanted) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aFigureMatchesOnlyTheSameValueAtItsPrecisionAndUnit() {
        String benchmarks = "| 25.80 s | 0.116 s | 28.942 s | 382 MB |";
        assertThat(inBenchmarks(benchmarks, "25.8", "s")).isTrue();
        assertThat(inBenchmarks(benchmarks, "0.12", "s")).isTrue();
        assertThat(inBenchmarks(benchmarks, "28.9", "s")).isTrue();
        assertThat(inBenchmarks(benchmarks, "382", "MB")).isTrue();
        assertThat(inBenchmarks(benchmarks, "0.11", "s")).isFalse();
        assertThat(inBenchmarks(benchmarks, "382", "s")).isFalse();
        assertThat(inBenchmarks(benchmarks, "26", "s")).isTrue();
        assertThat(inBenchmarks(benchmarks, "25", "s")).isFalse();
    }
}
