package io.sark.migrate.lint;

import liquibase.change.Change;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddDefaultValueChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddNotNullConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropColumnChange;
import liquibase.change.core.DropDefaultValueChange;
import liquibase.change.core.DropForeignKeyConstraintChange;
import liquibase.change.core.DropIndexChange;
import liquibase.change.core.DropNotNullConstraintChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.DropUniqueConstraintChange;
import liquibase.change.core.ModifyDataTypeChange;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;
import liquibase.change.core.SetColumnRemarksChange;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which tables a change touches: from Liquibase's change classes, and from raw SQL by its statements' shapes. */
public final class Tables {

    private static final Pattern SQL_TABLE = Pattern.compile(
            "(?:alter table(?: only)?(?: if exists)?|create table(?: if not exists)?|drop table(?: if exists)?|insert into|update|delete from"
                    + "|create (?:unique )?index(?: concurrently)?(?: if not exists)?\\s+\\S+\\s+on(?: only)?"
                    + "|create_hypertable\\(|add_retention_policy\\(|add_compression_policy\\()\\s*'?\"?([a-z_][a-z0-9_.]*)");

    private Tables() {
    }

    public static Set<String> touchedBy(Change change) {
        Set<String> tables = new LinkedHashSet<>();
        String table = tableOf(change);
        if (table != null) {
            tables.add(lower(table));
        }
        if (change instanceof AddForeignKeyConstraintChange fk) {
            tables.add(lower(fk.getBaseTableName()));
        }
        if (change instanceof RawSQLChange raw && raw.getSql() != null) {
            Matcher m = SQL_TABLE.matcher(raw.getSql().toLowerCase(Locale.ROOT));
            while (m.find()) {
                String name = m.group(1);
                tables.add(name.startsWith("public.") ? name.substring("public.".length()) : name);
            }
        }
        return tables;
    }

    /** The table a Liquibase change works on, or null. */
    public static String tableOf(Change change) {
        if (change instanceof CreateTableChange c) return c.getTableName();
        if (change instanceof DropTableChange c) return c.getTableName();
        if (change instanceof AddColumnChange c) return c.getTableName();
        if (change instanceof DropColumnChange c) return c.getTableName();
        if (change instanceof ModifyDataTypeChange c) return c.getTableName();
        if (change instanceof AddNotNullConstraintChange c) return c.getTableName();
        if (change instanceof DropNotNullConstraintChange c) return c.getTableName();
        if (change instanceof AddDefaultValueChange c) return c.getTableName();
        if (change instanceof DropDefaultValueChange c) return c.getTableName();
        if (change instanceof AddPrimaryKeyChange c) return c.getTableName();
        if (change instanceof DropPrimaryKeyChange c) return c.getTableName();
        if (change instanceof AddUniqueConstraintChange c) return c.getTableName();
        if (change instanceof DropUniqueConstraintChange c) return c.getTableName();
        if (change instanceof CreateIndexChange c) return c.getTableName();
        if (change instanceof DropIndexChange c) return c.getTableName();
        if (change instanceof AddForeignKeyConstraintChange c) return c.getBaseTableName();
        if (change instanceof DropForeignKeyConstraintChange c) return c.getBaseTableName();
        if (change instanceof RenameColumnChange c) return c.getTableName();
        if (change instanceof RenameTableChange c) return c.getOldTableName();
        if (change instanceof SetColumnRemarksChange c) return c.getTableName();
        return null;
    }

    static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
