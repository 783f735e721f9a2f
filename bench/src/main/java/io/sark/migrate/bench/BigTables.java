package io.sark.migrate.bench;

import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.engine.Migrator;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.generate.Generator;
import io.sark.migrate.generate.RevisionFiles;
import io.sark.migrate.hibernate.EntityModel;
import io.sark.migrate.hibernate.EntitySchemaReader;
import io.sark.migrate.model.annotations.RenamedFrom;
import io.sark.migrate.postgres.catalog.CatalogSchemaReader;
import io.sark.migrate.postgres.server.EmbeddedPostgresServer;
import io.sark.migrate.schema.Schema;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import org.hibernate.annotations.ColumnDefault;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 30's proof: each entity change of a big table, generated from an entity edit by the generator (never typed by
 * hand), applied by the migrator while application-like writers run (two sessions of single-row INSERT and UPDATE,
 * autocommit, written as the version before the change writes them), then rolled back the same way. A change made
 * in two phases (expand, then the contract a later comparison writes) is measured phase by phase.
 */
final class BigTables {

    private static final String DATABASE = "bench_big";
    private static final int WRITERS = 2;

    private final Bench bench;

    /** What the version at the start writes. */
    private static final WriterLoad.Writes MEMBERS_BEFORE = members("note", "", "");

    /** The writes of a version that names the note column {@code note}, and writes {@code column} = {@code value} too. */
    static WriterLoad.Writes members(String note, String column, String value) {
        return new WriterLoad.Writes("INSERT INTO members (id, name, email, hits, " + note + ", team_id" + column + ")"
                + " VALUES (gen_random_uuid(), 'writer', 'w-' || gen_random_uuid() || '@example.com', 1, 'new', NULL" + value + ")",
                "UPDATE members SET hits = hits + 1, " + note + " = 'edited' WHERE id = ?::uuid",
                "SELECT id::text FROM members TABLESAMPLE SYSTEM (1) LIMIT 2000");
    }

    BigTables(Bench bench) {
        this.bench = bench;
    }

    // ---- the entities: the version at the start, and one edit of it each ----

    @Entity(name = "Team") @Table(name = "teams")
    static class Team {
        @Id UUID id;
        @Column(name = "name", length = 100) String name;
    }

    @Entity(name = "Member") @Table(name = "members")
    static class Member {
        @Id UUID id;
        @Column(name = "name", length = 100) String name;
        @Column(name = "email", length = 200) String email;
        @ColumnDefault("0") @Column(name = "hits", nullable = false) int hits;
        @Column(name = "note", length = 100) String note;
        @Column(name = "team_id") UUID teamId;
    }

    @Entity(name = "Member") @Table(name = "members")
    static class WithNickname {
        @Id UUID id;
        @Column(name = "name", length = 100) String name;
        @Column(name = "email", length = 200) String email;
        @ColumnDefault("0") @Column(name = "hits", nullable = false) int hits;
        @Column(name = "note", length = 100) String note;
        @Column(name = "team_id") UUID teamId;
        @Column(name = "nickname", length = 50) String nickname;
    }

    @Entity(name = "Member") @Table(name = "members")
    static class WithActive {
        @Id UUID id;
        @Column(name = "name", length = 100) String name;
        @Column(name = "email", length = 200) String email;
        @ColumnDefault("0") @Column(name = "hits", nullable = false) int hits;
        @Column(name = "note", length = 100) String note;
        @Column(name = "team_id") UUID teamId;
        @ColumnDefault("true") @Column(name = "active", nullable = false) boolean active;
    }

    @Entity(name = "Member") @Table(name = "members")
    static class WithTimezone {
        @Id UUID id;
        @Column(name = "name", length = 100) String name;
        @Column(name = "email", length = 200) String email;
        @ColumnDefault("0") @Column(name = "hits", nullable = false) int hits;
        @Column(name = "note", length = 100) String note;
        @Column(name = "team_id") UUID teamId;
        @Column(name = "timezone", length = 50, nullable = false) String timezone;
    }

    @Entity(name = "Member") @Table(name = "members")
    static class NameRequired {
        @Id UUID id;
        @Column(name = "name", length = 100, nullable = false) String name;
        @Column(name = "email", length = 200) String email;
        @ColumnDefault("0") @Column(name = "hits", nullable = false) int hits;
        @Column(name = "note", length = 100) String note;
        @Column(name = "team_id") UUID teamId;
    }

    @Entity(name = "Member") @Table(name = "members", uniqueConstraints = @UniqueConstraint(name = "uk_members_email", columnNames = "email"))
    static class EmailUnique {
        @Id UUID id;
        @Column(name = "name", length = 100) String name;
        @Column(name = "email", length = 200) String email;
        @ColumnDefault("0") @Column(name = "hits", nullable = false) int hits;
        @Column(name = "note", length = 100) String note;
        @Column(name = "team_id") UUID teamId;
    }

