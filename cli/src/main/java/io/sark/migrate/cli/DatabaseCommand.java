package io.sark.migrate.cli;

import io.sark.migrate.diagnostics.MigrationListener;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.JdbcUrl;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** What every command that works on a database shares: the connection and changelog options, --json, the output. */
abstract class DatabaseCommand implements Callable<Integer> {

    @ParentCommand
    SarkMigrate app;

    @Mixin
    DatabaseOptions database;

    @Mixin
    JsonOption output;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    boolean json() {
        return output.json;
    }

    /**
     * The options of {@code mixins} (the database and changelog, the entities, the shadow) that the user gave this
     * command, as shell words in the order given: what a "run this next" line repeats, so that the next command works on
     * the same database, changelog and entities. A URL's password is left out (it would be printed; see
     * {@link #passwordLeftOut()}).
     */
    List<String> given(Class<?>... mixins) {
        Set<OptionSpec> repeated = new HashSet<>();
        for (CommandSpec mixin : spec.mixins().values()) {
            if (List.of(mixins).contains(mixin.userObject().getClass())) {
                repeated.addAll(mixin.options());
            }
        }
        List<String> words = new ArrayList<>();
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (!repeated.contains(option)) {
                continue;
            }
            if (option.arity().max() == 0) {
                words.add(option.longestName());
                continue;
            }
            for (String value : option.originalStringValues()) {
                words.add(option.longestName());
                words.add(Invocations.word(option.longestName().equals("--url") ? withoutPassword(value) : value));
            }
        }
        return words;
    }

    /** {@code url} without its password; redacted when it cannot be read (its failure is said elsewhere). */
    private static String withoutPassword(String url) {
        try {
            return ConnectionSettings.resolve(url, null, Map.of()).map(ConnectionSettings::url).orElse(url);
        } catch (RuntimeException unreadable) {
            return JdbcUrl.redact(url);
        }
    }

    /** For a "run this next" line that repeats a URL whose password it left out: how to give it again; else empty. */
    String passwordLeftOut() {
        return database.url != null && !withoutPassword(database.url).equals(database.url)
                ? " (the URL's password left out: give it again with SARK_MIGRATE_PASSWORD or --password-file)" : "";
    }

    Session openSession(MigrationListener listener) {
        return Session.open(app.context, database, err(), listener, app.verbose);
    }
}
