package io.sark.migrate.lint;

/**
 * One thing a rule found in one changeset.
 *
 * @param code      the rule's stable code (DS101, …)
 * @param rule      the rule's kebab-case name
 * @param severity  how much it matters here
 * @param revision  the revision the changeset belongs to
 * @param changeSet the changeset's id
 * @param message   what is wrong, naming the object, and what to do
 */
public record Finding(String code, String rule, Severity severity, String revision, String changeSet, String message) {
}
