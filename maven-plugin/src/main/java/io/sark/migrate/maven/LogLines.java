package io.sark.migrate.maven;

import org.apache.maven.plugin.logging.Log;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a command prints, line by line, into Maven's log: warnings as warnings, the failure line as an error, the rest
 * as information. The lines are kept, for the failure's one-line message.
 */
final class LogLines extends Writer {

    private final Log log;
    private final StringBuilder pending = new StringBuilder();
    private final List<String> lines = new ArrayList<>();

    LogLines(Log log) {
        this.log = log;
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            char c = buffer[i];
            if (c == '\n') {
                emit();
            } else if (c == '\r') {
                // a progress line rewritten in place: only the finished lines reach the log
                pending.setLength(0);
            } else {
                pending.append(c);
            }
        }
    }

    private void emit() {
        String line = pending.toString().replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "");
        pending.setLength(0);
        lines.add(line);
        if (line.startsWith("warning: ")) {
            log.warn(line.substring("warning: ".length()));
        } else if (line.startsWith("sark-migrate: error: ")) {
            log.error(line.substring("sark-migrate: ".length()));
        } else {
            log.info(line);
        }
    }

    @Override
    public synchronized void flush() {
    }

    @Override
    public synchronized void close() {
        if (pending.length() > 0) {
            emit();
        }
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
