package io.sark.migrate.model;

import io.sark.migrate.model.annotations.Hypertable;
import io.sark.migrate.model.annotations.PgIndex;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One entry of the append-only audit trail: a TimescaleDB hypertable partitioned by {@code timestamp} where the
 * extension is installed, a plain table elsewhere, keeping 90 days and compressing after 7, segmented by event type
 * (the policies SARK's guide describes). User, server and policy are copied ids, not foreign keys, so events outlive
 * what they describe.
 *
 * <p>The primary key is {@code (id, timestamp)}: TimescaleDB needs the time column in it (SARK's {@code (id)} alone
 * made revision 004 skip the conversion; revision 005 changes the key and converts).
 */
@Entity
@IdClass(AuditEvent.Key.class)
@Hypertable(timeColumn = "timestamp", compressSegmentBy = "event_type", compressAfter = "7 days", retention = "90 days")
@PgIndex(name = "ix_audit_events_high_severity", columns = "timestamp DESC", where = "severity IN ('high', 'critical')")
@PgIndex(name = "ix_audit_events_user_time", columns = {"user_id", "timestamp DESC"})
@PgIndex(name = "ix_audit_events_details", columns = "details", using = "gin")
@Table(name = "audit_events", indexes = {
        @Index(name = "ix_audit_events_event_type", columnList = "event_type"),
        @Index(name = "ix_audit_events_request_id", columnList = "request_id"),
        @Index(name = "ix_audit_events_server_id", columnList = "server_id"),
        @Index(name = "ix_audit_events_timestamp", columnList = "timestamp"),
        @Index(name = "ix_audit_events_tool_name", columnList = "tool_name"),
        @Index(name = "ix_audit_events_user_id", columnList = "user_id")})
public class AuditEvent {

    /** An event's key: its id and its time (microseconds, as PostgreSQL stores them). */
    public static class Key implements Serializable {

        private UUID id;
        private Instant timestamp;

        protected Key() {
        }

        public Key(UUID id, Instant timestamp) {
            this.id = id;
            this.timestamp = timestamp;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(id, other.id) && Objects.equals(timestamp, other.timestamp);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, timestamp);
        }
    }

    @Id
    @Column(name = "id", nullable = false)
    private UUID id = UUID.randomUUID();

    @Id
    @ColumnDefault("now()")
    @Column(name = "timestamp", nullable = false)
    private Instant timestamp = Instant.now().truncatedTo(ChronoUnit.MICROS);

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
    public Key getKey() { return new Key(id, timestamp); }
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
