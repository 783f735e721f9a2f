package io.sark.migrate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command as its own process and measures it whole: wall time, and peak resident memory (Linux's VmHWM). */
final class Processes {

    private Processes() {
    }

    /** One run: what it took, what it printed. {@code peakKb} is -1 where /proc cannot be read (not Linux). */
    record Sample(long wallMillis, long peakKb, int exitCode, String out, String err) {
        Sample requireSuccess(String what) {
            if (exitCode != 0) {
                throw new IllegalStateException(what + " exited with " + exitCode + ": " + err.strip());
            }
            return this;
        }
    }

    static Sample run(Path workDir, Map<String, String> environment, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("bench-out-", ".txt");
        Path err = Files.createTempFile("bench-err-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("POSTGRES_"));
            builder.environment().putAll(environment);
            long start = System.nanoTime();
            Process process = builder.start();
            Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
            long peak = -1;
            while (!process.waitFor(5, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, highWaterMark(status));
            }
            long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new Sample(wall, peak, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** VmHWM in kB, or -1 once the process is gone. */
    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended between two looks.
        }
        return -1;
    }

    /** The median of several samples' wall time and peak memory. */
    record Median(long wallMillis, long peakKb, Sample last) {
        static Median of(List<Sample> samples) {
            List<Long> walls = new ArrayList<>(samples.stream().map(Sample::wallMillis).sorted().toList());
            List<Long> peaks = new ArrayList<>(samples.stream().map(Sample::peakKb).sorted().toList());
            return new Median(walls.get(walls.size() / 2), peaks.get(peaks.size() / 2), samples.get(samples.size() - 1));
        }

        String wall() {
            return String.format("%.2f s", wallMillis / 1000.0);
        }

        String peak() {
            return peakKb < 0 ? "n/a" : String.format("%d MB", Math.round(peakKb / 1024.0));
        }
    }
}
