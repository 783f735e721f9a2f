package io.sark.migrate.engine.session;

import io.sark.migrate.changes.ColumnDefinition;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.engine.changelog.ChangeSetKey;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangeSetFacts;
import io.sark.migrate.files.CacheFiles;
import liquibase.ChecksumVersion;
import liquibase.changelog.ChangeSet;
import liquibase.exception.DatabaseException;
import liquibase.sqlgenerator.core.MarkChangeSetRanGenerator;
import liquibase.util.StringUtil;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every changeset of a changelog as a direct run ({@link DirectRun}) needs it, kept from one run to the next: its SQL
 * both ways as Liquibase's generators wrote it for this database (or why it must go through Liquibase's commands), its
 * history row's values, and the facts the guards decide on. An upgrade or downgrade whose changesets are all kept here
 * needs neither the changelog parsed (0.16 to 0.24 s for SARK's) nor Liquibase's generators (0.05 to 0.15 s).
 *
 * <p>What is kept is true only of the changelog it was made from and of the database it was rendered for, so it is
 * filed under both: the changelog index's digest ({@link Changelog#indexDigest()}: this build's reading of these
 * files, so any edit, new file or other build misses it) and the rendering context (the schemas and history table
 * Liquibase writes to, the server's version, Liquibase's settings). It is written by a run that parsed the changelog,
 * only where Liquibase's commands would make the same parse (no {@code ${...}} parameters, no sqlFile), next to the
 * changelog indexes; a file that cannot be read is ignored, and the run parses as before.
 */
final class PreparedChangeSets {

    private static final String HEADER = "sark-migrate prepared changesets 1";
    private static final String SUFFIX = ".prepared";
    private static final int KEEP = 64;

    /** What Liquibase writes into a changeset's history row besides who, when and in which run. */
    record HistoryRow(String checksum, String description, String comments, String contexts, String labels, String tag) {

        /** The values Liquibase's {@link MarkChangeSetRanGenerator} writes for {@code cs}. */
        static HistoryRow of(ChangeSet cs) {
            return new HistoryRow(cs.generateCheckSum(ChecksumVersion.latest()).toString(), StringUtil.limitSize(cs.getDescription(), 250),
                    StringUtil.limitSize(StringUtil.trimToEmpty(cs.getComments()), 250), cs.buildFullContext(), cs.buildFullLabels(),
                    MarkChangeSetRanGenerator.getTagFromChangeset(cs));
        }
    }

    /** One direction of a changeset: the SQL it runs, in order, or (not null) why it goes through Liquibase's commands. */
    record Rendering(List<String> sql, String refusal) {

        Rendering {
            sql = List.copyOf(sql);
        }

        static Rendering of(List<String> sql) {
            return new Rendering(sql, null);
        }

        static Rendering refused(String why) {
            return new Rendering(List.of(), why == null ? "refused" : why);
        }

        boolean runs() {
            return refusal == null;
        }
    }

    /** A changeset as a direct run needs it. */
    record Prepared(ChangeSetKey key, boolean runInTransaction, HistoryRow row, ChangeSetFacts facts, Rendering forward,
                    Rendering rollback) {

        Rendering rendering(boolean rollingBack) {
            return rollingBack ? rollback : forward;
        }

        /**
         * A changeset with this one's identity and transaction mode but no changes: what the run, its failures and its
         * progress name (Liquibase's {@code file::id::author}), when the changelog was not parsed.
         */
        ChangeSet named() {
            return new ChangeSet(key.id(), key.author(), false, false, key.file(), null, null, runInTransaction, null);
        }
    }

    private final Map<ChangeSetKey, Prepared> byKey;

    /** {@code prepared}, to look up by key (and to {@link #write}). */
    static PreparedChangeSets of(List<Prepared> prepared) {
        return new PreparedChangeSets(prepared);
    }

    private PreparedChangeSets(List<Prepared> prepared) {
        Map<ChangeSetKey, Prepared> map = new LinkedHashMap<>();
        prepared.forEach(p -> map.put(p.key(), p));
        this.byKey = map;
    }

