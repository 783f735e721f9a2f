package io.sark.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.migrate.cli.DocumentedCommands.Command;
import io.sark.migrate.files.Folders;
import io.sark.migrate.postgres.ConnectionSettings;
import io.sark.migrate.postgres.JdbcUrl;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import io.sark.migrate.testing.TestPostgres;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs' commands, run as the docs show them (issue 37): every sark-migrate or Maven command in a code block of
 * README.md or a page of docs/ is run here by a scenario that follows its page, against this run's PostgreSQL, and
 * its exit code is the one the page promises ("# exit 1"), or 0; what a page says a command prints is compared where
 * it says it. A command no scenario runs must be in {@link #NOT_RUN} with the reason, and the last test fails on any
 * command that is neither, so that an example added or edited in the docs fails the build until it is run or marked.
 * The database is given as SARK's {@code POSTGRES_*} variables, so the commands' text stays the page's.
 */
@ExtendWith(FreshDatabase.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocumentedCommandsTest {

    /** Commands no scenario runs, by {@code page `text`}, with why. Maven's commands are marked by {@link #whyNotRun}. */
    private static final Map<String, String> NOT_RUN = Map.of(
            "docs/entities.md `./sark-migrate check --classpath \"target/classes:$(cat cp.txt)\" --entities-package com.example"
                    + " --spring-config src/main/resources/application.properties`",
            "the class path comes from a Maven project's dependency:build-classpath ($(...)); ExternalEntitiesTest and"
                    + " hibernate7-sample's tests give --classpath a whole run-time class path with an application's own Hibernate",
            "docs/deploy.md `sark-migrate-*/bin/sark-migrate report --html schema.html --url \"$DB_URL\" --password-file"
                    + " <(printf %s \"$DB_PASSWORD\")`",
            "bash's process substitution <(...) for the password file; report --html and --password-file run in this test's"
                    + " deploy scenario",
            "docs/production.md `./sark-migrate upgrade --backup-to pre-deploy.dump`",
            "pg_dump of the server's major version: the test server is PostgreSQL 16, and the machines' pg_dump is 15's, which"
                    + " refuses a newer server; CommandsTest runs --backup-to with a pg_dump stand-in, and refuses it missing");

    /** The commands the scenarios ran, by {@link DocPage#key}. */
    private static final Set<String> RAN = ConcurrentHashMap.newKeySet();

    @TempDir
    Path workDir;

    @Test
    @Order(1)
    void theReadmesFirstCommandBringsTheDatabaseToTheLatestRevision(TestDatabase db) throws IOException {
        Path sark = sarkCheckout(workDir.resolve("sark"));
        DocPage readme = page("README.md").in(sark, server(db));

        Cli.Run upgrade = readme.run("./sark-migrate upgrade");

        assertThat(upgrade.lastLine()).isEqualTo(readme.says("The last line it prints is\\s+`([^`]+)`"));
        assertThat(readme.run("./sark-migrate current").out().strip()).isEqualTo("006_performance_indexes (head)");
        readme.shownAgain("./sark-migrate current"); // the table's row
        assertThat(readme.run("./sark-migrate completion").out()).contains("complete");
    }

    /**
     * A database Alembic built: README's adopt and unlock, and docs/from-alembic.md's `alembic upgrade head`, which is
     * `./sark-migrate upgrade`.
     */
    @Test
    @Order(1)
    void anAlembicDatabaseIsUpgradedAsTheGuideSays(TestDatabase db) throws IOException, java.sql.SQLException {
        db.execute(Files.readString(Path.of("..", "migrations", "src", "test", "resources", "reference-schema", "003_policies.sql")));
        db.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY); INSERT INTO alembic_version VALUES ('003_policies')");
        Path sark = sarkCheckout(workDir.resolve("sark"));

        DocPage readme = page("README.md").in(sark, server(db));
        assertThat(readme.run("./sark-migrate adopt").out()).contains("003_policies");
        readme.run("./sark-migrate unlock");

        Cli.Run upgrade = page("docs/from-alembic.md").in(sark, server(db)).run("./sark-migrate upgrade");

        assertThat(upgrade.out() + upgrade.err()).contains("003_policies", "006_performance_indexes");
    }

    /**
     * docs/getting-started.md, then the README's "Changing the schema", its lint examples and the settings examples,
     * and docs/ci.md's CI steps, in SARK's checkout. The page's change to {@code User} is {@link
     * io.sark.migrate.cli.fixtures.SarkWithPreferences} here (a test cannot recompile SARK's model), named by the
     * checkout's sark-migrate.yaml.
     */
    @Test
    @Order(2)
    void gettingStartedAndTheReadmesWorkflow(TestDatabase db) throws IOException {
        Path sark = sarkCheckout(workDir.resolve("sark"));
        Map<String, String> server = server(db);
        DocPage start = page("docs/getting-started.md").in(sark, server);

        assertThat(start.run("./sark-migrate upgrade").lastLine()).isEqualTo(start.says("\\(`(Database is at revision [^`]+)`\\)"));
        Files.writeString(sark.resolve(ProjectSettings.FILE), "entities: io.sark.migrate.cli.fixtures.SarkWithPreferences\n");
        assertThat(start.run("./sark-migrate check").out()).contains("Create table user_preferences.");
        Path revision = sark.resolve(start.says("writes `(migrations/src/main/resources/db/changelog/[^`]+\\.yaml)`"));
        assertThat(start.run("./sark-migrate revision -m \"add user preferences\" --autogenerate --sql").out())
                .contains("CREATE TABLE public.user_preferences");
        assertThat(revision).as("--sql writes nothing").doesNotExist();
        start.run("./sark-migrate revision -m \"add user preferences\" --autogenerate");
        assertThat(revision).exists();
        assertThat(start.run("./sark-migrate upgrade").out()).contains("006_performance_indexes -> 007_add_user_preferences");
        assertThat(start.run("./sark-migrate downgrade -1 --allow-data-loss").out()).contains("007_add_user_preferences -> 006_performance_indexes");
        start.run("./sark-migrate upgrade");
        start.run("./sark-migrate check");
        assertThat(start.run("./sark-migrate lint --report --since 007_add_user_preferences").out()).contains("### 007_add_user_preferences-1");
        assertThat(start.run("./sark-migrate current").out().strip()).isEqualTo("007_add_user_preferences (head)");

        page("README.md").shownAgain("./sark-migrate revision -m \"add user preferences\" --autogenerate"); // the commands table's row
        DocPage readme = page("README.md").in(sark, server).below("## Changing the schema");
        assertThat(readme.run("./sark-migrate revision -m \"add user preferences\" --autogenerate").out()).contains("No changes");
        readme.run("./sark-migrate upgrade --sql");
        readme.run("./sark-migrate upgrade");
        readme.run("./sark-migrate validate --migration 007_add_user_preferences --test-downgrade");
        readme.run("./sark-migrate check");
        readme.run("./sark-migrate lint");
        readme.run("./sark-migrate lint --since 007_add_user_preferences");
        assertThat(readme.run("./sark-migrate lint --since 007_add_user_preferences --report").out()).contains("007_add_user_preferences");
        new ObjectMapper().readTree(readme.run("./sark-migrate lint --since 007_add_user_preferences --severity LK105=error --json").out());

        Files.createDirectories(sark.resolve("src/main/resources"));
        Files.writeString(sark.resolve("src/main/resources/application.yml"), "spring.jpa.properties.hibernate.jdbc.time_zone: UTC\n");
        readme.run("./sark-migrate check --spring-config src/main/resources/application.yml");
        Files.writeString(sark.resolve("hibernate.properties"),
                "hibernate.physical_naming_strategy=org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy\n");
        readme.run("./sark-migrate check --hibernate-properties hibernate.properties");

        DocPage ci = page("docs/ci.md").in(sark, server).variable("GITHUB_STEP_SUMMARY", sark.resolve("summary.md").toString());
        for (int pipeline = 0; pipeline < 2; pipeline++) { // GitHub Actions', then GitLab's
            ci.run("./sark-migrate check");
            if (pipeline == 0) {
                ci.run("./sark-migrate lint --report >> \"$GITHUB_STEP_SUMMARY\"");
            } else {
                ci.run("./sark-migrate lint --report > lint-report.md");
            }
            ci.run("./sark-migrate lint");
        }
        ci.run("./sark-migrate validate --test-downgrade");
        ci.shownAgain("./sark-migrate validate --test-downgrade");
        // The prose names the pipelines' three commands again.
        List.of("./sark-migrate check", "./sark-migrate lint", "./sark-migrate validate --test-downgrade").forEach(ci::shownAgain);

        // docs/production.md's checklist, on the database at head.
        DocPage production = page("docs/production.md").in(sark, server);
        production.run("./sark-migrate upgrade --sql > migration.sql");
        assertThat(sark.resolve("migration.sql")).content().contains("Update Database Script");
        assertThat(new ObjectMapper().readTree(production.run("./sark-migrate upgrade --lock-wait 600 --json").out()).get("toRevision").asText())
                .isEqualTo("007_add_user_preferences");
        assertThat(production.run("./sark-migrate current").out().strip()).isEqualTo("007_add_user_preferences (head)");
        page("docs/troubleshooting.md").in(sark, server).run("./sark-migrate unlock");
        assertThat(sark.resolve("summary.md")).content().contains("007_add_user_preferences");
        assertThat(sark.resolve("lint-report.md")).content().isEqualTo(Files.readString(sark.resolve("summary.md")));
    }

    /**
     * docs/handwritten.md's story: SARK's guide's split names (a revision of this test's, the page's starting point) made
     * one full_name, expand then contract, with a view and a batched fill added by hand, linted and validated on rows.
     */
    @Test
    @Order(3)
    void handWrittenChangesExpandThenContract() throws IOException {
        Path sark = sarkCheckout(workDir.resolve("sark"));
        Cli cli = new Cli(sark);
        Path changelog = sark.resolve("migrations/src/main/resources/db/changelog");
        ok(cli, "revision", "-m", "split names");
        ok(cli, "revision", "-m", "Names in two columns, as SARK's guide had them. sark-lint: allow DS102 because this test starts there",
                "--add-sql", write(sark, "split.sql", "SET lock_timeout = '5s';\n"
                        + "ALTER TABLE users ADD COLUMN first_name varchar(100) NOT NULL DEFAULT '', ADD COLUMN last_name varchar(100) NOT NULL DEFAULT '';\n"
                        + "ALTER TABLE users DROP COLUMN full_name;").toString(),
                "--rollback-sql", write(sark, "join.sql", "ALTER TABLE users ADD COLUMN full_name varchar(255);\n"
                        + "UPDATE users SET full_name = first_name || ' ' || last_name;\n"
                        + "ALTER TABLE users ALTER COLUMN full_name SET NOT NULL, DROP COLUMN first_name, DROP COLUMN last_name;").toString());
        DocPage page = page("docs/handwritten.md").in(sark, Map.of());

        assertThat(page.run("./sark-migrate revision -m \"full name\" --autogenerate --hold-drops --backfill users.full_name=\"first_name || ' ' || last_name\"").out())
                .contains("Add column users.full_name").doesNotContain("Drop column");
        assertThat(page.run("./sark-migrate revision -m \"Fill full_name\" --data users --set \"full_name = first_name || ' ' || last_name\""
                + " --where \"full_name IS NULL\" --nothing-to-undo \"rolling back 008_full_name-1 drops the column\"").out())
                .contains("Added " + page.says("the next id: `(008_full_name-\\d+)`") + " to revision 008_full_name");
        page.copy("active_users.sql");
        write(sark, "drop_active_users.sql", "DROP VIEW active_users;\n"); // the page's echo
        String view = "./sark-migrate revision -m \"Active users, for the dashboard.\" --add-sql active_users.sql --rollback-sql drop_active_users.sql";
        assertThat(page.run(view).out()).contains("Creates what no entity declares: `view active_users`");
        page.shownAgain(view);
        page.run("./sark-migrate revision -m \"drop split names\" --autogenerate --restore users.first_name=\"split_part(full_name, ' ', 1)\""
                + " --restore users.last_name=\"split_part(full_name, ' ', 2)\"");
        Path contract = changelog.resolve("009_drop_split_names.yaml");
        String allowance = page.says("`(sark-lint: allow DS102 because [^`]+)`");
        // As a reviewer adds it: the comment, quoted now that it holds a colon, ends with the allowance.
        Files.writeString(contract, Files.readString(contract).replaceAll("comment: (Drop column users\\.\\w+\\.[^\\n]*)",
                "comment: \"$1 " + Matcher.quoteReplacement(allowance) + "\""));

        page.run("./sark-migrate lint --since 008_full_name");
        page.run("./sark-migrate validate --migration 008_full_name");
        write(sark, "people.sql", "INSERT INTO users (id, email, hashed_password, first_name, last_name) VALUES"
                + " ('00000000-0000-0000-0000-000000000001', 'ada@example.com', 'x', 'Ada', 'Lovelace'),"
                + " ('00000000-0000-0000-0000-000000000002', 'grace@example.com', 'x', 'Grace', 'Hopper')");
        assertThat(page.run("./sark-migrate validate --migration 008_full_name --seed people.sql").out())
                .contains("ok      downgrade one step gives back the rows of 007_split_names");
    }

    /**
     * docs/existing-projects.md: another team's Spring Boot project (the library: its XML changelog as it left it, its
     * entities compiled here into com.example.library as the page names them), compared, extended and moved.
     */
    @Test
    @Order(4)
    void anotherTeamsProject(TestDatabase db) throws IOException {
        Path library = Folders.copy(Path.of("src", "test", "resources", "existing-project").toAbsolutePath(), workDir.resolve("library"));
        Path classes = library.resolve("target/classes");
        compileAs("com.example.library", classes, "library");
        Files.writeString(library.resolve("src/main/resources/application.yml"), "spring:\n  jpa:\n    open-in-view: false\n");
        String master = "src/main/resources/db/changelog/db.changelog-master.xml";
        DocPage page = page("docs/existing-projects.md").in(library, server(db)).variable("DATABASE_URL", db.jdbcUrl())
                .replacing("--changelog …", "--changelog " + master);

        assertThat(page.run("./sark-migrate history --changelog " + master).out()).contains("001-init", "pending");
        // The database as the team's own Liquibase built it, with every context (its test data too).
        ok(new Cli(library, server(db)), "upgrade", "--changelog", master);
        page.run("./sark-migrate check --changelog " + master + " --classpath target/classes --entities-package com.example.library"
                + " --spring-config src/main/resources/application.yml --url \"$DATABASE_URL\"");
        compileAs("com.example.library", classes, "reviews"); // the team's next entity
        assertThat(page.run("./sark-migrate revision -m \"reviews\" --autogenerate --changelog " + master
                + " --classpath target/classes --entities-package com.example.library").out()).contains("Create table review.");
        assertThat(page.run("./sark-migrate upgrade --changelog " + master + " --contexts production").out()).contains("-> 001_reviews");

        Command history = DocumentedCommands.in(DocumentedCommands.REPOSITORY.resolve("docs/existing-projects.md")).stream()
                .filter(c -> c.text().equals("./sark-migrate history --changelog …")).findFirst().orElseThrow();
        Cli.Run revisions = page.run(history.text());
        for (String revision : history.comment().split(", ")) {
            assertThat(revisions.out()).as("history lists what the page says").contains(revision);
        }
        assertThat(page.run("./sark-migrate downgrade 001-init --changelog …").out()).contains("-> 001-init");
        page.run("./sark-migrate stamp 001-init --changelog …");
        assertThat(page.run("./sark-migrate upgrade 002-loans --changelog …").out()).contains("001-init -> 002-loans");

        page.copy("sark-migrate.yaml");
        assertThat(library.resolve("sark-migrate.yaml")).content().contains("entities-package: com.example.library");
        Files.writeString(library.resolve("src/main/resources/application-postgres.yml"), "spring.jpa.properties.hibernate.jdbc.time_zone: UTC\n");
        assertThat(page.run("./sark-migrate upgrade --contexts production").out()).contains("002-loans -> 001_reviews");
        page.run("./sark-migrate check --url \"$DATABASE_URL\"");
        assertThat(page.run("./sark-migrate revision -m \"reviews\" --autogenerate").out()).contains("No changes");
        assertThat(authors(db)).as("the faker changeset stays out").isZero();
    }

    /**
     * docs/entities.md: the worked example on a project outside this repository (the shop, compiled here), the README's
     * line that compares it from SARK's checkout, and the application-settings examples on the shop's entities.
     */
    @Test
    @Order(5)
    void anotherProjectsEntitiesAndTheApplicationsSettings(TestDatabase db) throws IOException {
        Path shop = workDir.resolve("shop");
        ExternalEntitiesTest.compileShop(shop, Files.createDirectories(shop.resolve("target/classes")));
        write(Files.createDirectories(shop.resolve("db/changelog")), "db.changelog-master.yaml", "databaseChangeLog: []\n"); // the page's echo
        DocPage page = page("docs/entities.md").in(shop, server(db));

        assertThat(page.run("sark-migrate check --classpath target/classes --entities-package com.example.shop --changelog-root .").out())
                .contains("- Create table shop_orders.");
        page.run("sark-migrate revision -m \"shop\" --autogenerate --classpath target/classes --entities-package com.example.shop --changelog-root .");
        assertThat(shop.resolve("db/changelog/001_shop.yaml")).content().contains("createdat", "cents", "currency");
        assertThat(page.run("sark-migrate upgrade --changelog-root .").out()).contains("-> 001_shop");

        Path sark = sarkCheckout(workDir.resolve("sark"));
        page("README.md").in(sark, server(db)).run("./sark-migrate check --classpath ../shop/target/classes --entities-package com.example.shop"
                + " --changelog-root ../shop");

        // The settings: the same shop with a changelog of its own, its options in sark-migrate.yaml, no database (the shadow).
        Path spring = workDir.resolve("spring-shop");
        Folders.copy(shop.resolve("target"), spring.resolve("target"));
        write(Files.createDirectories(spring.resolve("db/changelog")), "db.changelog-master.yaml", "databaseChangeLog: []\n");
        write(spring, ProjectSettings.FILE, "classpath: target/classes\nentities-package: com.example.shop\nchangelog-root: .\n");
        Path resources = Files.createDirectories(spring.resolve("src/main/resources"));
        write(resources, "application.yml", "spring:\n  jpa:\n    open-in-view: false\n");
        write(resources, "application-postgres.yml", "spring.jpa.properties.hibernate.jdbc.time_zone: UTC\n");
        DocPage settings = page("docs/entities.md").in(spring, Map.of());
        settings.run("./sark-migrate revision -m \"add accounts\" --autogenerate --spring-config src/main/resources/application.yml");
        assertThat(spring.resolve("db/changelog/001_add_accounts.yaml")).as("Spring Boot's naming: createdAt is created_at")
                .content().contains("created_at");
        settings.run("./sark-migrate check --spring-config src/main/resources/application.yml --spring-profiles postgres");
        write(spring, "hibernate.properties", settings.says("(?s)<<'PROPS'\\n(.*?)PROPS"));
        settings.run("./sark-migrate check --hibernate-properties hibernate.properties");
    }

    /** docs/deploy.md's scripts and jobs, docs/ci.md's deploy step, and --targets, from a folder outside any checkout. */
    @Test
    @Order(6)
    void deployScripts(TestDatabase db) throws Exception {
        Path host = Files.createDirectories(workDir.resolve("deploy-host"));
        ConnectionSettings settings = ConnectionSettings.resolve(db.jdbcUrl(), null, Map.of()).orElseThrow();
        Path secret = write(host, "db-password", settings.password() == null ? "" : settings.password());
        DocPage deploy = page("docs/deploy.md").in(host, Map.of()).variable("url", db.jdbcUrl()).variable("DB_URL", settings.url())
                .variable("DB_PASSWORD_FILE", secret.toString());

        assertThat(deploy.run("/opt/sark-migrate-1.4.0/bin/sark-migrate --version").out()).contains("sark-migrate");
        deploy.run("/opt/sark-migrate/bin/sark-migrate current --url \"$url\" --json > before.json");
        deploy.run("/opt/sark-migrate/bin/sark-migrate upgrade --sql --url \"$url\" > plan.sql");
        deploy.run("/opt/sark-migrate/bin/sark-migrate upgrade --url \"$url\" --lock-wait 600 --json > result.json");
        assertThat(new ObjectMapper().readTree(host.resolve("before.json").toFile()).toString()).contains("base");
        assertThat(host.resolve("plan.sql")).content().contains("CREATE TABLE public.users");
        assertThat(new ObjectMapper().readTree(host.resolve("result.json").toFile()).get("toRevision").asText())
                .isEqualTo(io.sark.migrate.engine.changelog.Changelog.bundled().revisions().head());
        Map<String, String> stepEnvironment = settings.password() == null ? Map.of() : Map.of("SARK_MIGRATE_PASSWORD", settings.password());
        page("docs/deploy.md").in(host, stepEnvironment).variable("DB_URL", settings.url())
                .run("sark-migrate-*/bin/sark-migrate upgrade --url \"$DB_URL\" --lock-wait 600 --json");
        deploy.run("sark-migrate-*/bin/sark-migrate upgrade --url \"$DB_URL\" --password-file \"$DB_PASSWORD_FILE\" --lock-wait 600");

        DocPage watch = page("docs/deploy.md").in(host, server(db)).replacing("/reports/", host + "/");
        watch.run("/opt/sark-migrate/bin/sark-migrate report --html /reports/sark-schema.html");
        assertThat(host.resolve("sark-schema.html")).content().contains("<html");
        watch.run("/opt/sark-migrate/bin/sark-migrate check --json");

        Map<String, String> noPassword = new HashMap<>(server(db));
        noPassword.remove("POSTGRES_PASSWORD");
        DocPage ci = page("docs/ci.md").in(host, noPassword).replacing("/run/secrets/db-password", secret.toString());
        ci.run("./sark-migrate upgrade --sql --password-file /run/secrets/db-password > plan.sql");
        ci.run("./sark-migrate upgrade --password-file /run/secrets/db-password --lock-wait 600 --json");

        // Two databases (the one above, at head, and one at 005): each target's run is a JVM of its own, and TargetsTest
        // moves targets from nothing; here the page's three commands, as it shows them.
        try (TestDatabase eu = TestPostgres.freshDatabase()) {
            ok(new Cli(host), "upgrade", "005_audit_events_hypertable", "--url", eu.jdbcUrl());
            write(host, "targets.txt", "eu=" + eu.jdbcUrl() + "\n" + db.jdbcUrl() + "\n");
            DocPage targets = page("docs/deploy.md").in(host, Map.of());
            assertThat(targets.run("sark-migrate upgrade --targets targets.txt --parallel 3 --keep-going").out()).contains("applied", "up to date");
            JsonNode current = new ObjectMapper().readTree(targets.run("sark-migrate current --targets targets.txt --json").out());
            assertThat(current.get("targets")).hasSize(2);
            assertThat(targets.run("sark-migrate downgrade 005_audit_events_hypertable --targets targets.txt").out())
                    .contains("005_audit_events_hypertable");
        }
    }

    /** lint on projects that are not sark-migrate's: a Flyway folder and a Liquibase master, as README.md and docs/ci.md show. */
    @Test
    @Order(7)
    void lintReadsOtherProjectsMigrations() throws IOException {
        Path project = workDir.resolve("orders");
        write(Files.createDirectories(project.resolve("src/main/resources/db/migration")), "V1__orders.sql",
                "CREATE TABLE orders (id bigint PRIMARY KEY, reference text NOT NULL);\n");
        write(Files.createDirectories(project.resolve("db")), "changelog.xml", """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                   xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                                   http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <changeSet id="1" author="team">
                        <comment>Orders.</comment>
                        <createTable tableName="orders">
                            <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                        </createTable>
                        <rollback><dropTable tableName="orders"/></rollback>
                    </changeSet>
                </databaseChangeLog>
                """);
        DocPage readme = page("README.md").in(project, Map.of());
        readme.run("./sark-migrate lint src/main/resources/db/migration");
        readme.run("./sark-migrate lint db/changelog.xml --format sarif > lint.sarif");
        assertThat(new ObjectMapper().readTree(project.resolve("lint.sarif").toFile()).get("version").asText()).isEqualTo("2.1.0");
        DocPage ci = page("docs/ci.md").in(project, Map.of());
        ci.run("./sark-migrate lint src/main/resources/db/migration --format github");
        ci.run("./sark-migrate lint src/main/resources/db/migration --format sarif > lint.sarif");
        assertThat(new ObjectMapper().readTree(project.resolve("lint.sarif").toFile()).get("version").asText()).isEqualTo("2.1.0");
    }

    private static Cli.Run ok(Cli cli, String... args) {
        Cli.Run run = cli.run(args);
        assertThat(run.exitCode()).as(String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    private static Path write(Path folder, String file, String content) throws IOException {
        return Files.writeString(folder.resolve(file), content);
    }

    /** The test fixtures' package {@code fixtures.NAME} compiled into {@code classes} as package {@code pkg}, as another team names it. */
    private static void compileAs(String pkg, Path classes, String name) throws IOException {
        Path from = Path.of("src/test/java/io/sark/migrate/cli/fixtures", name);
        Path sources = Files.createDirectories(classes.resolveSibling("src-" + name));
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classes + java.io.File.pathSeparator
                + System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file).replaceAll("io\\.sark\\.migrate\\.cli\\.fixtures\\.\\w+", pkg);
                args.add(Files.writeString(sources.resolve(file.getFileName()), source).toString());
            }
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, OutputStream.nullOutputStream(), System.err, args.toArray(String[]::new))).isZero();
    }

    private static int authors(TestDatabase db) {
        try (var c = db.connect(); var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM author")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static DocPage page(String name) {
        return new DocPage(name, RAN);
    }

    /** A checkout of sark-migrate as far as the commands see it: the changelog's sources where a checkout keeps them. */
    private static Path sarkCheckout(Path folder) throws IOException {
        Folders.copy(Launcher.PROJECT_CHANGELOG, folder.resolve("migrations/src/main/resources"));
        return folder;
    }

    /** The database as SARK's variables give it (POSTGRES_HOST, ...): the commands' text names none. */
    private static Map<String, String> server(TestDatabase db) {
        ConnectionSettings settings = ConnectionSettings.resolve(db.jdbcUrl(), null, Map.of()).orElseThrow();
        JdbcUrl.Address address = JdbcUrl.address(settings.url()).orElseThrow();
        Map<String, String> env = new HashMap<>(Map.of("POSTGRES_HOST", address.host(), "POSTGRES_PORT", String.valueOf(address.port()),
                "POSTGRES_DB", address.database(), "POSTGRES_USER", settings.effectiveUser()));
        if (settings.password() != null) {
            env.put("POSTGRES_PASSWORD", settings.password());
        }
        return env;
    }

    /** Why a command is not run, or null when it must be. */
    private static String whyNotRun(Command command) {
        if (command.isMaven()) {
            return "a Maven build: this test runs inside one (README's `mvn -B -ntp verify` is what .ci/run runs), and the"
                    + " Maven goals of docs/maven.md run in maven-plugin's SampleProjectIT";
        }
        if (command.page().startsWith("docs/lint/") && madeByLintDocsTest(command)) {
            return "docs/lint/ is made by LintDocsTest from each rule and its examples: lint runs on the page's example, and"
                    + " what it says is the page's";
        }
        if (command.synopsis() && !NOT_RUN.containsKey(command.page() + " `" + command.text() + "`")) {
            return "a synopsis, not a command: its words in capitals, [...], a|b and ... are placeholders";
        }
        return NOT_RUN.get(command.page() + " `" + command.text() + "`");
    }

    /** Whether the line is in what LintDocsTest writes: every rule's page, and docs/lint/README.md above its hand-written part. */
    private static boolean madeByLintDocsTest(Command command) {
        if (!command.page().equals("docs/lint/README.md")) {
            return true;
        }
        try {
            List<String> lines = Files.readAllLines(DocumentedCommands.REPOSITORY.resolve(command.page()));
            int handWritten = lines.indexOf("<!-- Above: made from the rules by LintDocsTest. Below: written by hand. -->");
            return handWritten >= 0 && command.line() <= handWritten;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyDocumentedCommandIsRunOrMarkedWithTheReason() {
        List<Command> all = DocumentedCommands.all();
        List<String> neither = new ArrayList<>();
        Map<String, Integer> marked = new HashMap<>();
        int ran = 0;
        for (Command command : all) {
            if (RAN.contains(DocPage.key(command))) {
                ran++;
            } else if (whyNotRun(command) != null) {
                marked.merge(whyNotRun(command), 1, Integer::sum);
            } else {
                neither.add(command.toString());
            }
        }
        Set<String> stale = new TreeSet<>(NOT_RUN.keySet());
        all.forEach(c -> stale.remove(c.page() + " `" + c.text() + "`"));
        System.out.printf("The docs show %d commands: %d run, %d marked not run%n", all.size(), ran, all.size() - ran - neither.size());
        marked.forEach((reason, count) -> System.out.printf("  %d: %s%n", count, reason));

        assertThat(neither).as("commands the docs show that no scenario here ran (or its scenario failed first) and none is"
                + " marked: run each in a scenario that follows its page, or add it to NOT_RUN with the reason").isEmpty();
        assertThat(stale).as("marked commands the docs no longer show").isEmpty();
    }
}
