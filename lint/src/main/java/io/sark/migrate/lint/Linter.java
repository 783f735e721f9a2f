package io.sark.migrate.lint;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.engine.changelog.Changelog;
import liquibase.change.Change;
import liquibase.change.core.AddPrimaryKeyChange;
import liquibase.change.core.CreateTableChange;
import liquibase.change.core.DropPrimaryKeyChange;
import liquibase.change.core.DropTableChange;
import liquibase.change.core.RenameTableChange;
import liquibase.changelog.ChangeSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints a changelog's changesets, in order, with what the changelog before each one established (which tables exist,
 * their keys, which are compressed). A changeset can allow a rule in its comment, with a reason:
 * <pre>comment: Drop the legacy table. sark-lint: allow DS101 because it was emptied and archived in 012</pre>
 * An allowance without a reason, and one that allows nothing, are findings too.
 */
public final class Linter {

    private static final Pattern ALLOW = Pattern.compile("sark-lint: allow ([A-Z]{2}\\d{3})(?: because (.+?))?(?=\\s*sark-lint:|$)");

    private final RuleRegistry rules;
    private final Map<String, Severity> severities;
    private final int postgresMajor;

    /**
     * The PostgreSQL the migrations are assumed to run on unless told: the oldest major still supported. What the rules
     * know differs before 11 (a constant default rewrote the table) and 12 (SET NOT NULL did not trust a validated CHECK).
     */
    public static final int DEFAULT_POSTGRES = 14;

    public Linter(RuleRegistry rules, Map<String, Severity> severities) {
        this(rules, severities, DEFAULT_POSTGRES);
    }

    public Linter(RuleRegistry rules, Map<String, Severity> severities, int postgresMajor) {
        this.rules = rules;
        this.severities = Map.copyOf(severities);
        this.postgresMajor = postgresMajor;
    }

    /** Lints every changeset of {@code changelog}; {@code from} limits the report to that revision and later (null: all). */
    public LintReport lint(Changelog changelog, String from) {
        Path root = changelog.sourceRoot().orElse(null);
        ChangeSetLines lines = new ChangeSetLines(root);
        Path here = Path.of("").toAbsolutePath();
        List<LintUnit> units = new ArrayList<>();
        for (ChangeSet changeSet : changelog.changeSets()) {
            String file = changeSet.getFilePath();
            if (root != null && file != null) {
                // the file as the user finds it from where they are
                Path absolute = root.toAbsolutePath().resolve(file).normalize();
                file = (absolute.startsWith(here) ? here.relativize(absolute) : absolute).toString();
            }
            units.add(new LintUnit(changeSet, changelog.revisionOf(changeSet), LintUnit.Origin.PROJECT, file, lines.of(changeSet), List.of()));
        }
        return lint(units, from);
    }

    /**
     * Lints {@code units} in order, each with what the ones before it established; {@code from} limits the report to that
     * revision and later (null: all).
     */
    public LintReport lint(List<LintUnit> units, String from) {
        boolean reporting = from == null;
        Set<String> createdBefore = new HashSet<>();
        Set<String> createdInRevision = new HashSet<>();
        Map<String, List<String>> keys = new HashMap<>();
        Set<String> generated = new HashSet<>();
        Set<String> compressed = new HashSet<>();
        Map<String, Set<String>> compressionColumns = new HashMap<>();
        Set<String> hypertables = new HashSet<>();
        Map<String, ChangeSetContext.Index> indexes = new HashMap<>();
        NotNullChecks notNull = new NotNullChecks();
        String current = null;
        List<Finding> findings = new ArrayList<>();
        for (LintUnit unit : units) {
            ChangeSet changeSet = unit.changeSet();
            String revision = unit.revision();
            if (!revision.equals(current)) {
                createdBefore.addAll(createdInRevision);
                createdInRevision.clear();
                current = revision;
                reporting |= revision.equals(from);
            }
            if (reporting) {
                Function<LintUnit, ChangeSetContext> context = u -> new ChangeSetContext(u.changeSet(), revision, u.origin(),
                        Set.copyOf(createdBefore), Set.copyOf(createdInRevision), Map.copyOf(keys), Set.copyOf(generated), Set.copyOf(compressed),
                        Map.copyOf(compressionColumns), Map.copyOf(indexes), notNull.proven(), postgresMajor);
                findings.addAll(check(unit, context));
            }
            track(changeSet, createdBefore, createdInRevision, keys, generated, compressed, compressionColumns, hypertables, indexes);
            notNull.track(changeSet);
        }
        return new LintReport(findings);
    }

