package io.sark.migrate.model;

import java.util.List;

/** Every entity of SARK's schema: what the generator reads as the desired schema, and what an application registers. */
public final class SarkEntities {

    /** In dependency order: a class comes after the classes its foreign keys point at (the circular pair aside). */
    public static final List<Class<?>> ALL = List.of(
            User.class,
            Team.class,
            TeamMembership.class,
            McpServer.class,
            McpTool.class,
            ApiKey.class,
            Policy.class,
            PolicyVersion.class,
            AuditEvent.class);

    private SarkEntities() {
    }
}