    /** The changesets {@code keys} names, in that order; empty when any of them is not kept here. */
    Optional<List<Prepared>> all(List<ChangeSetKey> keys) {
        List<Prepared> found = new ArrayList<>(keys.size());
        for (ChangeSetKey key : keys) {
            Prepared p = byKey.get(key);
            if (p == null) {
                return Optional.empty();
            }
            found.add(p);
        }
        return Optional.of(found);
    }

    /**
     * Where the changesets of {@code changelog} rendered for {@code database} are kept; empty when the changelog has no
     * index or there is no folder of this user's to keep them in.
     */
    static Optional<Path> file(Changelog changelog, AtomicChangeSets.AtomicDatabase database) throws DatabaseException {
        Optional<String> digest = changelog.indexDigest();
        Optional<Path> folder = Changelog.cacheFolder();
        if (digest.isEmpty() || folder.isEmpty()) {
            return Optional.empty();
        }
        String key = digest.get() + "\n" + context(database);
        return Optional.of(folder.get().resolve(CacheFiles.sha256(key.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + SUFFIX));
    }

    /**
     * What Liquibase's generators write differently by: where it writes (default and history schemas and catalogs, the
     * history table's name), the server's version, its quoting, and every Liquibase setting given to this process.
     */
    static String context(AtomicChangeSets.AtomicDatabase database) throws DatabaseException {
        StringBuilder out = new StringBuilder()
                .append(database.getDefaultCatalogName()).append('|').append(database.getDefaultSchemaName()).append('|')
                .append(database.getLiquibaseCatalogName()).append('|').append(database.getLiquibaseSchemaName()).append('|')
                .append(database.getDatabaseChangeLogTableName()).append('|').append(database.getDatabaseMajorVersion()).append('.')
                .append(database.getDatabaseMinorVersion()).append('|').append(database.getObjectQuotingStrategy());
        Map<String, String> settings = new TreeMap<>();
        System.getProperties().forEach((k, v) -> settings.put("-D" + k, String.valueOf(v)));
        settings.putAll(System.getenv());
        settings.forEach((k, v) -> {
            String name = k.toLowerCase(Locale.ROOT);
            if ((name.startsWith("-dliquibase") || name.startsWith("liquibase_")) && !name.contains("password")) {
                out.append('|').append(k).append('=').append(v);
            }
        });
        return out.toString();
    }

    /** The changesets kept in {@code file}; empty when there is none, or it cannot be read. */
    static Optional<PreparedChangeSets> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                return Optional.empty();
            }
            List<Prepared> prepared = new ArrayList<>();
            Reading at = null;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "C" -> at = new Reading(new ChangeSetKey(CacheFiles.unfield(f[1]), CacheFiles.unfield(f[2]), CacheFiles.unfield(f[3])),
                            Boolean.parseBoolean(f[4]), new HistoryRow(CacheFiles.unfield(f[5]), CacheFiles.unfield(f[6]),
                            CacheFiles.unfield(f[7]), CacheFiles.unfield(f[8]), CacheFiles.unfield(f[9]), CacheFiles.unfield(f[10])),
                            Boolean.parseBoolean(f[11]));
                    case "U" -> at.forwardRefusal = CacheFiles.unfield(f[1]);
                    case "u" -> at.forward.add(CacheFiles.unfield(f[1]));
                    case "D" -> at.rollbackRefusal = CacheFiles.unfield(f[1]);
                    case "d" -> at.rollback.add(CacheFiles.unfield(f[1]));
                    case "F" -> at.changes.add(fact(f));
                    case "B" -> at.rollbackFacts.add(fact(f));
                    case "W" -> at.withoutRollback.add(CacheFiles.unfield(f[1]));
                    case "E" -> {
                        prepared.add(at.done());
                        at = null;
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            return at == null ? Optional.of(new PreparedChangeSets(prepared)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // half-written, foreign, from another version: the run parses the changelog
        }
    }

    /** One changeset being read. */
    private static final class Reading {
        final ChangeSetKey key;
        final boolean runInTransaction;
        final HistoryRow row;
        final boolean rollsBack;
        String forwardRefusal;
        String rollbackRefusal;
        final List<String> forward = new ArrayList<>();
        final List<String> rollback = new ArrayList<>();
        final List<Fact> changes = new ArrayList<>();
        final List<Fact> rollbackFacts = new ArrayList<>();
        final List<String> withoutRollback = new ArrayList<>();

