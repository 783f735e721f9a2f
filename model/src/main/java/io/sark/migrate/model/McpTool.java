package io.sark.migrate.model;

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
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A tool that an MCP server offers. Deleted with its server. */
@Entity
@Table(name = "mcp_tools", indexes = {
        @Index(name = "ix_mcp_tools_name", columnList = "name"),
        @Index(name = "ix_mcp_tools_server_id", columnList = "server_id")})
public class McpTool {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    @Column(name = "id", nullable = false)
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "server_id", nullable = false, foreignKey = @ForeignKey(name = "mcp_tools_server_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private McpServer server;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @Column(name = "description", columnDefinition = "text")
    private String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @ColumnDefault("'{}'::jsonb")
    @Column(name = "parameters_schema", nullable = false)
    private Map<String, Object> parametersSchema = new HashMap<>();

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @ColumnDefault("'medium'::sensitivitylevel")
    @Column(name = "sensitivity_level", nullable = false, columnDefinition = "sensitivitylevel")
    private SensitivityLevel sensitivityLevel = SensitivityLevel.medium;

    @ColumnDefault("false")
    @Column(name = "requires_approval", nullable = false)
    private boolean requiresApproval;

    @Column(name = "signature", length = 1000)
    private String signature;

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

    protected McpTool() {
    }

    public McpTool(McpServer server, String name) {
        this.server = server;
        this.name = name;
    }

    public UUID getId() { return id; }
    public McpServer getServer() { return server; }
    public void setServer(McpServer server) { this.server = server; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public Map<String, Object> getParametersSchema() { return parametersSchema; }
    public void setParametersSchema(Map<String, Object> parametersSchema) { this.parametersSchema = parametersSchema; }
    public SensitivityLevel getSensitivityLevel() { return sensitivityLevel; }
    public void setSensitivityLevel(SensitivityLevel sensitivityLevel) { this.sensitivityLevel = sensitivityLevel; }
    public boolean isRequiresApproval() { return requiresApproval; }
    public void setRequiresApproval(boolean requiresApproval) { this.requiresApproval = requiresApproval; }
    public String getSignature() { return signature; }
    public void setSignature(String signature) { this.signature = signature; }
    public Map<String, Object> getExtraMetadata() { return extraMetadata; }
    public void setExtraMetadata(Map<String, Object> extraMetadata) { this.extraMetadata = extraMetadata; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