    @Entity(name = "Member") @Table(name = "members")
    static class LongHits {
        @Id UUID id;
        @Column(name = "name", length = 100) String name;
        @Column(name = "email", length = 200) String email;
        @ColumnDefault("0") @Column(name = "hits", nullable = false) long hits;
        @Column(name = "note", length = 100) String note;
        @Column(name = "team_id") UUID teamId;
    }

    @Entity(name = "Member") @Table(name = "members", indexes = @Index(name = "ix_members_team_id", columnList = "team_id"))
    static class InTeam {
        @Id UUID id;
        @Column(name = "name", length = 100) String name;
        @Column(name = "email", length = 200) String email;
        @ColumnDefault("0") @Column(name = "hits", nullable = false) int hits;
        @Column(name = "note", length = 100) String note;
        @ManyToOne @JoinColumn(name = "team_id", foreignKey = @ForeignKey(name = "fk_members_team")) Team team;
    }

    @Entity(name = "Member") @Table(name = "members")
    static class NoteRenamed {
        @Id UUID id;
        @Column(name = "name", length = 100) String name;
        @Column(name = "email", length = 200) String email;
        @ColumnDefault("0") @Column(name = "hits", nullable = false) int hits;
        @RenamedFrom("note") @Column(name = "remark", length = 100) String remark;
        @Column(name = "team_id") UUID teamId;
    }

    /**
     * An entity edit, the --backfill it is generated with (empty for none), and what the version after it writes: it runs
     * during the contract phase (the version before is gone by then) and its rollback; the version before runs during
     * the expand phase and its rollback.
     */
    record Edit(String change, Class<?> member, Map<String, String> backfills, WriterLoad.Writes after) {
        Edit(String change, Class<?> member) {
            this(change, member, Map.of(), MEMBERS_BEFORE);
        }
    }

    static List<Edit> edits() {
        return List.of(
                new Edit("new nullable column", WithNickname.class),
                new Edit("new NOT NULL column with a default", WithActive.class),
                new Edit("new NOT NULL column, --backfill members.timezone='UTC'", WithTimezone.class, Map.of("members.timezone", "'UTC'"),
                        members("note", ", timezone", ", 'UTC'")),
                new Edit("existing column becomes NOT NULL", NameRequired.class),
                new Edit("new unique constraint on an existing column", EmailUnique.class),
                new Edit("int -> long (integer -> bigint)", LongHits.class),
                new Edit("new index and new foreign key", InTeam.class),
                new Edit("column rename (@RenamedFrom)", NoteRenamed.class, Map.of(), members("remark", "", "")));
    }

    void run(EmbeddedPostgresServer server) throws Exception {
        bench.heading(String.format("Big tables: each entity change generated and applied on members with %,d rows while %d writers run",
                bench.rows, WRITERS));
        if (server.databaseExists(DATABASE)) {
            server.dropDatabase(DATABASE);
        }
        server.createDatabase(DATABASE);
        Path root = Files.createTempDirectory("sark-migrate-bench-big-");
        try {
            Files.createDirectories(root.resolve("db/changelog"));
            Files.writeString(root.resolve(Changelog.MASTER), "databaseChangeLog:\n");
            generate(server, root, "members", List.of(Team.class, Member.class), Map.of());
            apply(server, root);
            long fill = fill(server);
            bench.print(String.format("Filling members took %.1f s. Each writer inserts a row or updates one by its key, alternately, one"
                    + " statement at a time (autocommit), naming the columns of the entity version that runs: the one before the change"
                    + " during its expand phase and the rollback of it, the one after during the contract phase and its rollback. The"
                    + " longest wait is the longest of those statements; a failed write is one PostgreSQL refused. Rolled back is"
                    + " downgrade -1 of the revision above it, with the writers running.%n", fill / 1000.0));
            List<List<String>> rows = new ArrayList<>();
            String master = Files.readString(root.resolve(Changelog.MASTER));
            for (Edit edit : edits()) {
                List<SchemaChange> changes = generate(server, root, "expand", List.of(Team.class, edit.member()), edit.backfills());
                WriterLoad.Measured up = load(server).run(MEMBERS_BEFORE, () -> apply(server, root));
                rows.add(row(edit.change(), describe(changes), up));
                List<SchemaChange> contract = changes(server, List.of(Team.class, edit.member()));
                if (!contract.stream().allMatch(c -> c instanceof SchemaChange.DropColumnCopy || c instanceof SchemaChange.DropExpandTrigger)) {
                    throw new IllegalStateException("bench: after '" + edit.change() + "' the entities still differ: " + describe(contract));
                }
                if (!contract.isEmpty()) {
                    write(root, "contract", contract);
                    WriterLoad.Measured c = load(server).run(edit.after(), () -> apply(server, root));
                    rows.add(row("... its contract phase (the next revision --autogenerate)", describe(contract), c));
                    if (!changes(server, List.of(Team.class, edit.member())).isEmpty()) {
                        throw new IllegalStateException("bench: after the contract phase of '" + edit.change() + "' the entities still differ");
                    }
                    WriterLoad.Measured cd = load(server).run(edit.after(), () -> rollBack(server, root));
                    rows.add(row("... contract phase rolled back", "downgrade -1", cd));
                }
                WriterLoad.Measured down = load(server).run(MEMBERS_BEFORE, () -> rollBack(server, root));
                rows.add(row("... rolled back", "downgrade -1", down));
                requireBackAtTheStart(server);
                // The edit is undone: its revisions go, as a developer discards them, so the next edit starts from the first.
                Files.writeString(root.resolve(Changelog.MASTER), master);
                try (var files = Files.list(root.resolve("db/changelog"))) {
                    for (Path file : files.filter(f -> !master.contains(f.getFileName().toString()) && !f.endsWith(Path.of(Changelog.MASTER).getFileName())).toList()) {
                        Files.delete(file);
                    }
                }
            }
            bench.table(List.of("entity change", "what was generated", "migration", "writers' longest wait", "writes meanwhile",
                    "failed writes", "the longest lock wait seen was behind"), rows);
        } finally {
            io.sark.migrate.files.Folders.deleteRecursively(root);
        }
    }

