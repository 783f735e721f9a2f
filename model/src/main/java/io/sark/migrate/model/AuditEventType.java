package io.sark.migrate.model;

/**
 * What an audit event records.
 *
 * <p>Mapped to the PostgreSQL enum type {@code auditeventtype}. The constants are spelled exactly as the type's labels, in the
 * type's order, because Hibernate stores {@link Enum#name()}: that is what keeps the Java side and the database
 * agreeing (SARK's Python models stored upper-case names, which the lower-case type rejected on insert).
 */
public enum AuditEventType {
    server_registered,
    server_updated,
    server_decommissioned,
    tool_invoked,
    authorization_allowed,
    authorization_denied,
    policy_created,
    policy_updated,
    policy_activated,
    user_login,
    user_logout,
    security_violation;
}
