package org.keycloak.connections.jpa.updater.liquibase.custom;

import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * A stand-in for Keycloak's custom changes, which need a running Keycloak (its session and providers): each of the
 * classes beside this one takes the name of one of them, so that Keycloak's changelog runs on an empty database, and
 * does nothing. What they would do is move data between Keycloak's own rows (their statements, read from the classes
 * in keycloak-model-jpa 26.4.0, are UPDATE, DELETE and INSERT; the one that touches constraints runs only on MySQL and
 * MariaDB); on an empty database there is none, and none of them changes the schema on PostgreSQL. Keycloak's own
 * Liquibase extensions in that jar (its createIndex among them) are not stood in for: they run as in Keycloak. Test
 * classes come before keycloak-model-jpa on the class path, so these win.
 */
public abstract class StandIn implements CustomTaskChange {

    @Override
    public void execute(Database database) {
    }

    @Override
    public String getConfirmationMessage() {
        return getClass().getSimpleName() + " (a stand-in: nothing to migrate on an empty database)";
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
