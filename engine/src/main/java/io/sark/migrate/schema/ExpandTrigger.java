package io.sark.migrate.schema;

import java.io.Serializable;

/**
 * A trigger sark-migrate adds for the expand phase of a change, so the application version still running keeps
 * working (a new required column filled on each row it writes without it), and drops in the contract phase, once that
 * version is gone. No entity declares one: a database that has one is between the two phases. Its function has its
 * name, and fires before each insert and update of each row.
 *
 * @param name    the trigger's name, and its function's ({@code sark_fill_users_timezone})
 * @param table   the table it fires on
 * @param body    the function's body, in PL/pgSQL
 * @param purpose what it does, for people (the trigger's comment)
 */
public record ExpandTrigger(String name, String table, String body, String purpose) implements Serializable {

    /** What every expand trigger's name starts with. */
    public static final String PREFIX = "sark_";
}