    private static WriterLoad load(EmbeddedPostgresServer server) {
        return new WriterLoad(server, DATABASE, WRITERS);
    }

    private static List<String> row(String change, String generated, WriterLoad.Measured m) {
        return List.of(change, generated, String.format("%.1f s", m.millis() / 1000.0), String.format("%.3f s", m.longestWaitMillis() / 1000.0),
                String.format("%,d", m.writes()), m.failedWrites() == 0 ? "0" : m.failedWrites() + " (" + m.firstFailure() + ")",
                m.waitedBehind().replace("|", "\\|"));
    }

    private static String describe(List<SchemaChange> changes) {
        return String.join("; ", changes.stream().map(c -> c.getClass().getSimpleName()).toList());
    }

    /** The changes from the database to {@code entities}, written as the next revision. */
    private List<SchemaChange> generate(EmbeddedPostgresServer server, Path root, String message, List<Class<?>> entities,
                                        Map<String, String> backfills) throws SQLException {
        List<SchemaChange> changes = Generator.withBackfills(changes(server, entities), backfills);
        write(root, message, changes);
        return changes;
    }

    private static void write(Path root, String message, List<SchemaChange> changes) {
        Changelog changelog = Changelog.inDirectory(root);
        RevisionFiles.create(changelog, changelog.revisions(), message, "bench", changes);
    }

    private List<SchemaChange> changes(EmbeddedPostgresServer server, List<Class<?>> entities) throws SQLException {
        EntityModel model = EntityModel.read(entities);
        try (Connection c = server.connect(DATABASE)) {
            Schema current = CatalogSchemaReader.read(c);
            return Generator.changes(current, EntitySchemaReader.read(model, c), model.renames());
        }
    }

    private void apply(EmbeddedPostgresServer server, Path root) throws SQLException {
        try (Migrator migrator = Migrator.open(server.connect(DATABASE), Changelog.inDirectory(root))) {
            migrator.upgradeToHead();
        }
    }

    private void rollBack(EmbeddedPostgresServer server, Path root) throws SQLException {
        try (Migrator migrator = Migrator.open(server.connect(DATABASE), Changelog.inDirectory(root))) {
            migrator.downgrade("-1", true);
        }
    }

    /** After each edit and its rollback, the table is the first revision's again: what the next edit starts from. */
    private void requireBackAtTheStart(EmbeddedPostgresServer server) throws SQLException {
        List<SchemaChange> left = changes(server, List.of(Team.class, Member.class));
        if (!left.isEmpty()) {
            throw new IllegalStateException("bench: the rollback did not bring members back: " + describe(left));
        }
    }

    private long fill(EmbeddedPostgresServer server) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = server.connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("INSERT INTO teams SELECT gen_random_uuid(), 'team ' || g FROM generate_series(1, 100) g");
            s.execute("INSERT INTO members (id, name, email, hits, note, team_id) SELECT gen_random_uuid(), 'member ' || g,"
                    + " 'm' || g || '@example.com', g % 1000, 'note ' || (g % 97), (SELECT id FROM teams ORDER BY name OFFSET g % 100 LIMIT 1)"
                    + " FROM generate_series(1, " + bench.rows + ") g");
            s.execute("VACUUM ANALYZE members");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}
