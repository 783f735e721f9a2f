package io.sark.migrate.cli;

import io.sark.migrate.diagnostics.MigrationListener;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
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

    Session openSession(MigrationListener listener) {
        return Session.open(app.context, database, err(), listener, app.verbose);
    }
}
