package io.sark.migrate.model;

/**
 * How serious an audit event is.
 *
 * <p>Mapped to the PostgreSQL enum type {@code severitylevel}. The constants are spelled exactly as the type's labels, in the
 * type's order, because Hibernate stores {@link Enum#name()}: that is what keeps the Java side and the database
 * agreeing (SARK's Python models stored upper-case names, which the lower-case type rejected on insert).
 */
public enum SeverityLevel {
    low,
    medium,
    high,
    critical;
}
