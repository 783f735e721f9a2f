package io.sark.migrate.changes;

/**
 * PostgreSQL's table-level lock modes, weakest first, as the manual's "Explicit Locking" lists them, and NONE for a
 * statement that takes no lock on a table that already holds data.
 */
public enum LockLevel {
    NONE,
    ACCESS_SHARE,
    ROW_SHARE,
    ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    SHARE,
    SHARE_ROW_EXCLUSIVE,
    EXCLUSIVE,
    ACCESS_EXCLUSIVE;

    /** Whether the lock waits for, and then holds off, the application's INSERT/UPDATE/DELETE (ROW EXCLUSIVE). */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    /** Whether it also holds off plain SELECTs (ACCESS SHARE). */
    public boolean blocksReads() {
        return this == ACCESS_EXCLUSIVE;
    }

    /** As PostgreSQL spells it: "ACCESS EXCLUSIVE". */
    public String label() {
        return name().replace('_', ' ');
    }

    /** What the lock lets other sessions do, for the review. */
    public String effect() {
        return switch (this) {
            case NONE -> "no table lock";
            case ACCESS_SHARE, ROW_SHARE -> "reads and writes go on";
            case ROW_EXCLUSIVE -> "row locks only: reads and other writes go on";
            case SHARE_UPDATE_EXCLUSIVE -> "reads and writes go on";
            case SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE -> "reads go on, writes wait";
            case ACCESS_EXCLUSIVE -> "reads and writes wait";
        };
    }

    public static LockLevel strongest(LockLevel a, LockLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
