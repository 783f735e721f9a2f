package io.sark.migrate.hibernate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application's Hibernate settings, from a properties file or from Spring Boot's configuration. */
class HibernateSettingsTest {

    @Test
    void springBootsYamlGivesItsNamingWithSpringBootsDefaultsAndItsHibernateProperties(@TempDir Path dir) throws Exception {
        Path yml = dir.resolve("application.yml");
        Files.writeString(yml, """
                spring:
                  datasource:
                    url: jdbc:postgresql://db/app
                  jpa:
                    hibernate:
                      naming:
                        physicalStrategy: org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl
                    properties:
                      hibernate:
                        type.preferred_uuid_jdbc_type: CHAR
                        id.db_structure_naming_strategy: legacy
                """);

        assertThat(HibernateSettings.fromSpringBoot(yml).properties()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "hibernate.physical_naming_strategy", "org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl",
                "hibernate.implicit_naming_strategy", "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy",
                "hibernate.type.preferred_uuid_jdbc_type", "CHAR",
                "hibernate.id.db_structure_naming_strategy", "legacy"));
    }

    @Test
    void springBootsPropertiesWithoutNamingGetSpringBootsDefaults(@TempDir Path dir) throws Exception {
        Path properties = dir.resolve("application.properties");
        Files.writeString(properties, "spring.jpa.show-sql=true\nspring.jpa.properties.hibernate.globally_quoted_identifiers=true\n");

        assertThat(HibernateSettings.fromSpringBoot(properties).properties()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "hibernate.physical_naming_strategy", "org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy",
                "hibernate.implicit_naming_strategy", "org.springframework.boot.orm.jpa.hibernate.SpringImplicitNamingStrategy",
                "hibernate.globally_quoted_identifiers", "true"));
    }

    @Test
    void aBrokenYamlFileIsOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        Path yml = dir.resolve("application.yml");
        Files.writeString(yml, "spring:\n  jpa: [unclosed\n");

        assertThatThrownBy(() -> HibernateSettings.fromSpringBoot(yml))
                .isInstanceOf(HibernateSettings.SettingsException.class)
                .hasMessageStartingWith("Could not read Spring Boot settings from " + yml + ":")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
