package io.sark.migrate.diagnostics;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a command's time goes, phase by phase ({@code --timings}). Off unless switched on; a phase then costs two
 * {@link System#nanoTime()} calls. Phases nest: a phase started inside another is shown indented under it, and a phase
 * started on a thread that another phase's thread made (work done in parallel) under the phase open when it was made.
 */
public final class Timings {

    private record Entry(String name, int parent, long nanos) {
    }

    private static volatile boolean on;
    private static final List<Entry> ENTRIES = new ArrayList<>();
    /** The innermost phase open on this thread (or on the thread that made it, when it was made), -1 for none. */
    private static final InheritableThreadLocal<Integer> OPEN = new InheritableThreadLocal<>() {
        @Override
        protected Integer initialValue() {
            return -1;
        }
    };

    private Timings() {
    }

    /** Starts recording, for this process, from nothing (a command run in-process again starts afresh). */
    public static void enable() {
        synchronized (ENTRIES) {
            ENTRIES.clear();
            OPEN.set(-1);
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
            int parent = OPEN.get() < index ? OPEN.get() : -1; // a phase of a run before enable(): none
            ENTRIES.add(new Entry(name, parent, -1));
            OPEN.set(index);
            return new Phase(index, parent, System.nanoTime());
        }
    }

    /** One phase; closing it records its time. */
    public static final class Phase implements AutoCloseable {

        static final Phase NONE = new Phase(-1, -1, 0);
        private final int index;
        private final int parent;
        private final long start;

        private Phase(int index, int parent, long start) {
            this.index = index;
            this.parent = parent;
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
                ENTRIES.set(index, new Entry(e.name(), e.parent(), elapsed));
                OPEN.set(parent);
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
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000;
        lines.add(line("JVM uptime, start to end", 0, uptime));
        lines.add(line("JVM start-up and the command line", 1, Math.max(0, uptime - total)));
        lines.add(line("command", 1, total));
        synchronized (ENTRIES) {
            addChildren(lines, -1, 2);
        }
        return lines;
    }

    private static void addChildren(List<String> lines, int parent, int depth) {
        for (int i = 0; i < ENTRIES.size(); i++) {
            Entry e = ENTRIES.get(i);
            if (e.parent() == parent) {
                lines.add(line(e.name(), depth, e.nanos()));
                addChildren(lines, i, depth + 1);
            }
        }
    }

    private static String line(String name, int depth, long nanos) {
        String label = "  ".repeat(depth) + name;
        return String.format(Locale.ROOT, "timing: %-52s %7s", label, nanos < 0 ? "(open)" : (nanos + 500_000) / 1_000_000 + " ms");
    }
}
