package io.sark.migrate.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a command's time goes, phase by phase ({@code --timings}). Off unless switched on; a phase then costs two
 * {@link System#nanoTime()} calls. Phases nest: a phase started inside another is shown indented under it.
 */
public final class Timings {

    private record Entry(String name, int depth, long nanos) {
    }

    private static volatile boolean on;
    private static final List<Entry> ENTRIES = new ArrayList<>();
    private static int depth;

    private Timings() {
    }

    /** Starts recording, for this process, from nothing (a command run in-process again starts afresh). */
    public static void enable() {
        synchronized (ENTRIES) {
            ENTRIES.clear();
            depth = 0;
        }
        on = true;
    }

    public static boolean enabled() {
        return on;
    }

    /** A phase, ended by {@code close()}: {@code try (var t = Timings.phase("replay")) { ... }}. */
    public static Phase phase(String name) {
        if (!on) {
            return Phase.NONE;
        }
        synchronized (ENTRIES) {
            int index = ENTRIES.size();
            ENTRIES.add(new Entry(name, depth++, -1));
            return new Phase(index, System.nanoTime());
        }
    }

    /** One phase; closing it records its time. */
    public static final class Phase implements AutoCloseable {

        static final Phase NONE = new Phase(-1, 0);
        private final int index;
        private final long start;

        private Phase(int index, long start) {
            this.index = index;
            this.start = start;
        }

        @Override
        public void close() {
            if (index < 0) {
                return;
            }
            long elapsed = System.nanoTime() - start;
            synchronized (ENTRIES) {
                Entry e = ENTRIES.get(index);
                ENTRIES.set(index, new Entry(e.name(), e.depth(), elapsed));
                depth = Math.max(0, depth - 1);
            }
        }
    }

    /**
     * The recorded phases, one line each ({@code timing:   replay the changelog   812 ms}), led by the JVM's uptime (the
     * JVM's own clock: the OS's process start time is too coarse here, off by a few hundred milliseconds) and the part
     * of it before the command started: starting the JVM and building the command line.
     */
    public static List<String> report(long commandStartNanos) {
        List<String> lines = new ArrayList<>();
        long total = System.nanoTime() - commandStartNanos;
        long uptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;
        lines.add(line("JVM uptime, start to end", 0, uptime));
        lines.add(line("JVM start-up and the command line", 1, Math.max(0, uptime - total)));
        lines.add(line("command", 1, total));
        synchronized (ENTRIES) {
            for (Entry e : ENTRIES) {
                lines.add(line(e.name(), e.depth() + 2, e.nanos()));
            }
        }
        return lines;
    }

    private static String line(String name, int depth, long nanos) {
        String label = "  ".repeat(depth) + name;
        return String.format(Locale.ROOT, "timing: %-52s %7s", label, nanos < 0 ? "(open)" : (nanos + 500_000) / 1_000_000 + " ms");
    }
}