    /** The primary keys the whole changelog leaves each table with, as far as its changes say: columns by table, lower case. */
    public static Map<String, List<String>> primaryKeys(Changelog changelog) {
        Set<String> before = new HashSet<>();
        Set<String> inRevision = new HashSet<>();
        Map<String, List<String>> keys = new HashMap<>();
        for (ChangeSet changeSet : changelog.changeSets()) {
            track(changeSet, before, inRevision, keys, new HashSet<>(), new HashSet<>(), new HashMap<>(), new HashSet<>(), new HashMap<>());
        }
        return keys;
    }

    private List<Finding> check(LintUnit unit, Function<LintUnit, ChangeSetContext> contextOf) {
        ChangeSetContext context = contextOf.apply(unit);
        ChangeSet changeSet = context.changeSet();
        Map<String, String> allowed = new HashMap<>();
        List<Finding> findings = new ArrayList<>();
        String comment = changeSet.getComments() == null ? "" : changeSet.getComments();
        Matcher allow = ALLOW.matcher(comment);
        while (allow.find()) {
            String reason = allow.group(2) == null ? "" : allow.group(2).strip();
            if (reason.isEmpty()) {
                findings.add(new Finding("HY900", "allowance-without-reason", Severity.ERROR, context.revision(), changeSet.getId(),
                        "sark-lint: allow " + allow.group(1) + " has no reason: write 'sark-lint: allow " + allow.group(1) + " because …'.",
                        unit.file(), unit.line()));
            }
            allowed.put(allow.group(1), reason);
        }
        Set<String> used = new HashSet<>();
        for (LintRule rule : rules.all()) {
            Severity severity = severities.getOrDefault(rule.code(), rule.defaultSeverity());
            if (severity == Severity.OFF || unit.origin() == LintUnit.Origin.FOREIGN && !unit.changeLines().isEmpty() && !rule.forSqlFiles()) {
                continue;
            }
            // One finding per rule, changeset and object: a rule that meets the same object in two statements says so once.
            Set<String> messages = new LinkedHashSet<>(rule.check(context));
            Map<String, Integer> lines = messages.isEmpty() ? Map.of() : lines(rule, unit, contextOf, messages);
            for (String message : messages) {
                if (allowed.containsKey(rule.code())) {
                    used.add(rule.code());
                    continue;
                }
                findings.add(new Finding(rule.code(), rule.name(), severity, context.revision(), changeSet.getId(), message, unit.file(),
                        lines.getOrDefault(message, unit.line())));
            }
        }
        for (String code : allowed.keySet()) {
            if (!used.contains(code)) {
                findings.add(new Finding("HY901", "unused-allowance", Severity.WARNING, context.revision(), changeSet.getId(),
                        "sark-lint: allow " + code + " allows nothing here: remove it.", unit.file(), unit.line()));
            }
        }
        return findings;
    }

