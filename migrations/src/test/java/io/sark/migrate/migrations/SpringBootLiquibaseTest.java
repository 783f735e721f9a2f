package io.sark.migrate.migrations;

import io.sark.migrate.engine.Migrator;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that runs the changelog itself, as SARK's service could at start-up: Spring Boot's Liquibase
 * integration, pointed at the changelog on the class path, builds the same schema as sark-migrate.
 */
@ExtendWith(FreshDatabase.class)
class SpringBootLiquibaseTest {

    @Configuration
    @EnableAutoConfiguration
    static class Application {
    }

    @Test
    void springBootsLiquibaseIntegrationBuildsTheSameSchema(TestDatabase db) throws SQLException {
        SpringApplication app = new SpringApplication(Application.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        try (ConfigurableApplicationContext context = app.run("--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.liquibase.change-log=classpath:" + Migrator.MASTER_CHANGELOG, "--logging.level.root=WARN")) {
            assertThat(context.isRunning()).isTrue();
        }

        try (TestDatabase reference = TestPostgres.freshDatabase()) {
            try (Migrator migrator = Migrator.open(reference.connect())) {
                migrator.upgradeToHead();
            }
            assertThat(Fixtures.catalog(db).differencesFrom(Fixtures.catalog(reference))).isEmpty();
        }
        try (Migrator migrator = Migrator.open(db.connect())) {
            assertThat(migrator.currentRevision()).as("sark-migrate reads the history Spring Boot wrote").contains(migrator.revisions().head());
        }
    }
}
