package io.sark.migrate.model;

/**
 * How sensitive an MCP server or tool is; shared by {@code mcp_servers} and {@code mcp_tools}.
 *
 * <p>Mapped to the PostgreSQL enum type {@code sensitivitylevel}. The constants are spelled exactly as the type's labels, in the
 * type's order, because Hibernate stores {@link Enum#name()}: that is what keeps the Java side and the database
 * agreeing (SARK's Python models stored upper-case names, which the lower-case type rejected on insert).
 */
public enum SensitivityLevel {
    low,
    medium,
    high,
    critical;
}
