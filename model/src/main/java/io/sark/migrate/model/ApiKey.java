package io.sark.migrate.model;

import io.sark.migrate.model.annotations.PgIndex;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.Comment;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;

import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * An API key issued to a user (and optionally a team). Only the key's prefix and hash are stored.
 *
 * <p>As in SARK, this table's timestamps are naive ({@code timestamp without time zone}, hence {@link LocalDateTime}),
 * and its user, team and revoker ids are plain columns without foreign keys.
 */
@Entity
@PgIndex(name = "ix_api_keys_active_user", columns = "user_id", where = "is_active AND revoked_at IS NULL")
@Table(name = "api_keys",
        uniqueConstraints = @UniqueConstraint(name = "api_keys_key_prefix_key", columnNames = "key_prefix"),
        indexes = {
                @Index(name = "ix_api_keys_expires_at", columnList = "expires_at"),
                @Index(name = "ix_api_keys_is_active", columnList = "is_active"),
                @Index(name = "ix_api_keys_key_prefix", columnList = "key_prefix", unique = true),
                @Index(name = "ix_api_keys_team_id", columnList = "team_id"),
                @Index(name = "ix_api_keys_user_id", columnList = "user_id")})
public class ApiKey {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    @Column(name = "id", nullable = false)
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "team_id")
    private UUID teamId;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @Column(name = "description", columnDefinition = "text")
    private String description;

    @Column(name = "key_prefix", nullable = false, length = 16)
    private String keyPrefix;

    @Column(name = "key_hash", nullable = false, length = 255)
    private String keyHash;

    // An array, not a list: Hibernate maps a List<String> attribute to JSON, an array to a PostgreSQL array.
    @ColumnDefault("'{}'::character varying[]")
    @Comment("List of permission scopes (e.g., 'server:read', 'server:write')")
    @Column(name = "scopes", nullable = false, columnDefinition = "character varying[]")
    private String[] scopes = {};

    @ColumnDefault("1000")
    @Comment("Maximum requests per minute")
    @Column(name = "rate_limit", nullable = false)
    private int rateLimit = 1000;

    @ColumnDefault("true")
    @Column(name = "is_active", nullable = false)
    private boolean active = true;

    @Column(name = "expires_at")
    private LocalDateTime expiresAt;

    @Column(name = "last_used_at")
    private LocalDateTime lastUsedAt;

    @Column(name = "last_used_ip", length = 45)
    private String lastUsedIp;

    @ColumnDefault("0")
    @Column(name = "usage_count", nullable = false)
    private int usageCount;

    @CreationTimestamp
    @ColumnDefault("now()")
    @Column(name = "created_at", nullable = false, updatable = false)
    private LocalDateTime createdAt;

    @UpdateTimestamp
    @ColumnDefault("now()")
    @Column(name = "updated_at", nullable = false)
    private LocalDateTime updatedAt;

    @Column(name = "revoked_at")
    private LocalDateTime revokedAt;

    @Column(name = "revoked_by")
    private UUID revokedBy;

    protected ApiKey() {
    }

    public ApiKey(UUID userId, String name, String keyPrefix, String keyHash) {
        this.userId = userId;
        this.name = name;
        this.keyPrefix = keyPrefix;
        this.keyHash = keyHash;
    }

    public UUID getId() { return id; }
    public UUID getUserId() { return userId; }
    public void setUserId(UUID userId) { this.userId = userId; }
    public UUID getTeamId() { return teamId; }
    public void setTeamId(UUID teamId) { this.teamId = teamId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getKeyPrefix() { return keyPrefix; }
    public void setKeyPrefix(String keyPrefix) { this.keyPrefix = keyPrefix; }
    public String getKeyHash() { return keyHash; }
    public void setKeyHash(String keyHash) { this.keyHash = keyHash; }
    public List<String> getScopes() { return List.of(scopes); }
    public void setScopes(List<String> scopes) { this.scopes = scopes.toArray(String[]::new); }
    public int getRateLimit() { return rateLimit; }
    public void setRateLimit(int rateLimit) { this.rateLimit = rateLimit; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public LocalDateTime getExpiresAt() { return expiresAt; }
    public void setExpiresAt(LocalDateTime expiresAt) { this.expiresAt = expiresAt; }
    public LocalDateTime getLastUsedAt() { return lastUsedAt; }
    public void setLastUsedAt(LocalDateTime lastUsedAt) { this.lastUsedAt = lastUsedAt; }
    public String getLastUsedIp() { return lastUsedIp; }
    public void setLastUsedIp(String lastUsedIp) { this.lastUsedIp = lastUsedIp; }
    public int getUsageCount() { return usageCount; }
    public void setUsageCount(int usageCount) { this.usageCount = usageCount; }
    public LocalDateTime getCreatedAt() { return createdAt; }
    public LocalDateTime getUpdatedAt() { return updatedAt; }
    public LocalDateTime getRevokedAt() { return revokedAt; }
    public void setRevokedAt(LocalDateTime revokedAt) { this.revokedAt = revokedAt; }
    public UUID getRevokedBy() { return revokedBy; }
    public void setRevokedBy(UUID revokedBy) { this.revokedBy = revokedBy; }
}
