package io.sark.migrate.hibernate;

import org.hibernate.boot.model.naming.Identifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in for Hibernate 7's snake-case naming, name by name, where 6.6's CamelCaseToUnderscores differs too. */
class SnakeCaseNamingTest {

    @Test
    void namesAreSnakeCasedAsHibernate7DoesIt() {
        assertThat(SnakeCaseNaming.apply(Identifier.toIdentifier("firstName")).getText()).isEqualTo("first_name");
        assertThat(SnakeCaseNaming.apply(Identifier.toIdentifier("h5Html")).getText()).as("a digit before a capital").isEqualTo("h5_html");
        assertThat(SnakeCaseNaming.apply(Identifier.toIdentifier("OrderID")).getText()).as("capitals together are not split").isEqualTo("orderid");
        assertThat(SnakeCaseNaming.apply(Identifier.toIdentifier("CustomerAccount")).getText()).isEqualTo("customer_account");
        assertThat(SnakeCaseNaming.apply(new Identifier("address.zipCode", false)).getText()).isEqualTo("address_zip_code");
        assertThat(SnakeCaseNaming.apply(new Identifier("Keep Me", true)).getText()).as("quoted").isEqualTo("Keep Me");
    }
}
