package io.sark.migrate.hibernate.mapping;

import io.sark.migrate.schema.Identifiers;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.ImplicitAnyDiscriminatorColumnNameSource;
import org.hibernate.boot.model.naming.ImplicitAnyKeyColumnNameSource;
import org.hibernate.boot.model.naming.ImplicitBasicColumnNameSource;
import org.hibernate.boot.model.naming.ImplicitCollectionTableNameSource;
import org.hibernate.boot.model.naming.ImplicitConstraintNameSource;
import org.hibernate.boot.model.naming.ImplicitDiscriminatorColumnNameSource;
import org.hibernate.boot.model.naming.ImplicitEntityNameSource;
import org.hibernate.boot.model.naming.ImplicitForeignKeyNameSource;
import org.hibernate.boot.model.naming.ImplicitIdentifierColumnNameSource;
import org.hibernate.boot.model.naming.ImplicitIndexColumnNameSource;
import org.hibernate.boot.model.naming.ImplicitIndexNameSource;
import org.hibernate.boot.model.naming.ImplicitJoinColumnNameSource;
import org.hibernate.boot.model.naming.ImplicitJoinTableNameSource;
import org.hibernate.boot.model.naming.ImplicitMapKeyColumnNameSource;
import org.hibernate.boot.model.naming.ImplicitNamingStrategy;
import org.hibernate.boot.model.naming.ImplicitPrimaryKeyJoinColumnNameSource;
import org.hibernate.boot.model.naming.ImplicitTenantIdColumnNameSource;
import org.hibernate.boot.model.naming.ImplicitUniqueKeyNameSource;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The application's implicit naming strategy, except where it would give a constraint or index a hash
 * ({@code FK3k9q…}, {@code UKa8d…}): there PostgreSQL's own convention is used, {@code <table>_<columns>_fkey},
 * {@code _key}, {@code _idx}, shortened as PostgreSQL shortens what it names. A reviewer reads what the constraint is;
 * a hand-written schema has the same names; and the name does not change when Hibernate's hashing does.
 * Names the entities give, and names the application's own strategy gives, are kept.
 */
final class PostgresConstraintNames implements ImplicitNamingStrategy {

    private static final Pattern HASHED = Pattern.compile("(?i)(FK|UK|IDX)[0-9a-z]{8,}");

    private final ImplicitNamingStrategy delegate;

    PostgresConstraintNames(ImplicitNamingStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public Identifier determineForeignKeyName(ImplicitForeignKeyNameSource source) {
        return named(source, delegate.determineForeignKeyName(source), "fkey");
    }

    @Override
    public Identifier determineUniqueKeyName(ImplicitUniqueKeyNameSource source) {
        return named(source, delegate.determineUniqueKeyName(source), "key");
    }

    @Override
    public Identifier determineIndexName(ImplicitIndexNameSource source) {
        return named(source, delegate.determineIndexName(source), "idx");
    }

    private static Identifier named(ImplicitConstraintNameSource source, Identifier given, String label) {
        if (source.getUserProvidedIdentifier() != null) {
            return source.getUserProvidedIdentifier();
        }
        if (given != null && !HASHED.matcher(given.getText()).matches()) {
            return given;
        }
        boolean quoted = source.getTableName().isQuoted() || source.getColumnNames().stream().anyMatch(Identifier::isQuoted);
        String table = fold(source.getTableName());
        List<String> columns = source.getColumnNames().stream().map(PostgresConstraintNames::fold).toList();
        return Identifier.toIdentifier(Identifiers.objectName(table, columns, label), quoted);
    }

    /** As PostgreSQL will hold the name: a quoted name as it is, any other in lower case. */
    private static String fold(Identifier identifier) {
        return identifier.isQuoted() ? identifier.getText() : identifier.getText().toLowerCase(Locale.ROOT);
    }

    @Override public Identifier determinePrimaryTableName(ImplicitEntityNameSource source) { return delegate.determinePrimaryTableName(source); }
    @Override public Identifier determineJoinTableName(ImplicitJoinTableNameSource source) { return delegate.determineJoinTableName(source); }
    @Override public Identifier determineCollectionTableName(ImplicitCollectionTableNameSource source) { return delegate.determineCollectionTableName(source); }
    @Override public Identifier determineDiscriminatorColumnName(ImplicitDiscriminatorColumnNameSource source) { return delegate.determineDiscriminatorColumnName(source); }
    @Override public Identifier determineTenantIdColumnName(ImplicitTenantIdColumnNameSource source) { return delegate.determineTenantIdColumnName(source); }
    @Override public Identifier determineIdentifierColumnName(ImplicitIdentifierColumnNameSource source) { return delegate.determineIdentifierColumnName(source); }
    @Override public Identifier determineBasicColumnName(ImplicitBasicColumnNameSource source) { return delegate.determineBasicColumnName(source); }
    @Override public Identifier determineJoinColumnName(ImplicitJoinColumnNameSource source) { return delegate.determineJoinColumnName(source); }
    @Override public Identifier determinePrimaryKeyJoinColumnName(ImplicitPrimaryKeyJoinColumnNameSource source) { return delegate.determinePrimaryKeyJoinColumnName(source); }
    @Override public Identifier determineAnyDiscriminatorColumnName(ImplicitAnyDiscriminatorColumnNameSource source) { return delegate.determineAnyDiscriminatorColumnName(source); }
    @Override public Identifier determineAnyKeyColumnName(ImplicitAnyKeyColumnNameSource source) { return delegate.determineAnyKeyColumnName(source); }
    @Override public Identifier determineMapKeyColumnName(ImplicitMapKeyColumnNameSource source) { return delegate.determineMapKeyColumnName(source); }
    @Override public Identifier determineListIndexColumnName(ImplicitIndexColumnNameSource source) { return delegate.determineListIndexColumnName(source); }
}
