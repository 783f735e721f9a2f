package io.sark.migrate.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.time.Instant;
import java.util.UUID;

/** One numbered version of a policy's content; version numbers are unique per policy. Deleted with its policy. */
@Entity
@Table(name = "policy_versions", indexes = {
        @Index(name = "ix_policy_versions_policy_id", columnList = "policy_id"),
        @Index(name = "ix_policy_versions_version", columnList = "policy_id, version", unique = true)})
public class PolicyVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    @Column(name = "id", nullable = false)
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "policy_id", nullable = false, foreignKey = @ForeignKey(name = "policy_versions_policy_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Policy policy;

    @Column(name = "version", nullable = false)
    private int version;

    @Column(name = "content", nullable = false, columnDefinition = "text")
    private String content;

    @ColumnDefault("false")
    @Column(name = "is_active", nullable = false)
    private boolean active;

    @ColumnDefault("false")
    @Column(name = "tested", nullable = false)
    private boolean tested;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "created_by", foreignKey = @ForeignKey(name = "policy_versions_created_by_fkey"))
    @OnDelete(action = OnDeleteAction.SET_NULL)
    private User createdBy;

    @CreationTimestamp
    @ColumnDefault("now()")
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "notes", columnDefinition = "text")
    private String notes;

    protected PolicyVersion() {
    }

    public PolicyVersion(Policy policy, int version, String content) {
        this.policy = policy;
        this.version = version;
        this.content = content;
    }

    public UUID getId() { return id; }
    public Policy getPolicy() { return policy; }
    public int getVersion() { return version; }
    public String getContent() { return content; }
    public void setContent(String content) { this.content = content; }
    public boolean isActive() { return active; }
    public void setActive(boolean active) { this.active = active; }
    public boolean isTested() { return tested; }
    public void setTested(boolean tested) { this.tested = tested; }
    public User getCreatedBy() { return createdBy; }
    public void setCreatedBy(User createdBy) { this.createdBy = createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
}
