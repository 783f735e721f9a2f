package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.core.AddColumnChange;
import liquibase.change.core.AddForeignKeyConstraintChange;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.AddUniqueConstraintChange;
import liquibase.change.core.CreateIndexChange;
import liquibase.change.core.CreateSequenceChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.RenameColumnChange;
import liquibase.change.core.RenameTableChange;

import java.util.ArrayList;
import java.util.List;

/** The columns and names a typed change creates, for the rules that read them. */
final class CreatedNames {

    private CreatedNames() {
    }

    /** The columns a typed change defines (a new table's, or those added). */
    static List<ColumnConfig> columns(Change change) {
        if (change instanceof CreateTableChange create) {
            return new ArrayList<>(create.getColumns());
        }
        if (change instanceof AddColumnChange add) {
            return new ArrayList<>(add.getColumns());
        }
        return List.of();
    }

    /** The names a change gives to what it creates: a typed change's own, or what its SQL's statements name. */
    static List<String> names(Change change) {
        List<String> names = new ArrayList<>();
        if (change instanceof AbstractSQLChange) {
            for (Fact fact : ChangeFacts.of(change)) {
                switch (fact.operation()) {
                    case CREATE_TABLE -> names.add(fact.table());
                    case ADD_COLUMN, CREATE_INDEX, CREATE_INDEX_CONCURRENTLY, ADD_PRIMARY_KEY, ADD_UNIQUE, ADD_CHECK, ADD_FOREIGN_KEY,
                         CREATE_TYPE, CREATE_SEQUENCE -> names.add(fact.name());
                    case RENAME_TABLE, RENAME_COLUMN, RENAME_CONSTRAINT, RENAME_INDEX -> names.add(Fact.fold(fact.detail()));
                    default -> {
                    }
                }
            }
            return names;
        }
        if (change instanceof CreateTableChange create) {
            names.add(create.getTableName());
        }
        columns(change).forEach(c -> {
            names.add(c.getName());
            if (c.getConstraints() != null) {
                names.add(c.getConstraints().getPrimaryKeyName());
                names.add(c.getConstraints().getForeignKeyName());
                names.add(c.getConstraints().getUniqueConstraintName());
            }
        });
        if (change instanceof CreateIndexChange index) names.add(index.getIndexName());
        if (change instanceof AddForeignKeyConstraintChange fk) names.add(fk.getConstraintName());
        if (change instanceof AddUniqueConstraintChange unique) names.add(unique.getConstraintName());
        if (change instanceof AddPrimaryKeyChange pk) names.add(pk.getConstraintName());
        if (change instanceof RenameTableChange rename) names.add(rename.getNewTableName());
        if (change instanceof RenameColumnChange rename) names.add(rename.getNewColumnName());
        if (change instanceof CreateSequenceChange sequence) names.add(sequence.getSequenceName());
        return names;
    }
}
