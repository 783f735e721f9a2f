package io.sark.migrate.hibernate.mapping;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitJoinTableNameSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategyJpaCompliantImpl;

/**
 * What Spring Boot's {@code SpringImplicitNamingStrategy} does, for when Spring Boot is not on sark-migrate's class
 * path: JPA's implicit names, except that a join table is named after the owning table and the attribute
 * ({@code users_roles}), not after both entities.
 */
public final class SpringBootImplicitNaming extends ImplicitNamingStrategyJpaCompliantImpl {

    @Override
    public Identifier determineJoinTableName(ImplicitJoinTableNameSource source) {
        String name = source.getOwningPhysicalTableName() + "_" + source.getAssociationOwningAttributePath().getProperty();
        return toIdentifier(name, source.getBuildingContext());
    }
}
