package io.sark.migrate.model;

import io.sark.migrate.model.annotations.PgIndex;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A registered MCP server. Its owner and team are cleared, not cascaded, when they are deleted. */
@Entity
@PgIndex(name = "ix_mcp_servers_active_name", columns = "name", where = "status = 'active'")
@PgIndex(name = "ix_mcp_servers_tags", columns = "tags", using = "gin")
@Table(name = "mcp_servers",
        uniqueConstraints = @UniqueConstraint(name = "mcp_servers_consul_id_key", columnNames = "consul_id"),
        indexes = {
                @Index(name = "ix_mcp_servers_consul_id", columnList = "consul_id", unique = true),
                @Index(name = "ix_mcp_servers_name", columnList = "name"),
                @Index(name = "ix_mcp_servers_owner_id", columnList = "owner_id"),
                @Index(name = "ix_mcp_servers_team_id", columnList = "team_id")})
public class McpServer {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    @Column(name = "id", nullable = false)
    private UUID id;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @Column(name = "description", length = 1000)
    private String description;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @Column(name = "transport", nullable = false, columnDefinition = "transporttype")
    private TransportType transport;

    @Column(name = "endpoint", length = 500)
    private String endpoint;

    @Column(name = "command", length = 500)
    private String command;

    @ColumnDefault("'2025-06-18'")
    @Column(name = "mcp_version", nullable = false, length = 20)
    private String mcpVersion = "2025-06-18";

    @JdbcTypeCode(SqlTypes.JSON)
    @ColumnDefault("'[]'::jsonb")
    @Column(name = "capabilities", nullable = false)
    private List<String> capabilities = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @ColumnDefault("'medium'::sensitivitylevel")
    @Column(name = "sensitivity_level", nullable = false, columnDefinition = "sensitivitylevel")
    private SensitivityLevel sensitivityLevel = SensitivityLevel.medium;

    @Column(name = "signature", length = 1000)
    private String signature;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @ColumnDefault("'registered'::serverstatus")
    @Column(name = "status", nullable = false, columnDefinition = "serverstatus")
    private ServerStatus status = ServerStatus.registered;

    @Column(name = "health_endpoint", length = 500)
    private String healthEndpoint;

    @Column(name = "last_health_check")
    private Instant lastHealthCheck;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "owner_id", foreignKey = @ForeignKey(name = "mcp_servers_owner_id_fkey"))
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private User owner;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "team_id", foreignKey = @ForeignKey(name = "mcp_servers_team_id_fkey"))
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private Team team;

    @Column(name = "consul_id", length = 255)
    private String consulId;

    @JdbcTypeCode(SqlTypes.JSON)
    @ColumnDefault("'[]'::jsonb")
    @Column(name = "tags", nullable = false)
    private List<String> tags = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @ColumnDefault("'{}'::jsonb")
    @Column(name = "extra_metadata", nullable = false)
    private Map<String, Object> extraMetadata = new HashMap<>();

    @CreationTimestamp
    @ColumnDefault("now()")
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @UpdateTimestamp
    @ColumnDefault("now()")
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected McpServer() {
    }

    public McpServer(String name, TransportType transport) {
        this.name = name;
        this.transport = transport;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public TransportType getTransport() { return transport; }
    public void setTransport(TransportType transport) { this.transport = transport; }
    public String getEndpoint() { return endpoint; }
    public void setEndpoint(String endpoint) { this.endpoint = endpoint; }
    public String getCommand() { return command; }
    public void setCommand(String command) { this.command = command; }
    public String getMcpVersion() { return mcpVersion; }
    public void setMcpVersion(String mcpVersion) { this.mcpVersion = mcpVersion; }
    public List<String> getCapabilities() { return capabilities; }
    public void setCapabilities(List<String> capabilities) { this.capabilities = capabilities; }
    public SensitivityLevel getSensitivityLevel() { return sensitivityLevel; }
    public void setSensitivityLevel(SensitivityLevel sensitivityLevel) { this.sensitivityLevel = sensitivityLevel; }
    public String getSignature() { return signature; }
    public void setSignature(String signature) { this.signature = signature; }
    public ServerStatus getStatus() { return status; }
    public void setStatus(ServerStatus status) { this.status = status; }
    public String getHealthEndpoint() { return healthEndpoint; }
    public void setHealthEndpoint(String healthEndpoint) { this.healthEndpoint = healthEndpoint; }
    public Instant getLastHealthCheck() { return lastHealthCheck; }
    public void setLastHealthCheck(Instant lastHealthCheck) { this.lastHealthCheck = lastHealthCheck; }
    public User getOwner() { return owner; }
    public void setOwner(User owner) { this.owner = owner; }
    public Team getTeam() { return team; }
    public void setTeam(Team team) { this.team = team; }
    public String getConsulId() { return consulId; }
    public void setConsulId(String consulId) { this.consulId = consulId; }
    public List<String> getTags() { return tags; }
    public void setTags(List<String> tags) { this.tags = tags; }
    public Map<String, Object> getExtraMetadata() { return extraMetadata; }
    public void setExtraMetadata(Map<String, Object> extraMetadata) { this.extraMetadata = extraMetadata; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
