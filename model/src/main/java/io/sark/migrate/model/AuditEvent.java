package io.sark.migrate.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of the append-only audit trail: a TimescaleDB hypertable partitioned by {@code timestamp} where the
 * extension is installed and the keys allow it, a plain table elsewhere. User, server and policy are copied ids,
 * not foreign keys, so events outlive what they describe.
 *
 * <p>The primary key is {@code (id)} alone, as in SARK; TimescaleDB needs {@code timestamp} in it before the table
 * can become a hypertable, and revision 004 skips the conversion (with a notice) until a later revision fixes the key.
 */
@Entity
@Table(name = "audit_events", indexes = {
        @Index(name = "ix_audit_events_event_type", columnList = "event_type"),
        @Index(name = "ix_audit_events_request_id", columnList = "request_id"),
        @Index(name = "ix_audit_events_server_id", columnList = "server_id"),
        @Index(name = "ix_audit_events_timestamp", columnList = "timestamp"),
        @Index(name = "ix_audit_events_tool_name", columnList = "tool_name"),
        @Index(name = "ix_audit_events_user_id", columnList = "user_id")})
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    @Column(name = "id", nullable = false)
    private UUID id;

    @ColumnDefault("now()")
    @Column(name = "timestamp", nullable = false)
    private Instant timestamp = Instant.now();

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @Column(name = "event_type", nullable = false, columnDefinition = "auditeventtype")
    private AuditEventType eventType;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @ColumnDefault("'low'::severitylevel")
    @Column(name = "severity", nullable = false, columnDefinition = "severitylevel")
    private SeverityLevel severity = SeverityLevel.low;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "user_email", length = 255)
    private String userEmail;

    @Column(name = "server_id")
    private UUID serverId;

    @Column(name = "tool_name", length = 255)
    private String toolName;

    @Column(name = "decision", length = 20)
    private String decision;

    @Column(name = "policy_id")
    private UUID policyId;

    @Column(name = "ip_address", length = 45)
    private String ipAddress;

    @Column(name = "user_agent", length = 500)
    private String userAgent;

    @Column(name = "request_id", length = 100)
    private String requestId;

    @JdbcTypeCode(SqlTypes.JSON)
    @ColumnDefault("'{}'::jsonb")
    @Column(name = "details", nullable = false)
    private Map<String, Object> details = new HashMap<>();

    @Column(name = "siem_forwarded")
    private Instant siemForwarded;

    protected AuditEvent() {
    }

    public AuditEvent(AuditEventType eventType) {
        this.eventType = eventType;
    }

    public UUID getId() { return id; }
    public Instant getTimestamp() { return timestamp; }
    public void setTimestamp(Instant timestamp) { this.timestamp = timestamp; }
    public AuditEventType getEventType() { return eventType; }
    public void setEventType(AuditEventType eventType) { this.eventType = eventType; }
    public SeverityLevel getSeverity() { return severity; }
    public void setSeverity(SeverityLevel severity) { this.severity = severity; }
    public UUID getUserId() { return userId; }
    public void setUserId(UUID userId) { this.userId = userId; }
    public String getUserEmail() { return userEmail; }
    public void setUserEmail(String userEmail) { this.userEmail = userEmail; }
    public UUID getServerId() { return serverId; }
    public void setServerId(UUID serverId) { this.serverId = serverId; }
    public String getToolName() { return toolName; }
    public void setToolName(String toolName) { this.toolName = toolName; }
    public String getDecision() { return decision; }
    public void setDecision(String decision) { this.decision = decision; }
    public UUID getPolicyId() { return policyId; }
    public void setPolicyId(UUID policyId) { this.policyId = policyId; }
    public String getIpAddress() { return ipAddress; }
    public void setIpAddress(String ipAddress) { this.ipAddress = ipAddress; }
    public String getUserAgent() { return userAgent; }
    public void setUserAgent(String userAgent) { this.userAgent = userAgent; }
    public String getRequestId() { return requestId; }
    public void setRequestId(String requestId) { this.requestId = requestId; }
    public Map<String, Object> getDetails() { return details; }
    public void setDetails(Map<String, Object> details) { this.details = details; }
    public Instant getSiemForwarded() { return siemForwarded; }
    public void setSiemForwarded(Instant siemForwarded) { this.siemForwarded = siemForwarded; }
}
