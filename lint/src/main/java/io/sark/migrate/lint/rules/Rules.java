package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.LintRule;

import java.util.List;

/** Every lint rule, in code order. */
public final class Rules {

    public static final List<LintRule> ALL = List.of(
            new RenameTable(),
            new RenameColumn(),
            new NotNullOnExistingColumn(),
            new DropNotNull(),
            new DropTable(),
            new DropColumn(),
            new DropEnumType(),
            new NarrowingType(),
            new Truncate(),
            new DropDatabase(),
            new AddValueInTransaction(),
            new EnumValueRemoval(),
            new NoRollback(),
            new SeveralTables(),
            new RawSqlWithoutComment(),
            new LargeObjectColumn(),
            new IdentifierTooLong(),
            new Unwritten(),
            new GeneratedValueInCompositeKey(),
            new DomainWithConstraint(),
            new CharColumn(),
            new SerialColumn(),
            new TimestampWithoutTimeZone(),
            new IntegerKey(),
            new NotRerunnable(),
            new JsonColumn(),
            new IndexWithoutConcurrently(),
            new ConcurrentlyInTransaction(),
            new RewritingTypeChange(),
            new VolatileDefault(),
            new NoLockTimeout(),
            new TransactionNesting(),
            new DomainConstraintAdded(),
            new StoredGeneratedColumn(),
            new BackfillWithSchemaChange(),
            new KeyBuiltUnderLock(),
            new RequiredColumnWithoutDefault(),
            new UniqueOnExistingTable(),
            new ForeignKeyWithoutNotValid(),
            new CheckWithoutNotValid(),
            new HypertableKeyWithoutTime(),
            new ChangeOnCompressedHypertable(),
            new RetentionDeletesAtOnce(),
            new ConversionCopiesRows());

    private Rules() {
    }
}
