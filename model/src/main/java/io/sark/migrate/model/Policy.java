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
import java.util.UUID;

/**
 * A named policy. It points at its current version ({@code fk_policies_current_version}), which points back at it:
 * the one circular foreign key of the schema. Deleting that version clears the pointer.
 */
@Entity
@PgIndex(name = "ix_policies_active_type", columns = "policy_type", where = "status = 'active'")
@Table(name = "policies",
        uniqueConstraints = @UniqueConstraint(name = "policies_name_key", columnNames = "name"),
        indexes = @Index(name = "ix_policies_name", columnList = "name", unique = true))
public class Policy {

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
    @ColumnDefault("'authorization'::policytype")
    @Column(name = "policy_type", nullable = false, columnDefinition = "policytype")
    private PolicyType policyType = PolicyType.authorization;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    @ColumnDefault("'draft'::policystatus")
    @Column(name = "status", nullable = false, columnDefinition = "policystatus")
    private PolicyStatus status = PolicyStatus.draft;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "current_version_id", foreignKey = @ForeignKey(name = "fk_policies_current_version"))
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private PolicyVersion currentVersion;

    @CreationTimestamp
    @ColumnDefault("now()")
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @UpdateTimestamp
    @ColumnDefault("now()")
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Policy() {
    }

    public Policy(String name, PolicyType policyType) {
        this.name = name;
        this.policyType = policyType;
    }

    public UUID getId() { return id; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public PolicyType getPolicyType() { return policyType; }
    public void setPolicyType(PolicyType policyType) { this.policyType = policyType; }
    public PolicyStatus getStatus() { return status; }
    public void setStatus(PolicyStatus status) { this.status = status; }
    public PolicyVersion getCurrentVersion() { return currentVersion; }
    public void setCurrentVersion(PolicyVersion currentVersion) { this.currentVersion = currentVersion; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
