package io.sark.migrate.migrations;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.model.ApiKey;
import io.sark.migrate.model.AuditEvent;
import io.sark.migrate.model.AuditEventType;
import io.sark.migrate.model.McpServer;
import io.sark.migrate.model.McpTool;
import io.sark.migrate.model.Policy;
import io.sark.migrate.model.PolicyStatus;
import io.sark.migrate.model.PolicyType;
import io.sark.migrate.model.PolicyVersion;
import io.sark.migrate.model.SarkEntities;
import io.sark.migrate.model.SensitivityLevel;
import io.sark.migrate.model.ServerStatus;
import io.sark.migrate.model.SeverityLevel;
import io.sark.migrate.model.Team;
import io.sark.migrate.model.TeamMembership;
import io.sark.migrate.model.TransportType;
import io.sark.migrate.model.User;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.tool.schema.spi.SchemaManagementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entities and the changelog describe the same schema: Hibernate validates it, and every entity round-trips. */
@ExtendWith(FreshDatabase.class)
class EntityMappingTest {

    private TestDatabase db;

    @BeforeEach
    void migrateToHead(TestDatabase db) throws SQLException {
        this.db = db;
        try (Migrator migrator = Migrator.open(db.connect())) {
            migrator.upgradeToHead();
        }
    }

    @Test
    void hibernateSchemaValidationAcceptsTheDatabaseAtHead() {
        try (SessionFactory sessions = sessionFactory("validate")) {
            assertThat(sessions.getMetamodel().getEntities()).hasSize(SarkEntities.ALL.size());
        }
    }

    @Test
    void hibernateSchemaValidationRejectsADriftedDatabase() throws SQLException {
        db.execute("ALTER TABLE mcp_tools DROP COLUMN parameters_schema");

        assertThatThrownBy(() -> sessionFactory("validate").close())
                .isInstanceOf(SchemaManagementException.class)
                .hasMessageContaining("parameters_schema");
    }

