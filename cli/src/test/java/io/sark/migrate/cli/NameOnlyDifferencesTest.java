package io.sark.migrate.cli;

import io.sark.migrate.model.SarkEntities;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.HibernateOracle;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database whose constraints and indexes were named by another hand, and whose composite key lists its columns in
 * another order: what they are is compared, not what sark-migrate would have called them. The names are notices,
 * a real difference is reported once, and --rename-constraints renames them, with rollbacks that restore them.
 */
@ExtendWith(FreshDatabase.class)
class NameOnlyDifferencesTest {

    @TempDir
    Path workDir;

    private Cli cli;
    private String root;

    @BeforeEach
    void aSarkDatabaseNamedByAnotherHand(TestDatabase db) throws Exception {
        cli = new Cli(workDir);
        root = Cli.sarkChangelogCopy(workDir).toString();
        assertThat(cli.run("upgrade", "--url", db.jdbcUrl(), "--changelog-root", root).exitCode()).isZero();
        db.execute("ALTER TABLE mcp_tools RENAME CONSTRAINT mcp_tools_server_id_fkey TO fk_mcp_tools_server");
        db.execute("ALTER TABLE teams RENAME CONSTRAINT teams_name_key TO uk_teams_name");
        db.execute("ALTER INDEX ix_policies_name RENAME TO idx_policies_name");
        db.execute("ALTER TABLE user_teams DROP CONSTRAINT user_teams_pkey, ADD CONSTRAINT user_teams_pkey PRIMARY KEY (team_id, user_id)");
    }

    @Test
    void namesAndKeyColumnOrderAloneAreNoDifference(TestDatabase db) {
        Cli.Run check = cli.run("check", "--url", db.jdbcUrl(), "--changelog-root", root);

        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.err()).contains("notice: 3 constraint(s) or index(es) differ from the entities' in name alone",
                "notice:   Rename foreign key fk_mcp_tools_server on mcp_tools to mcp_tools_server_id_fkey.",
                "notice:   Rename unique constraint uk_teams_name on teams to teams_name_key.",
                "notice:   Rename index idx_policies_name on policies to ix_policies_name.");
    }

    @Test
    void aRealDifferenceBesideThemIsReportedOnce(TestDatabase db) throws Exception {
        db.execute("DROP INDEX ix_mcp_tools_name");

        Cli.Run check = cli.run("check", "--url", db.jdbcUrl(), "--changelog-root", root, "--json");

        assertThat(check.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(check.out()).contains("\"differences\" : [ \"Create index ix_mcp_tools_name on mcp_tools (name).\" ]");
        assertThat(check.out()).contains("\"nameOnly\" : [ \"Rename foreign key fk_mcp_tools_server on mcp_tools to mcp_tools_server_id_fkey.\"");
    }

    @Test
    void renameConstraintsRenamesThemAndItsRollbackRestoresThem(TestDatabase db) throws Exception {
        List<String> before = names(db);

        Cli.Run revision = cli.run("revision", "-m", "names", "--autogenerate", "--rename-constraints", "--author", "ada",
                "--url", db.jdbcUrl(), "--changelog-root", root);
        assertThat(revision.exitCode()).as(revision.out() + revision.err()).isZero();
        assertThat(revision.out()).contains("Rename foreign key fk_mcp_tools_server on mcp_tools to mcp_tools_server_id_fkey.",
                "Rename unique constraint uk_teams_name on teams to teams_name_key.", "Rename index idx_policies_name on policies to ix_policies_name.");
        assertThat(cli.run("upgrade", "--url", db.jdbcUrl(), "--changelog-root", root).exitCode()).isZero();

        Cli.Run after = cli.run("check", "--url", db.jdbcUrl(), "--changelog-root", root);
        assertThat(after.exitCode()).as(after.out() + after.err()).isZero();
        assertThat(after.err()).doesNotContain("name alone");
        assertThat(names(db)).contains("mcp_tools_server_id_fkey", "teams_name_key", "ix_policies_name")
                .doesNotContain("fk_mcp_tools_server", "uk_teams_name", "idx_policies_name");
        HibernateOracle.check(db, SarkEntities.ALL);

        assertThat(cli.run("downgrade", "-1", "--url", db.jdbcUrl(), "--changelog-root", root).exitCode()).isZero();
        assertThat(names(db)).isEqualTo(before);
    }

    /** Every constraint and index name in schema public, sorted. */
    private static List<String> names(TestDatabase db) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                        + " UNION SELECT relname FROM pg_class WHERE relkind = 'i' AND relnamespace = 'public'::regnamespace ORDER BY 1")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
