package io.sark.migrate.cli;

import io.sark.migrate.postgres.JdbcUrl;
import picocli.CommandLine.ParseResult;

import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

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
    private static final class Redacting extends Formatter {

        private final Formatter formatter;

        Redacting(Formatter formatter) {
            this.formatter = formatter == null ? new SimpleFormatter() : formatter;
        }

        @Override
        public String format(LogRecord record) {
            return JdbcUrl.redact(formatter.format(record));
        }
    }
}
