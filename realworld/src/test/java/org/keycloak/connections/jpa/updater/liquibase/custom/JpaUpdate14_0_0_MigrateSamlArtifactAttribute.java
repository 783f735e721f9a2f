package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate14_0_0_MigrateSamlArtifactAttribute, standing in (see {@link StandIn}). */
public class JpaUpdate14_0_0_MigrateSamlArtifactAttribute extends StandIn {
}
