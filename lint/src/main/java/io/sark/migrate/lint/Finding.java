package io.sark.migrate.lint;

/**
 * One thing a rule found in one changeset (or one SQL file).
 *
 * @param code      the rule's stable code (DS101, …)
 * @param rule      the rule's kebab-case name
 * @param severity  how much it matters here
 * @param revision  the revision the changeset belongs to (a SQL file's name)
 * @param changeSet the changeset's id (a SQL file's name)
 * @param message   what is wrong, naming the object, and what to do
 * @param file      the file it is in, as given (null where it is not known)
 * @param line      the line in that file: the statement's, or the changeset's (0 where it is not known)
 */
public record Finding(String code, String rule, Severity severity, String revision, String changeSet, String message, String file,
                      int line) {

    public Finding(String code, String rule, Severity severity, String revision, String changeSet, String message) {
        this(code, rule, severity, revision, changeSet, message, null, 0);
    }

    /** "db/V3__index.sql:4", or the changeset's id where the file is not known. */
    public String where() {
        return file == null ? changeSet : line > 0 ? file + ":" + line : file;
    }
}
