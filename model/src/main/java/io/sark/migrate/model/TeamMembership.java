package io.sark.migrate.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * A user's membership of a team (table {@code user_teams}); the primary key is the pair. The membership goes when
 * its user or its team is deleted.
 */
@Entity
@Table(name = "user_teams", indexes = {
        @Index(name = "ix_user_teams_team_id", columnList = "team_id"),
        @Index(name = "ix_user_teams_user_id", columnList = "user_id")})
public class TeamMembership {

    /** The membership's key: a user and a team. */
    @Embeddable
    public static class Key implements Serializable {

        @Column(name = "user_id", nullable = false)
        private UUID userId;

        @Column(name = "team_id", nullable = false)
        private UUID teamId;

        protected Key() {
        }

        public Key(UUID userId, UUID teamId) {
            this.userId = userId;
            this.teamId = teamId;
        }

        public UUID getUserId() { return userId; }
        public UUID getTeamId() { return teamId; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Objects.equals(userId, other.userId) && Objects.equals(teamId, other.teamId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, teamId);
        }
    }

    @EmbeddedId
    private Key id;

    @MapsId("userId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, foreignKey = @ForeignKey(name = "user_teams_user_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    @MapsId("teamId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "team_id", nullable = false, foreignKey = @ForeignKey(name = "user_teams_team_id_fkey"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Team team;

    protected TeamMembership() {
    }

    public TeamMembership(User user, Team team) {
        this.id = new Key(user.getId(), team.getId());
        this.user = user;
        this.team = team;
    }

    public Key getId() { return id; }
    public User getUser() { return user; }
    public Team getTeam() { return team; }
}
