package io.sark.migrate.engine.session;

import io.sark.migrate.diagnostics.MigrationListener;
import liquibase.ui.LoggerUIService;

/** Liquibase's user-interface messages (progress, and the database's notices) handed to a {@link MigrationListener}. */
final class ListenerUIService extends LoggerUIService {

    private final MigrationListener listener;

    ListenerUIService(MigrationListener listener) {
        this.listener = listener;
    }

    @Override
    public void sendMessage(String message) {
        super.sendMessage(message);
        listener.message(message);
    }
}
