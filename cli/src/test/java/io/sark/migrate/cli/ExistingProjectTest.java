package io.sark.migrate.cli;

import io.sark.migrate.cli.fixtures.library.Author;
import io.sark.migrate.cli.fixtures.library.Book;
import io.sark.migrate.cli.fixtures.library.BookTag;
import io.sark.migrate.cli.fixtures.library.Loan;
import io.sark.migrate.cli.fixtures.library.Member;
import io.sark.migrate.cli.fixtures.reviews.Review;
import io.sark.migrate.files.Folders;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.testing.FreshDatabase;
import io.sark.migrate.testing.HibernateOracle;
import io.sark.migrate.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another team's project, used as it is: its XML changelog (files included from a master, no sark-migrate tags, its
 * own constraint names: unnamed ones, Hibernate 5's hash names, a composite key in another column order, a changeset
 * bound to the context {@code faker}) and its entities (which name nothing). Its history rows are sark-migrate's: no
 * marker revision, no conversion. Each file is a revision, named by the file.
 */
@ExtendWith(FreshDatabase.class)
class ExistingProjectTest {

    private static final String ENTITIES = "io.sark.migrate.cli.fixtures.library";
    private static final String WITH_REVIEWS = ENTITIES + ",io.sark.migrate.cli.fixtures.reviews";

    @TempDir
    Path workDir;

    private Cli cli;
    private Path master;

    @BeforeEach
    void theProjectAsItsTeamLeftIt() throws Exception {
        cli = new Cli(workDir);
        Path project = Folders.copy(Path.of("src", "test", "resources", "existing-project").toAbsolutePath(), workDir.resolve("library"));
        master = project.resolve("src/main/resources/db/changelog/db.changelog-master.xml");
    }

