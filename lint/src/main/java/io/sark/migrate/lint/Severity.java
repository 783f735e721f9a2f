package io.sark.migrate.lint;

/** How much a finding matters: an error fails the lint (non-zero exit), a warning is reported, off is not checked. */
public enum Severity {
    ERROR, WARNING, OFF
}
