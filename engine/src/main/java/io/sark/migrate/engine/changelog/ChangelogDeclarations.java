package io.sark.migrate.engine.changelog;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeSet;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a comparison needs to know of the changelog, besides its revisions: the tables, enum types and sequences its
 * changesets name (so that a live database's other objects are left out of the comparison), and the hypertable
 * settings its TimescaleDB steps declare ({@link HypertableDeclarations}). Kept in the changelog's index, so that
 * {@code check} need not parse the changelog (1.7 s for 1,500 changesets).
 *
 * @param tables      every table a changeset creates, alters, drops or renames (both names), folded as PostgreSQL folds them
 * @param types       every type a changeset creates
 * @param sequences   every sequence a changeset creates
 * @param hypertables per table, the keys its marker lines set, later lines winning
 */
public record ChangelogDeclarations(SortedSet<String> tables, SortedSet<String> types, SortedSet<String> sequences,
                                    SortedMap<String, SortedMap<String, String>> hypertables) {

    private static final Pattern MARKER = Pattern.compile("^\\s*" + Pattern.quote(HypertableDeclarations.MARKER.strip())
            + " ([a-z_][a-z0-9_]*): (.*)$", Pattern.MULTILINE);

    public ChangelogDeclarations {
        tables = Collections.unmodifiableSortedSet(new TreeSet<>(tables));
        types = Collections.unmodifiableSortedSet(new TreeSet<>(types));
        sequences = Collections.unmodifiableSortedSet(new TreeSet<>(sequences));
        SortedMap<String, SortedMap<String, String>> copy = new TreeMap<>();
        hypertables.forEach((table, keys) -> copy.put(table, Collections.unmodifiableSortedMap(new TreeMap<>(keys))));
        hypertables = Collections.unmodifiableSortedMap(copy);
    }

    /** Read from the changesets themselves. */
    public static ChangelogDeclarations of(List<ChangeSet> changeSets) {
        SortedSet<String> tables = new TreeSet<>();
        SortedSet<String> types = new TreeSet<>();
        SortedSet<String> sequences = new TreeSet<>();
        SortedMap<String, SortedMap<String, String>> hypertables = new TreeMap<>();
        for (ChangeSet changeSet : changeSets) {
            for (Fact fact : ChangeFacts.of(changeSet.getChanges())) {
                addName(tables, fact.table());
                switch (fact.operation()) {
                    case RENAME_TABLE -> addName(tables, Fact.fold(fact.detail()));
                    case CREATE_TYPE -> addName(types, fact.name());
                    case CREATE_SEQUENCE -> addName(sequences, fact.name());
                    default -> {
                    }
                }
            }
            for (Change change : changeSet.getChanges()) {
                if (change instanceof RawSQLChange sql && sql.getSql() != null) {
                    Matcher m = MARKER.matcher(sql.getSql());
                    while (m.find()) {
                        SortedMap<String, String> table = hypertables.computeIfAbsent(m.group(1), t -> new TreeMap<>());
                        for (String pair : m.group(2).split(";")) {
                            int eq = pair.indexOf('=');
                            if (eq > 0) {
                                table.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                            }
                        }
                    }
                }
            }
        }
        return new ChangelogDeclarations(tables, types, sequences, hypertables);
    }

    private static void addName(SortedSet<String> names, String name) {
        if (name != null) {
            names.add(name);
        }
    }
}
