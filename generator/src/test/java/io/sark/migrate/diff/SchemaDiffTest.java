package io.sark.migrate.diff;

import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.EnumType;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure diff, table-driven: a schema, an edit, the changes expected, in order. */
class SchemaDiffTest {

    private static final Column ID = new Column("id", "uuid", false, null, null);
    private static final Column NAME = new Column("name", "character varying(50)", true, null, null);

    private static Table users(Column... extra) {
        List<Column> columns = new java.util.ArrayList<>(List.of(ID, NAME));
        columns.addAll(List.of(extra));
        return new Table("users", columns, new PrimaryKey("users_pkey", List.of("id")), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), null);
    }

    private static Schema schema(Table... tables) {
        TreeMap<String, Table> byName = new TreeMap<>();
        for (Table t : tables) {
            byName.put(t.name(), t);
        }
        return new Schema(byName, new TreeMap<>());
    }

    private static Table with(Table t, UnaryOperator<List<Column>> columns) {
        return new Table(t.name(), columns.apply(new java.util.ArrayList<>(t.columns())), t.primaryKey(), t.uniqueConstraints(), t.indexes(), t.foreignKeys(), null);
    }

    private static Column name(boolean nullable, String type, String defaultValue, String comment) {
        return new Column("name", type, nullable, defaultValue, comment);
    }

    static Stream<Arguments> columnEdits() {
        return Stream.of(
                Arguments.of("same", users(), List.of()),
                Arguments.of("nullability", with(users(), c -> List.of(ID, name(false, "character varying(50)", null, null))),
                        List.of("Make NOT NULL: users.name.")),
                Arguments.of("type", with(users(), c -> List.of(ID, name(true, "text", null, null))),
                        List.of("Change the type of users.name from character varying(50) to text.")),
                Arguments.of("default", with(users(), c -> List.of(ID, name(true, "character varying(50)", "'x'", null))),
                        List.of("Set the default of users.name to 'x'.")),
                Arguments.of("comment", with(users(), c -> List.of(ID, name(true, "character varying(50)", null, "who"))),
                        List.of("Set the comment on users.name.")),
                Arguments.of("type and default: in one change, so in one transaction",
                        with(users(), c -> List.of(ID, name(true, "text", "'x'", null))),
                        List.of("Change the type of users.name from character varying(50) to text. Its default goes from none to 'x' in the same"
                                + " transaction.")),
                Arguments.of("added column", users(new Column("age", "integer", true, null, null)), List.of("Add column users.age integer.")),
                Arguments.of("dropped column", with(users(), c -> List.of(ID)), List.of("Drop column users.name.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columnEdits")
    void columnChanges(String what, Table desired, List<String> expected) {
        assertThat(SchemaDiff.between(schema(users()), schema(desired)).stream().map(SchemaChange::describe)).containsExactlyElementsOf(expected);
    }

    /**
     * The old default is taken off before the type changes and the new one put on after, in the same change, so in one
     * transaction: an insert between two changesets found the column without a default (issue 30: 36 failed writes).
     */
    @Test
    void aTypeChangeWithADefaultDropsAndRestoresItInTheSameChange() {
        Table from = with(users(), c -> List.of(ID, name(true, "character varying(50)", "'1'", null)));
        Table to = with(users(), c -> List.of(ID, name(true, "integer", "1", null)));

        assertThat(SchemaDiff.between(schema(from), schema(to))).containsExactly(
                new SchemaChange.ChangeColumnType("users", "name", "character varying(50)", "integer", "'1'", "1"));
    }

    @Test
    void foreignKeysAreDroppedFirstAndAddedLastSoCircularOnesWork() {
        ForeignKey toB = new ForeignKey("a_b_fkey", List.of("b_id"), "b", List.of("id"), ForeignKey.Action.CASCADE, ForeignKey.Action.NO_ACTION);
        ForeignKey toA = new ForeignKey("b_a_fkey", List.of("a_id"), "a", List.of("id"), ForeignKey.Action.SET_NULL, ForeignKey.Action.NO_ACTION);
        Table a = new Table("a", List.of(ID, new Column("b_id", "uuid", true, null, null)), new PrimaryKey("a_pkey", List.of("id")),
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(Map.of("a_b_fkey", toB)), null);
        Table b = new Table("b", List.of(ID, new Column("a_id", "uuid", true, null, null)), new PrimaryKey("b_pkey", List.of("id")),
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(Map.of("b_a_fkey", toA)), null);

        List<SchemaChange> create = SchemaDiff.between(Schema.empty(), schema(a, b));
        List<SchemaChange> drop = SchemaDiff.between(schema(a, b), Schema.empty());

        assertThat(create).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("CreateTable", "CreateTable", "AddForeignKey", "AddForeignKey");
        assertThat(drop).extracting(c -> c.getClass().getSimpleName())
                .containsExactly("DropForeignKey", "DropForeignKey", "DropTable", "DropTable");
    }

    @Test
    void uniqueConstraintsAndUniqueIndexesAreDifferentObjects() {
        Table plain = users();
        Table constrained = new Table("users", plain.columns(), plain.primaryKey(),
                new TreeMap<>(Map.of("users_name_key", new UniqueConstraint("users_name_key", List.of("name")))),
                new TreeMap<>(Map.of("ix_users_name", new Index("ix_users_name", List.of("name"), true))), new TreeMap<>(), null);

        assertThat(SchemaDiff.between(schema(plain), schema(constrained)).stream().map(SchemaChange::describe)).containsExactly(
                "Add UNIQUE constraint users_name_key on users (name).",
                "Create unique index ix_users_name on users (name).");
    }

    @Test
    void enumTypesComeBeforeTheirColumnsAndGoAfterThem() {
        EnumType mood = new EnumType("mood", List.of("sad", "happy"));
        Schema without = schema(users());
        Schema with = new Schema(new TreeMap<>(Map.of("users", users(new Column("mood", "mood", true, null, null)))),
                new TreeMap<>(Map.of("mood", mood)));

        assertThat(SchemaDiff.between(without, with)).extracting(c -> c.getClass().getSimpleName()).containsExactly("CreateEnumType", "AddColumn");
        assertThat(SchemaDiff.between(with, without)).extracting(c -> c.getClass().getSimpleName()).containsExactly("DropColumn", "DropEnumType");
    }

    @Test
    void enumLabelChangesAreReported() {
        Schema before = new Schema(new TreeMap<>(), new TreeMap<>(Map.of("mood", new EnumType("mood", List.of("sad", "happy")))));
        Schema after = new Schema(new TreeMap<>(), new TreeMap<>(Map.of("mood", new EnumType("mood", List.of("sad", "ok", "happy")))));

        Schema removed = new Schema(new TreeMap<>(), new TreeMap<>(Map.of("mood", new EnumType("mood", List.of("happy")))));
        Schema grown = new Schema(new TreeMap<>(), new TreeMap<>(Map.of("mood", new EnumType("mood", List.of("meh", "sad", "ok", "happy", "wow")))));

        assertThat(SchemaDiff.between(before, after).stream().map(SchemaChange::describe))
                .containsExactly("Add value 'ok' to enum type mood (before 'happy').");
        assertThat(SchemaDiff.between(before, grown).stream().map(SchemaChange::describe)).containsExactly(
                "Add value 'meh' to enum type mood (before 'sad').",
                "Add value 'ok' to enum type mood (before 'happy').",
                "Add value 'wow' to enum type mood (after 'happy').");
        assertThat(SchemaDiff.between(before, removed).stream().map(SchemaChange::describe))
                .containsExactly("Change the labels of enum type mood from (sad, happy) to (happy).");
    }

    @Test
    void aDropAndAnAddOfTheSameTypeIsNeverTakenForARenameButIsFlagged() {
        Column colour = new Column("colour", "character varying(50)", true, null, null);
        Table renamed = with(users(), c -> List.of(ID, colour));

        List<SchemaChange> changes = SchemaDiff.between(schema(users()), schema(renamed));

        assertThat(changes.stream().map(SchemaChange::describe)).containsExactly("Add column users.colour character varying(50).", "Drop column users.name.");
        assertThat(RenameHints.of(changes)).containsExactly("Column users.name is dropped and colour (character varying(50)) added:"
                + " if it is a rename, declare @RenamedFrom(\"name\") on the field, or the data in name is lost.");
    }

    @Test
    void aDeclaredRenameIsARename() {
        Column colour = new Column("colour", "character varying(50)", true, null, null);
        Table renamed = with(users(), c -> List.of(ID, colour));
        io.sark.migrate.schema.Renames declared = new io.sark.migrate.schema.Renames(Map.of(), Map.of("users", Map.of("colour", "name")));

        List<SchemaChange> changes = SchemaDiff.between(schema(users()), schema(renamed), declared);

        assertThat(changes.stream().map(SchemaChange::describe)).containsExactly("Rename column users.name to colour.");
        assertThat(RenameHints.of(changes)).isEmpty();
        assertThat(SchemaDiff.between(schema(renamed), schema(renamed), declared)).as("once renamed, nothing more").isEmpty();
    }

    @Test
    void aChangedPrimaryKeyIsReplacedInOneChangeAndAKeyAddedOrDroppedAlone() {
        Table composite = new Table("users", users().columns(), new PrimaryKey("users_pkey", List.of("id", "name")),
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), null);
        Table keyless = new Table("users", users().columns(), null, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), null);

        assertThat(SchemaDiff.between(schema(users()), schema(composite)).stream().map(SchemaChange::describe)).containsExactly(
                "Replace primary key users_pkey on users (id) with users_pkey (id, name).");
        assertThat(SchemaDiff.between(schema(users()), schema(keyless)).stream().map(SchemaChange::describe)).containsExactly(
                "Drop primary key users_pkey on users.");
        assertThat(SchemaDiff.between(schema(keyless), schema(composite)).stream().map(SchemaChange::describe)).containsExactly(
                "Add primary key users_pkey on users (id, name).");
    }

    /**
     * START matters only when a sequence is created or restarted: a database whose sequence was created to start at
     * 1050 (an application's own Liquibase changelog) is no difference from entities that say 1; another change to it
     * leaves START as it is. (Before: "Alter sequence ...: start 1050 -> 1", which changes nothing a running database does.)
     */
    /**
     * A UNIQUE constraint on NOT NULL columns is the primary key the entities declare on them, as far as any rule goes:
     * no drop of the UNIQUE and add of a key (an existing application's database had that). A nullable column, or other
     * columns, still differ.
     */
    @org.junit.jupiter.api.Test
    void aUniqueConstraintOnNotNullColumnsIsThePrimaryKeyOnThem() {
        Table declared = new Table("books", List.of(col("isbn", false), col("title", true)), new PrimaryKey("books_pkey", List.of("isbn")),
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), null);
        Table there = new Table("books", List.of(col("isbn", false), col("title", true)), null,
                new TreeMap<>(Map.of("uk_books_isbn", new io.sark.migrate.schema.UniqueConstraint("uk_books_isbn", List.of("isbn")))),
                new TreeMap<>(), new TreeMap<>(), null);
        assertThat(SchemaDiff.between(schema(there), schema(declared))).isEmpty();

        Table nullable = new Table("books", List.of(col("isbn", true), col("title", true)), null, there.uniqueConstraints(),
                new TreeMap<>(), new TreeMap<>(), null);
        assertThat(SchemaDiff.between(schema(nullable), schema(declared)).stream().map(SchemaChange::describe))
                .contains("Add primary key books_pkey on books (isbn).");
    }

    @org.junit.jupiter.api.Test
    void anExistingSequencesStartIsNoDifference() {
        io.sark.migrate.schema.Sequence there = new io.sark.migrate.schema.Sequence("book_seq", "bigint", 1050, 50, 1, Long.MAX_VALUE, 1, false, null);
        io.sark.migrate.schema.Sequence declared = there.withStart(1);
        assertThat(SchemaDiff.between(sequences(there), sequences(declared))).isEmpty();

        io.sark.migrate.schema.Sequence byOne = new io.sark.migrate.schema.Sequence("book_seq", "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false, null);
        assertThat(SchemaDiff.between(sequences(there), sequences(byOne))).singleElement()
                .isEqualTo(new SchemaChange.AlterSequence(there, byOne.withStart(1050)));
    }

    private static Column col(String name, boolean nullable) {
        return new Column(name, "varchar(20)", nullable, null, null);
    }

    private static Schema sequences(io.sark.migrate.schema.Sequence sequence) {
        return new Schema(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(Map.of(sequence.name(), sequence)));
    }

    @org.junit.jupiter.api.Test
    void aSequenceDroppedAndAnotherCreatedIsHintedAsARenameThatRestartsIds() {
        io.sark.migrate.schema.Sequence old = new io.sark.migrate.schema.Sequence("invoice_id_seq", "bigint", 1, 50, 1, Long.MAX_VALUE, 1, false, null);
        io.sark.migrate.schema.Sequence renamed = old.withName("invoice_number_seq");
        List<SchemaChange> changes = SchemaDiff.between(
                new Schema(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(Map.of(old.name(), old))),
                new Schema(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(Map.of(renamed.name(), renamed))));

        assertThat(changes.stream().map(SchemaChange::describe)).containsExactly(
                "Create sequence invoice_number_seq (start 1, increment 50).", "Drop sequence invoice_id_seq.");
        assertThat(RenameHints.of(changes)).containsExactly("Sequence invoice_id_seq is dropped and invoice_number_seq created,"
                + " starting at 1: if the new one numbers the same table, its first ids repeat ones already there. Keep the sequence name"
                + " in @SequenceGenerator, or add to the revision by hand: ALTER SEQUENCE invoice_id_seq RENAME TO invoice_number_seq.");
    }

    private static Table tableWith(PrimaryKey key, Map<String, UniqueConstraint> uniques, Map<String, Index> indexes,
                                   Map<String, ForeignKey> keys, Map<String, io.sark.migrate.schema.CheckConstraint> checks) {
        List<Column> columns = List.of(ID, NAME, new Column("owner_id", "uuid", true, null, null));
        return new Table("users", columns, key, new TreeMap<>(uniques), new TreeMap<>(indexes), new TreeMap<>(keys), null)
                .withIndexesAndChecks(new TreeMap<>(indexes), new TreeMap<>(checks));
    }

    private static final PrimaryKey KEY = new PrimaryKey("users_pkey", List.of("id"));
    private static final ForeignKey OWNER = new ForeignKey("users_owner_id_fkey", List.of("owner_id"), "users", List.of("id"),
            ForeignKey.Action.CASCADE, ForeignKey.Action.NO_ACTION);

    @Test
    void constraintsAndIndexesThatDifferInNameAloneAreRenamesInAPhaseOfTheirOwn() {
        Table theirs = tableWith(KEY, Map.of("uk_name", new UniqueConstraint("uk_name", List.of("name"))),
                Map.of("idx_owner", new Index("idx_owner", List.of("owner_id"), false)), Map.of("fk_owner", OWNER.withName("fk_owner")),
                Map.of("ck_name", new io.sark.migrate.schema.CheckConstraint("ck_name", "(name)::text <> ''::text")));
        Table ours = tableWith(KEY, Map.of("users_name_key", new UniqueConstraint("users_name_key", List.of("name"))),
                Map.of("ix_users_owner_id", new Index("ix_users_owner_id", List.of("owner_id"), false)), Map.of(OWNER.name(), OWNER),
                Map.of("users_name_check", new io.sark.migrate.schema.CheckConstraint("users_name_check", "(name)::text <> ''::text")));

        assertThat(SchemaDiff.between(schema(theirs), schema(ours)).stream().map(SchemaChange::describe)).containsExactlyInAnyOrder(
                "Rename unique constraint uk_name on users to users_name_key.", "Rename index idx_owner on users to ix_users_owner_id.",
                "Rename check ck_name on users to users_name_check.", "Rename foreign key fk_owner on users to users_owner_id_fkey.");
    }

    @Test
    void anotherNameAndAnotherShapeIsADropAndAnAdd() {
        Table theirs = tableWith(KEY, Map.of(), Map.of(), Map.of("fk_owner", OWNER.withName("fk_owner")), Map.of());
        ForeignKey restrict = new ForeignKey(OWNER.name(), OWNER.columns(), "users", List.of("id"), ForeignKey.Action.RESTRICT,
                ForeignKey.Action.NO_ACTION);
        Table ours = tableWith(KEY, Map.of(), Map.of(), Map.of(restrict.name(), restrict), Map.of());

        assertThat(SchemaDiff.between(schema(theirs), schema(ours)).stream().map(SchemaChange::describe)).containsExactly(
                "Drop foreign key fk_owner on users.", "Add foreign key users_owner_id_fkey on users (owner_id) -> users (id), ON DELETE RESTRICT.");
    }

    @Test
    void aNameTheOtherSideAlsoHasIsNotRenamedOver() {
        Index onName = new Index("ix_a", List.of("name"), false);
        Table theirs = tableWith(KEY, Map.of(), Map.of("ix_a", new Index("ix_a", List.of("owner_id"), false), "ix_b", onName.withName("ix_b")),
                Map.of(), Map.of());
        Table ours = tableWith(KEY, Map.of(), Map.of("ix_a", onName), Map.of(), Map.of());

        assertThat(SchemaDiff.between(schema(theirs), schema(ours)).stream().map(SchemaChange::describe)).containsExactly(
                "Drop index ix_a on users.", "Drop index ix_b on users.", "Create index ix_a on users (name).");
    }

    @Test
    void aKeysColumnOrderIsNoDifferenceButItsColumnsAre() {
        Table theirs = tableWith(new PrimaryKey("users_pkey", List.of("name", "id")), Map.of(), Map.of(), Map.of(), Map.of());
        Table ours = tableWith(new PrimaryKey("users_pkey", List.of("id", "name")), Map.of(), Map.of(), Map.of(), Map.of());

        assertThat(SchemaDiff.between(schema(theirs), schema(ours))).isEmpty();
        assertThat(SchemaDiff.between(schema(theirs), schema(tableWith(KEY, Map.of(), Map.of(), Map.of(), Map.of())))).isNotEmpty();
    }

    @Test
    void aUniqueConstraintsColumnOrderIsNoDifferenceButAnIndexsIs() {
        UniqueConstraint theirs = new UniqueConstraint("uk_1", List.of("owner_id", "name"));
        UniqueConstraint ours = new UniqueConstraint("users_name_owner_id_key", List.of("name", "owner_id"));
        Index theirIndex = new Index("ix_a", List.of("owner_id", "name"), false);

        assertThat(SchemaDiff.between(schema(tableWith(KEY, Map.of("uk_1", theirs), Map.of(), Map.of(), Map.of())),
                schema(tableWith(KEY, Map.of(ours.name(), ours), Map.of(), Map.of(), Map.of()))).stream().map(SchemaChange::describe))
                .containsExactly("Rename unique constraint uk_1 on users to users_name_owner_id_key.");
        assertThat(SchemaDiff.between(schema(tableWith(KEY, Map.of(), Map.of("ix_a", theirIndex), Map.of(), Map.of())),
                schema(tableWith(KEY, Map.of(), Map.of("ix_a", new Index("ix_a", List.of("name", "owner_id"), false)), Map.of(), Map.of())))
                .stream().map(SchemaChange::describe))
                .containsExactly("Drop index ix_a on users.", "Create index ix_a on users (name, owner_id).");
    }

    @Test
    void aPlainIndexRepeatingAKeysIndexIsNotMissingButAUniqueIndexBesideAUniqueConstraintIs() {
        UniqueConstraint byName = new UniqueConstraint("users_name_key", List.of("name"));
        Table theirs = tableWith(KEY, Map.of(byName.name(), byName), Map.of(), Map.of(), Map.of());
        Table plain = tableWith(KEY, Map.of(byName.name(), byName), Map.of("ix_users_id", new Index("ix_users_id", List.of("id"), false),
                "ix_users_name", new Index("ix_users_name", List.of("name"), false)), Map.of(), Map.of());
        Table unique = tableWith(KEY, Map.of(byName.name(), byName), Map.of("ix_users_name", new Index("ix_users_name", List.of("name"), true)),
                Map.of(), Map.of());

        assertThat(SchemaDiff.between(schema(theirs), schema(plain))).isEmpty();
        assertThat(SchemaDiff.between(schema(theirs), schema(unique)).stream().map(SchemaChange::describe))
                .containsExactly("Create unique index ix_users_name on users (name).");
    }
}