        Reading(ChangeSetKey key, boolean runInTransaction, HistoryRow row, boolean rollsBack) {
            this.key = key;
            this.runInTransaction = runInTransaction;
            this.row = row;
            this.rollsBack = rollsBack;
        }

        Prepared done() {
            return new Prepared(key, runInTransaction, row, new ChangeSetFacts(key.id(), key.file(), changes, rollbackFacts, rollsBack,
                    withoutRollback), forwardRefusal == null ? Rendering.of(forward) : Rendering.refused(forwardRefusal),
                    rollbackRefusal == null ? Rendering.of(rollback) : Rendering.refused(rollbackRefusal));
        }
    }

    /** Keeps these changesets in {@code file}; quietly nothing when it cannot (the next run parses the changelog). */
    void write(Path file) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Prepared p : byKey.values()) {
            HistoryRow r = p.row();
            line(out, "C", p.key().id(), p.key().author(), p.key().file(), String.valueOf(p.runInTransaction()), r.checksum(),
                    r.description(), r.comments(), r.contexts(), r.labels(), r.tag(), String.valueOf(p.facts().rollsBack()));
            rendering(out, "U", "u", p.forward());
            rendering(out, "D", "d", p.rollback());
            p.facts().changes().forEach(fact -> fact(out, "F", fact));
            p.facts().rollback().forEach(fact -> fact(out, "B", fact));
            p.facts().withoutRollback().forEach(kind -> line(out, "W", kind));
            out.append("E\n");
        }
        try {
            CacheFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
            CacheFiles.keepNewest(file.getParent(), SUFFIX, KEEP);
        } catch (IOException | RuntimeException e) {
            // A convenience: without it the changelog is parsed.
        }
    }

    private static void rendering(StringBuilder out, String refusal, String statement, Rendering rendering) {
        line(out, refusal, rendering.refusal());
        rendering.sql().forEach(sql -> line(out, statement, sql));
    }

    private static void fact(StringBuilder out, String kind, Fact fact) {
        List<String> fields = new ArrayList<>(List.of(kind, fact.operation().name()));
        fields.add(CacheFiles.field(fact.table()));
        fields.add(CacheFiles.field(fact.name()));
        fields.add(CacheFiles.field(fact.detail()));
        fields.add(String.join(",", fact.flags().stream().map(Enum::name).sorted().toList()));
        ColumnDefinition c = fact.column();
        fields.add(String.valueOf(c != null));
        fields.add(CacheFiles.field(c == null ? null : c.type()));
        fields.add(CacheFiles.field(c == null ? null : c.defaultValue()));
        fields.add(String.valueOf(c != null && c.notNull()));
        fields.add(String.valueOf(c != null && c.generated()));
        fields.add(String.valueOf(fact.columns().size()));
        fact.columns().forEach(name -> fields.add(CacheFiles.field(name)));
        out.append(String.join("\t", fields)).append('\n');
    }

    private static Fact fact(String[] f) {
        Set<Fact.Flag> flags = EnumSet.noneOf(Fact.Flag.class);
        if (!f[5].isEmpty()) {
            for (String flag : f[5].split(",")) {
                flags.add(Fact.Flag.valueOf(flag));
            }
        }
        ColumnDefinition column = Boolean.parseBoolean(f[6])
                ? new ColumnDefinition(CacheFiles.unfield(f[7]), CacheFiles.unfield(f[8]), Boolean.parseBoolean(f[9]), Boolean.parseBoolean(f[10]))
                : null;
        int count = Integer.parseInt(f[11]);
        List<String> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            columns.add(CacheFiles.unfield(f[12 + i]));
        }
        return new Fact(Operation.valueOf(f[1]), CacheFiles.unfield(f[2]), CacheFiles.unfield(f[3]), CacheFiles.unfield(f[4]), flags,
                column, columns);
    }

    private static void line(StringBuilder out, String kind, String... values) {
        out.append(kind);
        for (String value : values) {
            out.append('\t').append(CacheFiles.field(value));
        }
        out.append('\n');
    }
}
