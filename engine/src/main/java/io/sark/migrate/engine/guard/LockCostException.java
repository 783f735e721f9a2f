package io.sark.migrate.engine.guard;

import io.sark.migrate.errors.SarkMigrateException;

/** An upgrade refused because a pending changeset is expected to hold a lock writers wait for longer than allowed; nothing ran. */
public final class LockCostException extends SarkMigrateException {

    public LockCostException(String message) {
        super(Kind.FAILED, message);
    }
}
