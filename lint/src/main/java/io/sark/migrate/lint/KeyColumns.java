package io.sark.migrate.lint;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.changelog.ChangeSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Primary keys, and the columns whose values the database generates (identities, serials, defaults from a sequence),
 * as a changelog's changes leave them, typed changes and SQL alike. Lint reads them to know what a changeset meets.
 */
public final class KeyColumns {

    private KeyColumns() {
    }

    /**
     * Applies what {@code changeSet} does to {@code keys} (columns by table) and {@code generated} ("table.column"), all
     * lower case.
     *
     * @return the tables whose key or generated columns it changed
     */
    public static Set<String> apply(ChangeSet changeSet, Map<String, List<String>> keys, Set<String> generated) {
        Set<String> touched = new HashSet<>();
        for (Change change : changeSet.getChanges()) {
            if (change instanceof CreateTableChange create) {
                String table = lower(create.getTableName());
                List<String> key = new ArrayList<>();
                for (ColumnConfig column : create.getColumns()) {
                    if (column.getConstraints() != null && Boolean.TRUE.equals(column.getConstraints().isPrimaryKey())) {
                        key.add(lower(column.getName()));
                    }
                    if (ChangeFacts.definition(column).generated()) {
                        generated.add(table + "." + lower(column.getName()));
                    }
                }
                keys.put(table, key);
                touched.add(table);
                continue;
            }
            if (change instanceof AddPrimaryKeyChange pk) {
                keys.put(lower(pk.getTableName()), Arrays.stream(pk.getColumnNames().split(",")).map(String::strip).map(KeyColumns::lower).toList());
                touched.add(lower(pk.getTableName()));
                continue;
            }
            if (change instanceof DropPrimaryKeyChange pk) {
                keys.remove(lower(pk.getTableName()));
                continue;
            }
            for (Fact fact : ChangeFacts.of(change)) {
                String table = fact.table();
                if (table == null) {
                    continue;
                }
                if ((fact.operation() == Operation.CREATE_TABLE || fact.operation() == Operation.ADD_PRIMARY_KEY) && !fact.columns().isEmpty()) {
                    keys.put(table, fact.columns().stream().map(KeyColumns::lower).toList());
                    touched.add(table);
                } else if (fact.operation() == Operation.ADD_COLUMN && fact.column() != null && fact.column().generated()) {
                    generated.add(table + "." + lower(fact.name()));
                    touched.add(table);
                } else if (fact.operation() == Operation.ALTER_IDENTITY && fact.name() != null) {
                    if ("drop".equals(fact.detail())) {
                        generated.remove(table + "." + lower(fact.name()));
                    } else {
                        generated.add(table + "." + lower(fact.name()));
                        touched.add(table);
                    }
                } else if (fact.operation() == Operation.DROP_COLUMN && fact.name() != null) {
                    generated.remove(table + "." + lower(fact.name()));
                } else if (fact.operation() == Operation.DROP_TABLE) {
                    keys.remove(table);
                    generated.removeIf(c -> c.startsWith(table + "."));
                }
            }
        }
        return touched;
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }
}
