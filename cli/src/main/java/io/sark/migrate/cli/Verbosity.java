package io.sark.migrate.cli;

import picocli.CommandLine.ParseResult;

import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** How much the libraries underneath (Liquibase, the JDBC driver) may say: only warnings, unless --verbose. */
final class Verbosity {

    // Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final Logger LIQUIBASE = Logger.getLogger("liquibase");
    private static final Logger LIQUIBASE_PARSER = Logger.getLogger("liquibase.parser");
    private static final Logger HIBERNATE = Logger.getLogger("org.hibernate");
    private static final Logger TESTCONTAINERS = Logger.getLogger("org.testcontainers");
    private static final Logger DRIVER = Logger.getLogger("org.postgresql");

    private Verbosity() {
    }

    static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the running command was given --verbose (set by {@link #configure}). */
    private static volatile boolean on;

    static boolean on() {
        return on;
    }

    static void configure(boolean verbose) {
        on = verbose;
        Logger root = LogManager.getLogManager().getLogger("");
        Level level = verbose ? Level.INFO : Level.WARNING;
        root.setLevel(level);
        for (var handler : root.getHandlers()) {
            handler.setLevel(level);
            if (!(handler.getFormatter() instanceof Redacting)) {
                handler.setFormatter(new Redacting(handler.getFormatter()));
            }
        }
        // Liquibase reports every changeset at INFO, some harmless service-loading problems at WARNING, and a failing
        // changeset at SEVERE with its stack trace, before it throws the failure that sark-migrate reports in one line.
        LIQUIBASE.setLevel(verbose ? Level.INFO : Level.OFF);
        LIQUIBASE_PARSER.setLevel(verbose ? Level.INFO : Level.OFF);
        // The driver logs some refusals (a port out of range) at WARNING, then throws what sark-migrate reports.
        DRIVER.setLevel(verbose ? Level.INFO : Level.OFF);
        // Hibernate reads the entities without a database, and says so at WARNING.
        HIBERNATE.setLevel(verbose ? Level.INFO : Level.SEVERE);
        // Testcontainers reports a missing Docker engine at ERROR; sark-migrate says it in one line of its own.
        TESTCONTAINERS.setLevel(verbose ? Level.INFO : Level.OFF);
    }

    /** A log line shows no credential, whichever library wrote it (a driver's URL, a Liquibase connection string). */
    private static final class Redacting extends java.util.logging.Formatter {

        private final java.util.logging.Formatter formatter;

        Redacting(java.util.logging.Formatter formatter) {
            this.formatter = formatter == null ? new java.util.logging.SimpleFormatter() : formatter;
        }

        @Override
        public String format(java.util.logging.LogRecord record) {
            return io.sark.migrate.postgres.JdbcUrl.redact(formatter.format(record));
        }
    }
}