    @Test
    void everyEntityPersistsAndReloadsWithEnumJsonArrayAndForeignKeyValues() throws SQLException {
        LocalDateTime expiry = LocalDateTime.now().plusDays(30).truncatedTo(ChronoUnit.MICROS);
        Ids ids = new Ids();
        try (SessionFactory sessions = sessionFactory("validate")) {
            sessions.inTransaction(s -> {
                User user = new User("ada@example.com", "Ada Lovelace", "bcrypt$hash");
                user.setExtraMetadata(Map.of("theme", "dark"));
                s.persist(user);
                Team team = new Team("platform");
                s.persist(team);
                s.persist(new TeamMembership(user, team));

                McpServer server = new McpServer("files", TransportType.stdio);
                server.setCommand("mcp-files --root /srv");
                server.setSensitivityLevel(SensitivityLevel.high);
                server.setStatus(ServerStatus.active);
                server.setCapabilities(List.of("tools", "resources"));
                server.setOwner(user);
                server.setTeam(team);
                s.persist(server);
                McpTool tool = new McpTool(server, "read_file");
                tool.setParametersSchema(Map.of("type", "object"));
                tool.setSensitivityLevel(SensitivityLevel.critical);
                s.persist(tool);

                ApiKey key = new ApiKey(user.getId(), "ci", "sk_live_ab12", "sha256$x");
                key.setScopes(List.of("server:read", "server:write"));
                key.setExpiresAt(expiry);
                s.persist(key);

                Policy policy = new Policy("allow-read", PolicyType.validation);
                policy.setStatus(PolicyStatus.active);
                s.persist(policy);
                PolicyVersion version = new PolicyVersion(policy, 1, "package sark\nallow := true");
                version.setCreatedBy(user);
                s.persist(version);
                policy.setCurrentVersion(version);

                AuditEvent event = new AuditEvent(AuditEventType.authorization_denied);
                event.setSeverity(SeverityLevel.critical);
                event.setServerId(server.getId());
                event.setDetails(Map.of("reason", "no policy", "attempts", 3));
                s.persist(event);

                ids.user = user.getId();
                ids.team = team.getId();
                ids.server = server.getId();
                ids.tool = tool.getId();
                ids.key = key.getId();
                ids.policy = policy.getId();
                ids.version = version.getId();
                ids.event = event.getKey();
            });

            sessions.inTransaction(s -> {
                User user = s.get(User.class, ids.user);
                assertThat(user.getEmail()).isEqualTo("ada@example.com");
                assertThat(user.getRole()).isEqualTo("developer");
                assertThat(user.getExtraMetadata()).containsEntry("theme", "dark");
                assertThat(user.getCreatedAt()).isNotNull();

                assertThat(s.get(TeamMembership.class, new TeamMembership.Key(ids.user, ids.team))).isNotNull();

                McpServer server = s.get(McpServer.class, ids.server);
                assertThat(server.getTransport()).isEqualTo(TransportType.stdio);
                assertThat(server.getSensitivityLevel()).isEqualTo(SensitivityLevel.high);
                assertThat(server.getStatus()).isEqualTo(ServerStatus.active);
                assertThat(server.getCapabilities()).containsExactly("tools", "resources");
                assertThat(server.getOwner().getId()).isEqualTo(ids.user);
                assertThat(server.getTeam().getId()).isEqualTo(ids.team);
                assertThat(server.getMcpVersion()).isEqualTo("2025-06-18");

                McpTool tool = s.get(McpTool.class, ids.tool);
                assertThat(tool.getServer().getId()).isEqualTo(ids.server);
                assertThat(tool.getParametersSchema()).containsEntry("type", "object");

                ApiKey key = s.get(ApiKey.class, ids.key);
                assertThat(key.getScopes()).containsExactly("server:read", "server:write");
                assertThat(key.getExpiresAt()).isEqualTo(expiry);
                assertThat(key.getRateLimit()).isEqualTo(1000);

                Policy policy = s.get(Policy.class, ids.policy);
                assertThat(policy.getPolicyType()).isEqualTo(PolicyType.validation);
                assertThat(policy.getCurrentVersion().getId()).isEqualTo(ids.version);
                assertThat(policy.getCurrentVersion().getCreatedBy().getId()).isEqualTo(ids.user);

                AuditEvent event = s.get(AuditEvent.class, ids.event);
                assertThat(event.getEventType()).isEqualTo(AuditEventType.authorization_denied);
                assertThat(event.getSeverity()).isEqualTo(SeverityLevel.critical);
                assertThat(event.getDetails()).containsEntry("reason", "no policy").containsEntry("attempts", 3);
            });
        }

        // What reached the database is PostgreSQL's own labels and types, not Java's names.
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT transport::text, sensitivity_level::text, status::text,"
                     + " jsonb_typeof(capabilities) FROM mcp_servers")) {
            rs.next();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .containsExactly("stdio", "high", "active", "array");
        }
    }

    @Test
    void foreignKeysCarrySarksDeleteActions() throws SQLException {
        UUID[] ids = new UUID[3];
        try (SessionFactory sessions = sessionFactory("validate")) {
            sessions.inTransaction(s -> {
                User user = new User("grace@example.com", "Grace Hopper", "x");
                s.persist(user);
                McpServer server = new McpServer("search", TransportType.http);
                server.setOwner(user);
                s.persist(server);
                s.persist(new McpTool(server, "query"));
                ids[0] = user.getId();
                ids[1] = server.getId();
            });
        }
        db.execute("DELETE FROM users WHERE id = '" + ids[0] + "'");
        assertThat(queryInt("SELECT count(*) FROM mcp_servers WHERE owner_id IS NULL")).as("owner cleared").isEqualTo(1);
        db.execute("DELETE FROM mcp_servers WHERE id = '" + ids[1] + "'");
        assertThat(queryInt("SELECT count(*) FROM mcp_tools")).as("tools cascade with their server").isZero();
    }

    private int queryInt(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private SessionFactory sessionFactory(String schemaAction) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, db.jdbcUrl())
                .applySetting(AvailableSettings.HBM2DDL_AUTO, schemaAction)
                .applySetting(AvailableSettings.POOL_SIZE, "2")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            SarkEntities.ALL.forEach(sources::addAnnotatedClass);
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    private static final class Ids {
        UUID user;
        UUID team;
        UUID server;
        UUID tool;
        UUID key;
        UUID policy;
        UUID version;
        AuditEvent.Key event;
    }
}
