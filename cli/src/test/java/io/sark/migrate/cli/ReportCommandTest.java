package io.sark.migrate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code report --html}: the page of a database, of one behind its changelog, and the drift a watch alerts on. */
@ExtendWith(FreshDatabase.class)
class ReportCommandTest {

    @TempDir
    Path workDir;

    private Cli cli;
    private String root;

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(workDir);
        root = Cli.sarkChangelogCopy(workDir).toString();
    }

    @Test
    void aDatabaseThatDriftedIsDrawnWithItsDifferencesAndExitsOne(TestDatabase db) throws Exception {
        assertThat(cli.run("upgrade", "--url", db.jdbcUrl(), "--changelog-root", root).exitCode()).isZero();
        db.execute("ALTER TABLE users ADD COLUMN nickname text");

        Cli.Run report = cli.run("report", "--html", "prod.html", "--url", db.jdbcUrl(), "--changelog-root", root, "--json");

        assertThat(report.exitCode()).as(report.err()).isEqualTo(ExitCodes.FAILED);
        JsonNode json = new ObjectMapper().readTree(report.out());
        assertThat(json.get("tables").asInt()).isEqualTo(9);
        assertThat(json.get("differences").toString()).contains("Drop column users.nickname");
        assertThat(json.get("pendingRevisions").asInt()).isZero();
        assertThat(json.get("database").get("database").asText()).isEqualTo(db.name());
        String page = Files.readString(workDir.resolve("prod.html"));
        assertThat(page).contains("data-table=\"users\"", "<code>nickname</code>", "Drop column users.nickname", "006_performance_indexes",
                "<b>6</b> of 6 revisions applied").doesNotContain("http://", "https://");
    }

    @Test
    void aDatabaseBehindItsChangelogIsDrawnAsItIsWithItsPendingRevisions(TestDatabase db) throws Exception {
        assertThat(cli.run("upgrade", "002_api_keys", "--url", db.jdbcUrl(), "--changelog-root", root).exitCode()).isZero();

        Cli.Run report = cli.run("report", "--html", "behind.html", "--url", db.jdbcUrl(), "--changelog-root", root);

        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("Wrote behind.html: 6 table(s), 4 revision(s) pending,"
                + " drift not checked (the database is behind the changelog: upgrade it first)");
        String page = Files.readString(workDir.resolve("behind.html"));
        assertThat(page).contains("data-table=\"api_keys\"").doesNotContain("data-table=\"audit_events\"")
                .contains("<tr class=\"pending\"><td><code>003_policies</code>");
    }

    /** The drift watch of docs/deploy.md: check and report with a role that may only read, every transaction read-only. */
    @Test
    void aReadOnlyRoleCanWatchForDrift(TestDatabase db) throws Exception {
        assertThat(cli.run("upgrade", "--url", db.jdbcUrl(), "--changelog-root", root).exitCode()).isZero();
        String role = "watch_" + db.name();
        db.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'watch'; GRANT CONNECT ON DATABASE " + db.name() + " TO " + role + ";"
                + " GRANT USAGE ON SCHEMA public TO " + role + "; GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role + ";"
                + " ALTER ROLE " + role + " SET default_transaction_read_only = on");
        String url = db.jdbcUrl().replaceFirst("([?&])user=[^&]*", "$1user=" + role).replaceFirst("([?&])password=[^&]*", "$1password=watch");
        url = url.contains("user=") ? url : url + (url.contains("?") ? "&" : "?") + "user=" + role + "&password=watch";
        // Without the entity cache, which would spare the scratch schema: the read-only fallback is what is tried here.
        String cache = System.getProperty("sark.migrate.entity-cache-dir");
        System.setProperty("sark.migrate.entity-cache-dir", "off");
        try {
            Cli.Run check = cli.run("check", "--url", url, "--changelog-root", root, "--json");
            Cli.Run report = cli.run("report", "--html", "watch.html", "--url", url, "--changelog-root", root);
            Cli.Run said = cli.run("check", "--url", url, "--changelog-root", root);

            assertThat(check.exitCode()).as(check.err()).isZero();
            assertThat(new ObjectMapper().readTree(check.out()).get("database").get("user").asText()).isEqualTo(role);
            assertThat(report.exitCode()).as(report.err()).isZero();
            assertThat(said.out() + said.err()).contains("(read-only): the entities' schema is built in a throwaway embedded PostgreSQL instead.");
            assertThat(report.out()).contains("Wrote watch.html: 9 table(s), no revision pending, no drift");
        } finally {
            if (cache == null) {
                System.clearProperty("sark.migrate.entity-cache-dir");
            } else {
                System.setProperty("sark.migrate.entity-cache-dir", cache);
            }
            db.execute("REASSIGN OWNED BY " + role + " TO CURRENT_USER; DROP OWNED BY " + role + "; DROP ROLE " + role);
        }
    }

    @Test
    void aFolderOrAMissingFolderIsOneLineAndExitTwo() throws Exception {
        Files.createDirectories(workDir.resolve("out"));
        Cli.Run folder = cli.run("report", "--html", "out", "--changelog-root", root);
        Cli.Run missing = cli.run("report", "--html", "nowhere/page.html", "--changelog-root", root);

        assertThat(folder.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(folder.err().strip()).isEqualTo("sark-migrate: --html out is a folder: name the page's file, e.g. out/schema.html.");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err().strip()).startsWith("sark-migrate: --html nowhere/page.html: no folder ").doesNotContain("\n");
    }

    @Test
    void checkJsonSaysWhenAndWhichDatabase(TestDatabase db) throws Exception {
        assertThat(cli.run("upgrade", "--url", db.jdbcUrl(), "--changelog-root", root).exitCode()).isZero();
        Instant before = Instant.now().minusSeconds(1);

        Cli.Run check = cli.run("check", "--url", db.jdbcUrl(), "--changelog-root", root, "--json");

        assertThat(check.exitCode()).as(check.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(check.out());
        assertThat(Instant.parse(json.get("checkedAt").asText())).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
        assertThat(json.get("compared").asText()).isEqualTo("database");
        JsonNode database = json.get("database");
        assertThat(database.get("database").asText()).isEqualTo(db.name());
        assertThat(database.get("serverVersion").asText()).matches("\\d+\\.\\d+.*");
        assertThat(database.get("databaseOid").asLong()).isPositive();
        assertThat(database.get("describe").asText()).contains(db.name()).doesNotContain("password");
    }
}