    private Cli.Run run(TestDatabase db, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl(), "--changelog", master.toString()));
        return cli.run(all.toArray(String[]::new));
    }

    /**
     * --keep-extras: what the team added to its database beyond the entities (an index, a nullable column, a default,
     * a wider type) is kept and counted, not proposed for removal; an extra NOT NULL column without a default gets DROP
     * NOT NULL, which Hibernate's inserts need. Without the option the comparison stays exact.
     */
    @Test
    void withKeepExtrasWhatTheDatabaseHasBeyondTheEntitiesIsKept(TestDatabase db) throws Exception {
        assertThat(run(db, "upgrade").exitCode()).isZero();
        db.execute("CREATE INDEX ix_book_title_lower ON book (lower(title))");
        db.execute("ALTER TABLE book ADD COLUMN shelf varchar(20), ADD COLUMN tenant integer NOT NULL DEFAULT 1");
        db.execute("ALTER TABLE book ALTER COLUMN title TYPE text");

        Cli.Run exact = run(db, "check", "--entities-package", ENTITIES, "--json");
        Cli.Run kept = run(db, "check", "--entities-package", ENTITIES, "--keep-extras", "--verbose");
        db.execute("ALTER TABLE book ALTER COLUMN tenant DROP DEFAULT");
        Cli.Run required = run(db, "check", "--entities-package", ENTITIES, "--keep-extras", "--json");

        assertThat(exact.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(exact.out()).contains("Drop index ix_book_title_lower", "Drop column book.shelf", "Drop column book.tenant");
        assertThat(kept.exitCode()).as(kept.out() + kept.err()).isZero();
        assertThat(kept.err()).contains("notice: kept what the database has beyond the entities (--keep-extras): 2 column drop(s), 1 index drop(s),"
                + " 1 type narrowing(s):", "notice:   Drop index ix_book_title_lower");
        assertThat(required.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(required.out()).contains("\"differences\" : [ \"Allow NULL in book.tenant.\" ]", "\"kept\" : [ \"Drop index ix_book_title_lower on book.\"");
    }

    /** --keep-extras still proposes a column narrower than the entities', or of another kind, each with a warning naming its risk. */
    @Test
    void withKeepExtrasATypeChangeTheEntitiesNeedIsProposedWithItsRisk(TestDatabase db) throws Exception {
        assertThat(run(db, "upgrade").exitCode()).isZero();
        db.execute("ALTER TABLE member ALTER COLUMN email TYPE varchar(100)");
        db.execute("ALTER TABLE loan ALTER COLUMN due_on TYPE text");

        Cli.Run kept = run(db, "check", "--entities-package", ENTITIES, "--keep-extras");

        assertThat(kept.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(kept.out()).contains("member.email", "loan.due_on");
        assertThat(kept.err()).contains("warning: member.email is character varying(100) in the database, narrower than the entities'"
                + " character varying(255): a value the entities allow and the column does not is refused on insert until the change is"
                + " applied; widening keeps every row.", "warning: loan.due_on is text in the database and the entities declare date, another"
                + " kind of type: converting fails at the first row whose value does not read as date");
    }

    /**
     * check --accept records today's differences in a file; --accepted reports only the others, and says which
     * accepted ones are gone. A file that is not such a record is one line, exit 2.
     */
    @Test
    void acceptedDifferencesAreLeftOutAndNewOnesReported(TestDatabase db) throws Exception {
        assertThat(run(db, "upgrade").exitCode()).isZero();
        db.execute("CREATE INDEX ix_book_title_lower ON book (lower(title))");
        Path file = workDir.resolve("library/accepted-differences.txt");

        Cli.Run recorded = run(db, "check", "--entities-package", ENTITIES, "--accept", file.toString());
        Cli.Run clean = run(db, "check", "--entities-package", ENTITIES, "--accepted", file.toString());
        db.execute("CREATE INDEX ix_book_isbn_lower ON book (lower(isbn))");
        db.execute("DROP INDEX ix_book_title_lower");
        Cli.Run later = run(db, "check", "--entities-package", ENTITIES, "--accepted", file.toString());
        java.nio.file.Files.writeString(workDir.resolve("broken.txt"), "# fine\nDrop index x\n");
        Cli.Run broken = run(db, "check", "--entities-package", ENTITIES, "--accepted", workDir.resolve("broken.txt").toString());

        assertThat(recorded.exitCode()).as(recorded.err()).isZero();
        assertThat(java.nio.file.Files.readString(file)).contains("\n- Drop index ix_book_title_lower on book.\n");
        assertThat(clean.exitCode()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.err()).contains("notice: 1 difference(s) accepted in " + file + " left out.");
        assertThat(later.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(later.out()).contains("Drop index ix_book_isbn_lower on book.").doesNotContain("ix_book_title_lower");
        assertThat(later.err()).contains("notice: accepted in " + file + " and no longer found (remove the line): Drop index ix_book_title_lower on book.");
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(broken.errorLines()).isOne();
        assertThat(broken.err()).contains("line 2 is not '- <difference>' or a # comment (Drop index x)");
    }

    @Test
    void theDatabaseItsChangelogBuildsAgreesWithItsEntities(TestDatabase db) throws Exception {
        assertThat(run(db, "upgrade").exitCode()).isZero();

        Cli.Run history = run(db, "history");
        assertThat(history.out()).containsSubsequence("001-init", "applied", "002-loans", "applied", "003-sample-data", "applied  ");
        Cli.Run check = run(db, "check", "--entities-package", ENTITIES);
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("The entities and the database agree (5 tables");
        assertThat(check.err()).contains("notice: 4 constraint(s) or index(es) differ from the entities' in name alone",
                "Rename unique constraint UK_8k2m1vq5ri4m3b5kx0x9h6n2d on book to book_isbn_key.",
                "Rename foreign key FKklnrv3weler2ftkweewlky958 on book to book_author_id_fkey.",
                "Rename index idx_book_title on book to book_title_idx.", "Rename foreign key fk_loan_book on loan to loan_book_id_fkey.");
        assertThat(check.err()).as("the composite key, (tag, book_id) there and (book_id, tag) here").doesNotContain("book_tag");

        // an unchanged model proposes nothing, whichever way it is asked
        Cli.Run kept = run(db, "check", "--entities-package", ENTITIES, "--keep-extras");
        assertThat(kept.exitCode()).as(kept.out() + kept.err()).isZero();
        assertThat(kept.err()).doesNotContain("kept what the database has");
        String masterBefore = Files.readString(master);
        Cli.Run revision = run(db, "revision", "-m", "nothing", "--autogenerate", "--entities-package", ENTITIES);
        assertThat(revision.exitCode()).as(revision.out() + revision.err()).isZero();
        assertThat(revision.out()).contains("No changes: the entities and the changelog agree. Nothing was written.");
        assertThat(Files.readString(master)).isEqualTo(masterBefore);
    }

    @Test
    void eachRealDifferenceIsReportedOnce(TestDatabase db) throws Exception {
        assertThat(run(db, "upgrade").exitCode()).isZero();
        db.execute("ALTER TABLE loan DROP CONSTRAINT fk_loan_book");
        db.execute("ALTER TABLE book ALTER COLUMN title DROP NOT NULL");
        db.execute("DROP INDEX idx_book_title");
        db.execute("ALTER TABLE book_tag DROP CONSTRAINT book_tag_pkey, ADD PRIMARY KEY (tag)");

        Cli.Run check = run(db, "check", "--entities-package", ENTITIES, "--json");

        assertThat(check.exitCode()).isEqualTo(ExitCodes.FAILED);
        String differences = check.out().substring(check.out().indexOf("\"differences\""), check.out().indexOf("]") + 1);
        assertThat(differences.split("\", \"")).hasSize(4);
        assertThat(differences).contains("Replace primary key book_tag_pkey on book_tag (tag) with book_tag_pkey (book_id, tag).",
                "Make NOT NULL: book.title.", "Create index book_title_idx on book (title).",
                "Add foreign key loan_book_id_fkey on loan (book_id) -> book (id)");
    }

    @Test
    void theTestDataChangesetRunsOnlyInItsContext(TestDatabase db) throws Exception {
        assertThat(run(db, "upgrade", "--contexts", "production").exitCode()).isZero();
        assertThat(authors(db)).isZero();
        assertThat(run(db, "upgrade", "--contexts", "production").out()).contains("Nothing to apply");

        Cli.Run lint = cli.run("lint", "--changelog", master.toString());
        assertThat(lint.out() + lint.err()).contains("context faker");

        assertThat(run(db, "upgrade", "--contexts", "faker").exitCode()).isZero();
        assertThat(authors(db)).isOne();
    }

    /**
     * Test data applied late (a context given after the database reached head) is a changeset of an earlier revision
     * that ran last: the database is still at head, and current, history and upgrade all say so.
     */
    @Test
    void aContextBoundChangesetAppliedLateLeavesTheDatabaseWhereItWas(TestDatabase db) throws Exception {
        Files.writeString(master.resolveSibling("changes/004-notes.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                                   xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                    <changeSet id="1" author="ada">
                        <sql>COMMENT ON TABLE loan IS 'loans'</sql>
                        <rollback><sql>COMMENT ON TABLE loan IS NULL</sql></rollback>
                    </changeSet>
                </databaseChangeLog>
                """);
        Files.writeString(master, Files.readString(master).replace("</databaseChangeLog>",
                "    <include file=\"db/changelog/changes/004-notes.xml\"/>\n</databaseChangeLog>"));
        Cli.Run first = run(db, "upgrade", "--contexts", "production");
        assertThat(first.out()).as(first.err()).contains("Database is at revision 004-notes");

        Cli.Run late = run(db, "upgrade", "--contexts", "faker");

        assertThat(late.exitCode()).as(late.out() + late.err()).isZero();
        assertThat(authors(db)).isOne();
        assertThat(late.out()).contains("Applied 1 changeset(s) of earlier revisions; the revision is unchanged.", "Database is at revision 004-notes");
        assertThat(run(db, "current").out()).startsWith("004-notes").doesNotContain("pending");
        assertThat(run(db, "history").out()).containsPattern("004-notes\\s+applied.*current");
        Cli.Run again = run(db, "upgrade", "--contexts", "faker");
        assertThat(again.out()).contains("Nothing to apply").doesNotContain("->");
        // one revision back undoes 004-notes, and the test data that ran after it: 003-sample-data then has nothing applied
        assertThat(run(db, "downgrade", "-1").out()).contains("Rolled back 2 changeset(s): 004-notes -> 002-loans.");
        assertThat(authors(db)).isZero();
    }

    @Test
    void aNewRevisionJoinsTheXmlMasterAndMovesLikeAnyOther(TestDatabase db) throws Exception {
        assertThat(run(db, "upgrade").exitCode()).isZero();
        String masterBefore = Files.readString(master);

        Cli.Run revision = run(db, "revision", "-m", "reviews", "--autogenerate", "--author", "ada", "--entities-package", WITH_REVIEWS);

        assertThat(revision.exitCode()).as(revision.out() + revision.err()).isZero();
        assertThat(revision.out()).contains("Created revision 001_reviews (follows 003-sample-data)", "Create table review.",
                "Add foreign key review_book_id_fkey on review (book_id) -> book (id)").doesNotContain("Rename");
        assertThat(master.resolveSibling("001_reviews.yaml")).exists();
        assertThat(Files.readString(master)).isEqualTo(masterBefore.replace("</databaseChangeLog>",
                "    <include file=\"db/changelog/001_reviews.yaml\"/>\n</databaseChangeLog>"));

        assertThat(run(db, "upgrade").out()).contains("003-sample-data -> 001_reviews");
        assertThat(run(db, "check", "--entities-package", WITH_REVIEWS).exitCode()).isZero();
        HibernateOracle.check(db, List.of(Author.class, Book.class, BookTag.class, Member.class, Loan.class, Review.class));

        assertThat(run(db, "downgrade", "-1").out()).contains("001_reviews -> 003-sample-data");
        assertThat(tables(db)).doesNotContain("review").contains("loan");
        assertThat(run(db, "downgrade", "001-init", "--allow-data-loss").out()).contains("003-sample-data -> 001-init");
        assertThat(tables(db)).doesNotContain("loan").contains("book");
        assertThat(run(db, "upgrade", "002-loans").out()).contains("001-init -> 002-loans");
        assertThat(run(db, "current").out()).contains("002-loans (2 pending)");
        assertThat(authors(db)).as("003-sample-data is not applied").isZero();
    }

    private static int authors(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM author")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static java.util.Set<String> tables(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return CatalogSchemaReader.read(c).tables().keySet();
        }
    }
}
