package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.LintRule;

import java.util.List;

/** Every lint rule, in code order. */
public final class Rules {

    public static final List<LintRule> ALL = List.of(
            new Compatibility.RenameTable(),
            new Compatibility.RenameColumn(),
            new Compatibility.NotNullOnExistingColumn(),
            new Destructive.DropTable(),
            new Destructive.DropColumn(),
            new Destructive.DropEnumType(),
            new Destructive.NarrowingType(),
            new EnumsAndTimescale.AddValueInTransaction(),
            new EnumsAndTimescale.EnumValueRemoval(),
            new Hygiene.NoRollback(),
            new Hygiene.SeveralTables(),
            new Hygiene.RawSqlWithoutComment(),
            new Hygiene.LargeObjectColumn(),
            new Hygiene.IdentifierTooLong(),
            new Locking.IndexWithoutConcurrently(),
            new Locking.ConcurrentlyInTransaction(),
            new Locking.RewritingTypeChange(),
            new Locking.VolatileDefault(),
            new Locking.NoLockTimeout(),
            new ExistingData.RequiredColumnWithoutDefault(),
            new ExistingData.UniqueOnExistingTable(),
            new ExistingData.ForeignKeyWithoutNotValid(),
            new ExistingData.CheckWithoutNotValid(),
            new EnumsAndTimescale.HypertableKeyWithoutTime(),
            new EnumsAndTimescale.ChangeOnCompressedHypertable());

    private Rules() {
    }
}
