package io.sark.migrate.cli;

import io.sark.migrate.cli.fixtures.SpringStyleEntities;
import io.sark.migrate.testing.Hibernate7Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's Hibernate settings shape the schema sark-migrate compares: Spring Boot's naming, for one. */
class ApplicationSettingsTest {

    private static final String ENTITIES = SpringStyleEntities.class.getName();

    @TempDir
    Path workDir;

    private Path emptyChangelog() throws Exception {
        Path root = workDir.resolve("changelog");
        Files.createDirectories(root.resolve("db/changelog"));
        Files.writeString(root.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog:\n");
        return root;
    }

    @Test
    void springBootsConfigurationGivesSnakeCaseNames() throws Exception {
        Path root = emptyChangelog();
        Path yml = workDir.resolve("application.yml");
        Files.writeString(yml, "spring:\n  jpa:\n    show-sql: true\n");

        Cli.Run plain = new Cli(workDir).run("check", "--entities", ENTITIES, "--changelog-root", root.toString());
        Cli.Run spring = new Cli(workDir).run("revision", "-m", "accounts", "--autogenerate", "--author", "ada", "--entities", ENTITIES,
                "--spring-config", yml.toString(), "--changelog-root", root.toString());

        assertThat(plain.out()).contains("  - Create table customeraccount.");
        assertThat(spring.exitCode()).as(spring.err()).isZero();
        String revision = Files.readString(root.resolve("db/changelog/001_accounts.yaml"));
        assertThat(revision).contains("tableName: customer_account", "name: first_name", "name: last_name");
        assertThat(new Cli(workDir).run("check", "--entities", ENTITIES, "--spring-config", yml.toString(), "--changelog-root",
                root.toString()).exitCode()).isZero();
    }

    /**
     * A profile's file overlays the base one, as Spring Boot reads them: application-standard.properties names the
     * physical naming strategy that application.yml leaves at Spring Boot's default. A profile without a base file is
     * a usage error.
     */
    @Test
    void aSpringProfilesFileOverlaysTheBaseOne() throws Exception {
        Path root = emptyChangelog();
        Path yml = workDir.resolve("application.yml");
        Files.writeString(yml, "spring:\n  jpa:\n    show-sql: true\n");
        Files.writeString(workDir.resolve("application-standard.properties"),
                "spring.jpa.hibernate.naming.physical-strategy=org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl\n");

        Cli.Run base = new Cli(workDir).run("check", "--entities", ENTITIES, "--spring-config", yml.toString(), "--changelog-root", root.toString());
        Cli.Run profiled = new Cli(workDir).run("check", "--entities", ENTITIES, "--spring-config", yml.toString(), "--spring-profiles",
                "dev,standard", "--changelog-root", root.toString());
        Cli.Run alone = new Cli(workDir).run("check", "--entities", ENTITIES, "--spring-profiles", "standard", "--changelog-root", root.toString());

        assertThat(base.out()).contains("  - Create table customer_account.");
        assertThat(profiled.out()).as(profiled.err()).contains("  - Create table customeraccount.");
        assertThat(alone.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(alone.errorLines()).isOne();
    }

    /**
     * Spring Boot 4 names Hibernate 7's PhysicalNamingStrategySnakeCaseImpl, which sark-migrate's Hibernate 6.6 lacks:
     * its stand-in names as it does (before, exit 70). A naming strategy that cannot be loaded at all is one usage line.
     */
    @Test
    void hibernate7sSnakeCaseNamingHasAStandInAndAMissingStrategyIsAUsageError() throws Exception {
        Path root = emptyChangelog();
        Path yml = workDir.resolve("application.yml");
        Files.writeString(yml, "spring:\n  jpa:\n    hibernate:\n      naming:\n"
                + "        physical-strategy: org.hibernate.boot.model.naming.PhysicalNamingStrategySnakeCaseImpl\n");
        Path missing = workDir.resolve("missing.yml");
        Files.writeString(missing, "spring:\n  jpa:\n    hibernate:\n      naming:\n        physical-strategy: com.example.Missing\n");

        Cli.Run boot4 = new Cli(workDir).run("check", "--entities", ENTITIES, "--spring-config", yml.toString(), "--changelog-root", root.toString());
        Cli.Run broken = new Cli(workDir).run("check", "--entities", ENTITIES, "--spring-config", missing.toString(), "--changelog-root", root.toString());

        assertThat(boot4.exitCode()).as(boot4.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(boot4.out()).contains("  - Create table customer_account.");
        assertThat(broken.exitCode()).as(broken.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(broken.errorLines()).isOne();
        assertThat(broken.err()).contains("com.example.Missing", "put the class on --classpath, or leave the setting out.");
    }

    /**
     * An application on Hibernate 7 (Spring Boot 4's), given by its run-time class path: its entities are read by its
     * own Hibernate, so its snake-case naming, @EmbeddedColumnNaming and JPA 3.2's comments make the schema. Before,
     * sark-migrate's Hibernate 6.6 read them in front of the application's and gave one column for two places.
     */
    @Test
    void anApplicationOnHibernate7IsReadByItsOwnHibernate() throws Exception {
        Path root = emptyChangelog();
        String classpath = Hibernate7Sample.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        String[] entities = {"--classpath", classpath, "--entities-package", "com.example.library", "--spring-config",
                Hibernate7Sample.applicationProperties().toString(), "--changelog-root", root.toString()};

        // Without the entity cache: which Hibernate reads the entities is what is asked here.
        String cache = System.getProperty("sark.migrate.entity-cache-dir");
        System.setProperty("sark.migrate.entity-cache-dir", "off");
        Cli.Run check;
        Cli.Run revision;
        try {
            check = new Cli(workDir).run(concat(new String[] {"check", "--timings"}, entities));
            revision = new Cli(workDir).run(concat(new String[] {"revision", "-m", "library", "--autogenerate", "--author", "ada"}, entities));
        } finally {
            if (cache == null) {
                System.clearProperty("sark.migrate.entity-cache-dir");
            } else {
                System.setProperty("sark.migrate.entity-cache-dir", cache);
            }
        }

        assertThat(check.exitCode()).as(check.err()).isEqualTo(ExitCodes.FAILED);
        assertThat(check.out()).contains("  - Create table author.", "  - Create table book, with CHECK constraint book_format_check (format IN ('HARDCOVER', 'PAPERBACK', 'EBOOK')).");
        assertThat(check.err()).as("the timing of the step names the Hibernate").contains("Hibernate 7.4.");
        assertThat(revision.exitCode()).as(revision.err()).isZero();
        assertThat(Files.readString(root.resolve("db/changelog/001_library.yaml")))
                .contains("name: isbn_code", "name: shelf_room", "name: store_room", "remarks: Books on the shelves");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    @Test
    void aHibernatePropertiesFileIsReadToo() throws Exception {
        Path root = emptyChangelog();
        Path properties = workDir.resolve("hibernate.properties");
        Files.writeString(properties, "hibernate.physical_naming_strategy=org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy\n");

        Cli.Run check = new Cli(workDir).run("check", "--entities", ENTITIES, "--hibernate-properties", properties.toString(),
                "--changelog-root", root.toString());

        assertThat(check.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(check.out()).contains("  - Create table customer_account.");
    }

    @Test
    void aMissingOrBrokenSettingsFileIsAUsageErrorInOneLine() throws Exception {
        Path root = emptyChangelog();
        Path broken = workDir.resolve("application.yml");
        Files.writeString(broken, "spring: [\n");

        Cli.Run missing = new Cli(workDir).run("check", "--entities", ENTITIES, "--spring-config", "nowhere.yml", "--changelog-root", root.toString());
        Cli.Run unreadable = new Cli(workDir).run("check", "--entities", ENTITIES, "--spring-config", broken.toString(),
                "--changelog-root", root.toString());

        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err().strip()).endsWith("--spring-config: no file nowhere.yml.");
        assertThat(unreadable.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unreadable.err().strip().lines().toList()).hasSize(1);
        assertThat(unreadable.err()).contains("Could not read Spring Boot settings from " + broken);
    }

    @Test
    void aNamingStrategyThatCannotBeLoadedIsAUsageErrorInOneLineBeforeAnyDatabaseStarts() throws Exception {
        Path root = emptyChangelog();
        Path properties = workDir.resolve("hibernate.properties");
        Files.writeString(properties, "hibernate.implicit_naming_strategy=com.example.Missing\n");

        Cli.Run check = new Cli(workDir).run("check", "--entities", ENTITIES, "--hibernate-properties", properties.toString(),
                "--changelog-root", root.toString());

        assertThat(check.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.err().strip().lines().toList()).containsExactly("sark-migrate: hibernate.implicit_naming_strategy="
                + "com.example.Missing cannot be loaded: Unable to resolve name [com.example.Missing] as strategy"
                + " [org.hibernate.boot.model.naming.ImplicitNamingStrategy]. Put the class on sark-migrate's class path, or leave the setting out.");
    }
}
