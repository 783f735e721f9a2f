package io.sark.migrate.maven;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plugin as a Java team uses it, by the real Maven on a sample project (src/it/shop: two entities, no database,
 * no changelog, a test with the JUnit gate), offline: its local repository is the one this build installed the plugin
 * into, backed by the user's own local repository as a file mirror, so nothing is fetched from the network.
 */
class SampleProjectIT {

    private static Path project;
    private static Path aggregator;
    private static Path library7;
    private static Path settings;

    @BeforeAll
    static void copyTheSampleProject() throws IOException {
        project = copy("shop");
        aggregator = copy("aggregator");
        library7 = copy("library7");
        // its sources and settings are module hibernate7-sample's, kept in one place
        copyTree(Path.of("..", "hibernate7-sample", "src", "main"), library7.resolve("src/main"));
        settings = project.resolveSibling("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <mirrors>
                    <mirror>
                      <id>the-users-local-repository</id>
                      <mirrorOf>*</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(property("sark.it.localRepository"), Path.of(property("sark.it.userRepository")).toUri()));
    }

    @Test
    void checkRevisionUpgradeAndTheJUnitGateOnAProjectWithNoDatabase() throws Exception {
        Run check = maven("compile", "sark-migrate:check");
        assertThat(check.exitCode).as(check.output).isNotZero();
        assertThat(check.failure()).as(check.output)
                .startsWith("sark-migrate check: The entities and the changelog differ; the changelog needs:")
                .contains("Create table customers.", "Create table purchase_orders.");
        assertThat(check.output).contains("Generate the missing revision with: mvn sark-migrate:revision"
                + " -Dsark-migrate.message=\"<what changed>\"");

        Run revision = maven("sark-migrate:revision", "-Dsark-migrate.message=init", "sark-migrate:check", "sark-migrate:upgrade",
                "sark-migrate:current");
        assertThat(revision.exitCode).as(revision.output).isZero();
        Path changelog = project.resolve("src/main/resources/db/changelog");
        assertThat(Files.readString(changelog.resolve("db.changelog-master.yaml"))).contains("file: db/changelog/001_init.yaml");
        assertThat(Files.readString(changelog.resolve("001_init.yaml"))).contains("tableName: customers", "tableName: purchase_orders");
        assertThat(revision.output).contains("The entities and the changelog agree (2 tables, 0 enum types).",
                "Using the embedded PostgreSQL in .sark-migrate/", "base -> 001_init", "001_init (head)");
        // the project's own embedded database, though the project lies inside sark-migrate's checkout here
        assertThat(project.resolve(".sark-migrate/pgdata")).isDirectory();

        // The gate in the project's own test: an entity edited without its migration fails 'mvn test'...
        Path customer = project.resolve("src/main/java/com/example/shop/Customer.java");
        Files.writeString(customer, Files.readString(customer).replace("    String name;", "    String name;\n\n    String email;"));
        Run edited = maven("test");
        assertThat(edited.exitCode).as(edited.output).isNotZero();
        assertThat(edited.output).contains("The entities changed and no migration says so", "Add column customers.email");

        // ... and passes once the revision is written.
        Run second = maven("compile", "sark-migrate:revision", "-Dsark-migrate.message=customer email", "test");
        assertThat(second.exitCode).as(second.output).isZero();
        assertThat(changelog.resolve("002_customer_email.yaml")).exists();
        assertThat(second.output).contains("Tests run: 1, Failures: 0");

        Run downgrade = maven("sark-migrate:downgrade");
        assertThat(downgrade.failure()).as(downgrade.output)
                .isEqualTo("sark-migrate downgrade: say how far: -Dsark-migrate.target=-1 (or a revision id, or base).");
    }

    /** The top of a multi-module build (packaging pom) has no entities or changelog: the goals pass it by, saying so. */
    @Test
    void anAggregatorIsPassedBy() throws Exception {
        Run check = maven(aggregator, "sark-migrate:check");
        assertThat(check.exitCode).as(check.output).isZero();
        assertThat(check.output).contains("sark-migrate: skipped in aggregator (packaging pom: no entities or changelog of its own;");
    }

    /**
     * A project on Hibernate 7 (src/it/library7's pom with module hibernate7-sample's sources, Spring Boot 4's naming in
     * its application.properties): its entities are read by its own Hibernate, found on its class path, so its embedded
     * places get columns of their own.
     */
    @Test
    void aProjectOnHibernate7HasItsEntitiesReadByIt() throws Exception {
        Run check = maven(library7, "compile", "sark-migrate:check");
        assertThat(check.exitCode).as(check.output).isNotZero();
        assertThat(check.failure()).as(check.output).contains("Create table author.", "Create table book, with CHECK constraint book_format_check");

        Run revision = maven(library7, "sark-migrate:revision", "-Dsark-migrate.message=init", "sark-migrate:check");
        assertThat(revision.exitCode).as(revision.output).isZero();
        assertThat(Files.readString(library7.resolve("src/main/resources/db/changelog/001_init.yaml")))
                .contains("tableName: book", "name: isbn_code", "name: shelf_room", "name: store_room", "remarks: Books on the shelves");
    }

    /** src/it/NAME copied into target/it/NAME, its versions filled in. */
    private static Path copy(String name) throws IOException {
        Path target = Path.of("target", "it", name).toAbsolutePath();
        deleteRecursively(target);
        Path source = Path.of("src", "it", name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, filtered(Files.readString(file)));
            }
        }
        return target;
    }

    private static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }

    private record Run(int exitCode, String output) {

        /** Maven's one line for the failed goal, after the goal's name. */
        String failure() {
            return output.lines().filter(l -> l.startsWith("[ERROR] Failed to execute goal"))
                    .map(l -> l.replaceFirst("^.*? on project [^:]+: ", "").replaceFirst(" -> \\[Help 1\\]$", "")).findFirst().orElse("(no failure)");
        }
    }

    private static Run maven(String... arguments) throws Exception {
        return maven(project, arguments);
    }

    private static Run maven(Path folder, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(property("sark.it.mavenHome"), "bin", "mvn").toString(),
                "-B", "-ntp", "-s", settings.toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(folder.getParent(), "maven-", ".log");
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", arguments) + " did not end in 5 minutes");
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String filtered(String text) {
        return text.replace("@sark.version@", property("sark.it.version"))
                .replace("@jakarta.persistence@", property("sark.it.jakartaPersistence"))
                .replace("@junit@", property("sark.it.junit"))
                .replace("@hibernate7@", property("sark.it.hibernate7"))
                .replace("@compiler.plugin@", property("sark.it.compilerPlugin"))
                .replace("@surefire.plugin@", property("sark.it.surefirePlugin"))
                .replace("@resources.plugin@", property("sark.it.resourcesPlugin"));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set: run this test with 'mvn verify' (failsafe sets it).");
        }
        return value;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
