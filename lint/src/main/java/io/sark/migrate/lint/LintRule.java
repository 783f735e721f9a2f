package io.sark.migrate.lint;

import java.util.List;

/** A lint rule: one concern, one class. Codes are grouped by concern (DS destructive, BC backward-incompatible, MF may
 * fail on existing data, LK locking, EN enum types, TS TimescaleDB, HY hygiene). */
public interface LintRule {

    /** The stable code, such as {@code DS101}. */
    String code();

    /** The kebab-case name, such as {@code drop-table}. */
    String name();

    /** One line: what the rule catches. */
    String summary();

    Severity defaultSeverity();

    /**
     * Whether the rule speaks to a plain SQL file too; a rule about what only a changeset has (its rollback, its comment,
     * how many tables it touches) does not.
     */
    default boolean forSqlFiles() {
        return true;
    }

    /** What is wrong with this changeset, one message per finding (empty when nothing is). */
    List<String> check(ChangeSetContext context);
}
