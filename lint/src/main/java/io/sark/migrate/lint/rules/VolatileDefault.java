package io.sark.migrate.lint.rules;

import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.lint.Severity;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** LK104: a volatile default on a new column rewrites the table. */
final class VolatileDefault extends Rule {
    private static final Pattern VOLATILE = Pattern.compile("\\b(random|clock_timestamp|timeofday|gen_random_uuid|uuid_generate_v[14]|nextval)\\s*\\(");

    VolatileDefault() {
        super("LK104", "volatile-default", Severity.WARNING,
                "A new column with a volatile default (random(), clock_timestamp(), gen_random_uuid()…) rewrites the whole table.");
    }

    @Override
    public List<String> check(ChangeSetContext context) {
        return forEachChange(context, (change, out) -> {
            if (change instanceof AddColumnChange add && context.existing(add.getTableName())) {
                for (ColumnConfig column : add.getColumns()) {
                    Object value = column.getDefaultValueObject();
                    if (value != null && VOLATILE.matcher(value.toString().toLowerCase(Locale.ROOT)).find()) {
                        out.add("adds " + add.getTableName() + "." + column.getName() + " with the volatile default " + value + ", which"
                                + " rewrites the table: add it without a default, set the default, then backfill in batches.");
                    }
                }
            }
        });
    }
}
