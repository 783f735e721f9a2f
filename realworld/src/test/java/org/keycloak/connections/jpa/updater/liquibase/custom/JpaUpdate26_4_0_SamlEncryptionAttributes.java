package org.keycloak.connections.jpa.updater.liquibase.custom;

/** Keycloak's JpaUpdate26_4_0_SamlEncryptionAttributes, standing in (see {@link StandIn}). */
public class JpaUpdate26_4_0_SamlEncryptionAttributes extends StandIn {
}