    /**
     * For a unit whose changes have lines of their own (a SQL file's statements), the line of the statement each message
     * starts at: the last of the shortest run of statements from the top that the rule already says it of.
     */
    private static Map<String, Integer> lines(LintRule rule, LintUnit unit, Function<LintUnit, ChangeSetContext> contextOf, Set<String> messages) {
        int count = unit.changeSet().getChanges().size();
        if (unit.changeLines().isEmpty() || count < 2) {
            return Map.of();
        }
        List<Change> changes = List.copyOf(unit.changeSet().getChanges());
        Map<String, Integer> lines = new HashMap<>();
        try {
            for (int k = 1; k <= count && lines.size() < messages.size(); k++) {
                for (String message : rule.check(contextOf.apply(unit.firstChanges(k)))) {
                    if (messages.contains(message)) {
                        lines.putIfAbsent(message, unit.lineOf(k - 1));
                    }
                }
            }
        } finally {
            // a change added to the shorter changeset points at it: point it back
            changes.forEach(change -> change.setChangeSet(unit.changeSet()));
        }
        return lines;
    }

    private static String lower(String name) {
        return name == null ? null : name.toLowerCase(Locale.ROOT);
    }

    /** What the changeset leaves established for the changesets after it. */
    private static void track(ChangeSet changeSet, Set<String> before, Set<String> inRevision, Map<String, List<String>> keys,
                              Set<String> generated, Set<String> compressed, Map<String, Set<String>> compressionColumns,
                              Set<String> hypertables, Map<String, ChangeSetContext.Index> indexes) {
        // The keys first: a conversion to a hypertable in the same changeset reads them.
        KeyColumns.apply(changeSet, keys, generated);
        for (Change change : changeSet.getChanges()) {
            if (change instanceof CreateTableChange create) {
                inRevision.add(lower(create.getTableName()));
            } else if (change instanceof DropTableChange drop) {
                before.remove(lower(drop.getTableName()));
                inRevision.remove(lower(drop.getTableName()));
            } else if (change instanceof RenameTableChange rename) {
                String from = lower(rename.getOldTableName());
                String to = lower(rename.getNewTableName());
                if (before.remove(from)) {
                    before.add(to);
                }
                if (inRevision.remove(from)) {
                    inRevision.add(to);
                }
            } else if (!(change instanceof AddPrimaryKeyChange || change instanceof DropPrimaryKeyChange)) {
                for (Fact fact : ChangeFacts.of(change)) {
                    switch (fact.operation()) {
                        case CREATE_TABLE -> inRevision.add(fact.table());
                        case CREATE_INDEX, CREATE_INDEX_CONCURRENTLY -> {
                            if (fact.name() != null && fact.table() != null) {
                                indexes.put(fact.name(), new ChangeSetContext.Index(fact.table(),
                                        fact.columns()));
                            }
                        }
                        case DROP_INDEX, DROP_INDEX_CONCURRENTLY -> indexes.remove(fact.name());
                        // A conversion only counts when the table's key allows it (TimescaleDB refuses it otherwise, or a run-time guard skips it).
                        case CONVERT_TO_HYPERTABLE -> {
                            List<String> key = keys.get(fact.table());
                            if (key == null || key.contains(fact.name())) {
                                hypertables.add(fact.table());
                            }
                        }
                        case SET_TABLE_OPTION -> {
                            if ("timescaledb.compress".equals(fact.name()) && "false".equals(fact.detail())) {
                                compressed.remove(fact.table());
                                compressionColumns.remove(fact.table());
                            } else if ("timescaledb.compress".equals(fact.name()) && hypertables.contains(fact.table())) {
                                compressed.add(fact.table());
                            } else if (("timescaledb.compress_segmentby".equals(fact.name()) || "timescaledb.compress_orderby".equals(fact.name()))
                                    && fact.detail() != null) {
                                // "event_type", or "time DESC, id": the column names, without ordering words.
                                Set<String> columns = compressionColumns.computeIfAbsent(fact.table(), t -> new HashSet<>());
                                for (String part : fact.detail().split(",")) {
                                    String column = part.strip().split("\\s+")[0].replace("\"", "");
                                    if (!column.isEmpty()) {
                                        columns.add(column.toLowerCase(Locale.ROOT));
                                    }
                                }
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
        }
    }
}
