package io.sark.migrate.changes;

/**
 * What a statement does, and the lock it takes on its table: the one table of PostgreSQL's lock levels (from the
 * manual's pages for each command), read by lint, the review, the downgrade's data-loss guard and the writer.
 */
public enum Operation {
    CREATE_TABLE(LockLevel.NONE, "creates table"),
    DROP_TABLE(LockLevel.ACCESS_EXCLUSIVE, "drops table"),
    /** Its rows go with it: REFRESH computes them again only from what the tables still hold. */
    DROP_MATERIALIZED_VIEW(LockLevel.ACCESS_EXCLUSIVE, "drops materialized view"),
    RENAME_TABLE(LockLevel.ACCESS_EXCLUSIVE, "renames table"),
    TRUNCATE(LockLevel.ACCESS_EXCLUSIVE, "truncates"),
    ADD_COLUMN(LockLevel.ACCESS_EXCLUSIVE, "adds column"),
    DROP_COLUMN(LockLevel.ACCESS_EXCLUSIVE, "drops column"),
    RENAME_COLUMN(LockLevel.ACCESS_EXCLUSIVE, "renames column"),
    ALTER_COLUMN_TYPE(LockLevel.ACCESS_EXCLUSIVE, "changes the type of"),
    SET_NOT_NULL(LockLevel.ACCESS_EXCLUSIVE, "sets NOT NULL on"),
    DROP_NOT_NULL(LockLevel.ACCESS_EXCLUSIVE, "drops NOT NULL on"),
    SET_DEFAULT(LockLevel.ACCESS_EXCLUSIVE, "sets the default of"),
    DROP_DEFAULT(LockLevel.ACCESS_EXCLUSIVE, "drops the default of"),
    ALTER_IDENTITY(LockLevel.ACCESS_EXCLUSIVE, "changes the identity of"),
    ADD_PRIMARY_KEY(LockLevel.ACCESS_EXCLUSIVE, "adds primary key"),
    ADD_UNIQUE(LockLevel.ACCESS_EXCLUSIVE, "adds unique constraint"),
    ADD_CHECK(LockLevel.ACCESS_EXCLUSIVE, "adds check"),
    /** SHARE ROW EXCLUSIVE on both the table and the table it references. */
    ADD_FOREIGN_KEY(LockLevel.SHARE_ROW_EXCLUSIVE, "adds foreign key"),
    VALIDATE_CONSTRAINT(LockLevel.SHARE_UPDATE_EXCLUSIVE, "validates constraint"),
    DROP_CONSTRAINT(LockLevel.ACCESS_EXCLUSIVE, "drops constraint"),
    RENAME_CONSTRAINT(LockLevel.ACCESS_EXCLUSIVE, "renames constraint"),
    CREATE_INDEX(LockLevel.SHARE, "creates index"),
    CREATE_INDEX_CONCURRENTLY(LockLevel.SHARE_UPDATE_EXCLUSIVE, "creates index concurrently"),
    DROP_INDEX(LockLevel.ACCESS_EXCLUSIVE, "drops index"),
    DROP_INDEX_CONCURRENTLY(LockLevel.SHARE_UPDATE_EXCLUSIVE, "drops index concurrently"),
    RENAME_INDEX(LockLevel.SHARE_UPDATE_EXCLUSIVE, "renames index"),
    /** ALTER TABLE … SET (…): TimescaleDB's compression settings take ACCESS EXCLUSIVE, as most storage options do. */
    SET_TABLE_OPTION(LockLevel.ACCESS_EXCLUSIVE, "sets table option"),
    /** Any other ALTER TABLE form: assumed the strongest. */
    ALTER_TABLE(LockLevel.ACCESS_EXCLUSIVE, "alters table"),
    COMMENT(LockLevel.SHARE_UPDATE_EXCLUSIVE, "comments on"),
    CREATE_TRIGGER(LockLevel.SHARE_ROW_EXCLUSIVE, "creates trigger on"),
    DROP_TRIGGER(LockLevel.ACCESS_EXCLUSIVE, "drops trigger on"),
    /** LOCK TABLE: the mode written (the fact's detail), ACCESS EXCLUSIVE where none is. */
    LOCK_TABLE(LockLevel.ACCESS_EXCLUSIVE, "locks"),
    WRITE_ROWS(LockLevel.ROW_EXCLUSIVE, "writes rows of"),
    CREATE_SCHEMA(LockLevel.NONE, "creates schema"),
    /** DROP DATABASE: everything in it goes. */
    DROP_DATABASE(LockLevel.NONE, "drops database"),
    /** CREATE DOMAIN; its detail is "check" when the domain carries a constraint. */
    CREATE_DOMAIN(LockLevel.NONE, "creates domain"),
    /** ALTER DOMAIN … ADD CONSTRAINT: every column of the domain is checked (not with NOT VALID), under the lock of each table. */
    ADD_DOMAIN_CONSTRAINT(LockLevel.NONE, "adds a constraint to domain"),
    /** BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT: the fact's name is the word ("begin", "commit", "rollback"). */
    TRANSACTION_CONTROL(LockLevel.NONE, "runs"),
    DROP_SCHEMA(LockLevel.NONE, "drops schema"),
    CREATE_TYPE(LockLevel.NONE, "creates type"),
    ADD_ENUM_VALUE(LockLevel.NONE, "adds enum value to"),
    DROP_ENUM_VALUE(LockLevel.NONE, "removes an enum value from"),
    /**
     * An enum value removed by replacing the type (the rollback of an added value): each column of it is moved to the
     * new type, which rewrites its table under ACCESS EXCLUSIVE. The fact's name is the type, its detail the value.
     */
    REPLACE_ENUM_TYPE(LockLevel.NONE, "replaces, to remove a value, enum type"),
    DROP_TYPE(LockLevel.NONE, "drops type"),
    ALTER_TYPE(LockLevel.NONE, "alters type"),
    CREATE_SEQUENCE(LockLevel.NONE, "creates sequence"),
    ALTER_SEQUENCE(LockLevel.NONE, "alters sequence"),
    DROP_SEQUENCE(LockLevel.NONE, "drops sequence"),
    /** TimescaleDB's create_hypertable: with migrate_data the rows are copied into chunks under ACCESS EXCLUSIVE. */
    CONVERT_TO_HYPERTABLE(LockLevel.ACCESS_EXCLUSIVE, "makes a hypertable of"),
    /**
     * A hypertable made a plain table again by a copy beside it, kept in step by a trigger and swapped in: ACCESS
     * EXCLUSIVE only for the swap, rows copied in batches that commit.
     */
    CONVERT_TO_PLAIN_TABLE(LockLevel.ACCESS_EXCLUSIVE, "makes a plain table again of"),
    /** add_/remove_ retention or compression policy: a background job, no lock when added. */
    TIMESCALE_POLICY(LockLevel.NONE, "changes a TimescaleDB policy on"),
    SET_SETTING(LockLevel.NONE, "sets"),
    RESET_SETTING(LockLevel.NONE, "resets"),
    CALL(LockLevel.NONE, "calls"),
    OTHER(LockLevel.NONE, "runs");

    private final LockLevel lock;
    private final String verb;

    Operation(LockLevel lock, String verb) {
        this.lock = lock;
        this.verb = verb;
    }

    /** The lock this operation takes on its table (when the table already exists). */
    public LockLevel lock() {
        return lock;
    }

    /** "drops table", for messages. */
    public String verb() {
        return verb;
    }

    /** Whether the operation can lose stored data: a table, materialized view, column or database dropped, or a table emptied. */
    public boolean destroysData() {
        return this == DROP_TABLE || this == DROP_MATERIALIZED_VIEW || this == DROP_COLUMN || this == TRUNCATE || this == DROP_DATABASE;
    }
}
