package io.sark.migrate.generate;

import io.sark.migrate.changes.LockLevel;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.diff.SchemaChange;
import io.sark.migrate.schema.CheckConstraint;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.EnumType;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.PrimaryKey;
import io.sark.migrate.schema.Sequence;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every kind of change has its forward steps and its rollback: a kind added to {@link SchemaChange} without an
 * example here fails the first test, and one the writer forgets fails the second.
 */
class ChangesetWriterTest {

    private static final Column NAME = new Column("name", "character varying(50)", true, null, null);
    private static final Table WIDGETS = new Table("widgets", List.of(new Column("id", "uuid", false, null, null), NAME),
            new PrimaryKey("widgets_pkey", List.of("id")), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), null);
    private static final Sequence SEQUENCE = new Sequence("widgets_seq", "bigint", 1, 50, 1, Long.MAX_VALUE, 1, false, null);
    private static final EnumType MOOD = new EnumType("mood", List.of("sad", "happy"));
    private static final ForeignKey KEY = new ForeignKey("widgets_owner_fkey", List.of("owner"), "owners", List.of("id"),
            ForeignKey.Action.CASCADE, ForeignKey.Action.NO_ACTION);

    /** One of each kind. */
    static final List<SchemaChange> EXAMPLES = List.of(
            new SchemaChange.CreateSchema("billing"),
            new SchemaChange.DropSchema("billing"),
            new SchemaChange.CreateEnumType(MOOD),
            new SchemaChange.DropEnumType(MOOD),
            new SchemaChange.AddEnumValue("mood", "ok", "happy", true),
            new SchemaChange.ChangeEnumLabels(MOOD, new EnumType("mood", List.of("happy", "sad"))),
            new SchemaChange.RenameTable("gadgets", "widgets"),
            new SchemaChange.RenameColumn("widgets", "label", "name", "character varying(50)"),
            new SchemaChange.RenameConstraint("widgets", "foreign key", "fk_widgets_owner", "widgets_owner_fkey"),
            new SchemaChange.RenameIndex("widgets", "IDX_NAME", "ix_widgets_name"),
            new SchemaChange.CreateTable(WIDGETS),
            new SchemaChange.DropTable(WIDGETS),
            new SchemaChange.AddColumn("widgets", NAME),
            new SchemaChange.Backfill("widgets", "name", "'x'"),
            new SchemaChange.DropColumn("widgets", NAME),
            new SchemaChange.ChangeColumnType("widgets", "name", "character varying(50)", "text"),
            new SchemaChange.ChangeNullability("widgets", "name", "text", false),
            new SchemaChange.ChangeDefault("widgets", "name", "text", null, "'x'"),
            new SchemaChange.ChangeColumnComment("widgets", "name", null, "What it is called"),
            new SchemaChange.ChangeTableComment("widgets", null, "Things we sell"),
            new SchemaChange.AddPrimaryKey("widgets", new PrimaryKey("widgets_pkey", List.of("id"))),
            new SchemaChange.DropPrimaryKey("widgets", new PrimaryKey("widgets_pkey", List.of("id"))),
            new SchemaChange.ReplacePrimaryKey("widgets", new PrimaryKey("widgets_pkey", List.of("id")),
                    new PrimaryKey("widgets_pkey", List.of("id", "name"))),
            new SchemaChange.AddUniqueConstraint("widgets", new UniqueConstraint("widgets_name_key", List.of("name"))),
            new SchemaChange.DropUniqueConstraint("widgets", new UniqueConstraint("widgets_name_key", List.of("name"))),
            new SchemaChange.CreateIndex("widgets", new Index("ix_widgets_name", List.of("name"), false)),
            new SchemaChange.DropIndex("widgets", new Index("ix_widgets_name", List.of("name"), false)),
            new SchemaChange.ConvertToHypertable("widgets", "created_at", "7 days"),
            new SchemaChange.ChangeChunkInterval("widgets", "7 days", "1 day"),
            new SchemaChange.ChangeCompression("widgets", "", "", "name", "7 days"),
            new SchemaChange.ChangeRetention("widgets", "", "90 days"),
            new SchemaChange.RefusedHypertable("widgets", "widgets cannot become a hypertable."),
            new SchemaChange.AddCheck("widgets", new CheckConstraint("widgets_name_check", "name <> ''")),
            new SchemaChange.DropCheck("widgets", new CheckConstraint("widgets_name_check", "name <> ''")),
            new SchemaChange.AddForeignKey("widgets", KEY),
            new SchemaChange.DropForeignKey("widgets", KEY),
            new SchemaChange.CreateSequence(SEQUENCE),
            new SchemaChange.DropSequence(SEQUENCE),
            new SchemaChange.AlterSequence(SEQUENCE, new Sequence("widgets_seq", "bigint", 1, 20, 1, Long.MAX_VALUE, 1, false, null)),
            new SchemaChange.ChangeSequenceOwner("widgets_seq", null, "widgets.id"),
            new SchemaChange.ChangeIdentity("widgets", "id", null, Column.Identity.BY_DEFAULT),
            new SchemaChange.CreateExpandTrigger(FillSteps.fillTrigger("widgets", "name", "'x'")),
            new SchemaChange.DropExpandTrigger(FillSteps.fillTrigger("widgets", "name", "'x'")),
            new SchemaChange.ChangeColumnTypeByCopy("widgets", NAME, "text", null),
            new SchemaChange.RenameColumnByCopy("widgets", NAME, "label"),
            new SchemaChange.DropColumnCopy("widgets", NAME, CopyForms.bothWays("widgets", "name", "label")));

    /** The kinds the writer must refuse, saying why. */
    private static final Set<Class<?>> REFUSED = Set.of(SchemaChange.ChangeEnumLabels.class, SchemaChange.RefusedHypertable.class);

    @Test
    void thereIsAnExampleOfEveryKindOfChange() {
        Set<Class<?>> kinds = Arrays.stream(SchemaChange.class.getPermittedSubclasses()).collect(Collectors.toSet());

        assertThat(EXAMPLES.stream().map(Object::getClass).collect(Collectors.toSet())).isEqualTo(kinds);
    }

    @Test
    void everyKindIsNamedInTheOneTableOfLockLevels() {
        for (SchemaChange change : EXAMPLES) {
            if (change instanceof SchemaChange.RefusedHypertable) {
                continue;
            }
            assertThat(ChangePlanner.operation(change)).as(change.getClass().getSimpleName()).isNotEqualTo(Operation.OTHER);
        }
        assertThat(ChangePlanner.operation(EXAMPLES.get(EXAMPLES.indexOf(new SchemaChange.AddForeignKey("widgets", KEY)))).lock())
                .isEqualTo(LockLevel.SHARE_ROW_EXCLUSIVE);
    }

    @Test
    void everyKindIsWrittenWithItsRollbackOrRefusedWithAReason() {
        for (SchemaChange change : EXAMPLES) {
            if (REFUSED.contains(change.getClass())) {
                assertThatThrownBy(() -> ChangesetWriter.write("001_x", "t", List.of(change)))
                        .as(change.getClass().getSimpleName()).isInstanceOf(UnsupportedChangeException.class);
                continue;
            }
            String written = ChangesetWriter.write("001_x", "t", List.of(change));
            assertThat(written).as(change.getClass().getSimpleName()).contains("      changes:\n", "      rollback:");
        }
    }

    @Test
    void anInverseIsUndoneByItsOwnInverse() {
        for (SchemaChange change : EXAMPLES) {
            // A created table's inverse drops it; a dropped table's rollback also rebuilds its indexes: no inverse there.
            if (change.inverse() != null && change.inverse().inverse() != null) {
                assertThat(change.inverse().inverse()).as(change.getClass().getSimpleName()).isEqualTo(change);
            }
        }
    }

    @Test
    void aBackfillQuotesTheNamesItIsGiven() {
        String written = ChangesetWriter.write("001_x", "t", List.of(new SchemaChange.Backfill("order", "user", "'x'")));

        assertThat(written).contains("UPDATE \"order\" SET \"user\" = 'x' WHERE ctid >= format('(%s,0)', page)::tid",
                "AND \"user\" IS NULL;", "pg_relation_size('\"order\"'::regclass)", "runInTransaction: false");
    }
}
