package io.sark.migrate.lint;

import io.sark.migrate.changes.ChangeFacts;
import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.LockLevel;
import io.sark.migrate.changes.LockSpan;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.changes.SqlStatements;
import io.sark.migrate.engine.changelog.Changelog;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.core.RawSQLChange;
import liquibase.change.core.TagDatabaseChange;
import liquibase.changelog.ChangeSet;
import liquibase.database.core.PostgresDatabase;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a reviewer reads in a pull request, per changeset: what it does in words, the SQL it runs and its rollback's,
 * the strongest lock it takes and on what, and the lint findings.
 */
public final class Review {

    /**
     * One changeset for review.
     *
     * @param revision      its revision
     * @param id            its id
     * @param comment       what it does, in words
     * @param inTransaction whether it runs in a transaction
     * @param sql           the SQL it runs
     * @param rollbackSql   the SQL its rollback runs
     * @param lock          the strongest table lock it takes
     * @param lockedTable   the table it takes it on (null with no lock)
     * @param lockHeld      how long the lock is held, in words ("a moment (the catalog only, …)"), or null with no lock
     * @param findings      the lint findings on it
     * @param boundTo       the Liquibase context or labels it is bound to ("context faker"), or null when it always runs
     * @param undeclared    what it creates that no entity declares ("view active_users"): check leaves those alone, so this
     *                      changeset and its rollback are all that keep them right
     */
    public record ChangeSetReview(String revision, String id, String comment, boolean inTransaction, List<String> sql, List<String> rollbackSql,
                                  LockLevel lock, String lockedTable, String lockHeld, List<Finding> findings,
                                  String boundTo, List<String> undeclared) {
    }

    private Review() {
    }

    /** The review of the changesets from revision {@code from} on (all with null), with {@code report}'s findings. */
    public static List<ChangeSetReview> of(Changelog changelog, LintReport report, String from) {
        List<ChangeSetReview> reviews = new ArrayList<>();
        boolean reporting = from == null;
        PostgresDatabase database = new PostgresDatabase();
        NotNullChecks notNull = new NotNullChecks();
        for (ChangeSet changeSet : changelog.changeSets()) {
            String revision = changelog.revisionOf(changeSet);
            reporting |= revision.equals(from);
            Set<String> proven = notNull.proven();
            notNull.track(changeSet);
            if (!reporting || changeSet.getChanges().stream().allMatch(TagDatabaseChange.class::isInstance)) {
                continue;
            }
            // A table this changeset creates is new: nothing waits on it, whatever the later statements on it take. A
            // foreign key locks the table it references too, for as long as its check of the referencing rows.
            Set<String> created = new HashSet<>();
            Map<String, LockLevel> locks = new HashMap<>();
            Map<String, LockSpan> spans = new HashMap<>();
            List<Fact> before = new ArrayList<>();
            for (Fact fact : ChangeFacts.of(changeSet.getChanges())) {
                // SET NOT NULL after a validated CHECK (column IS NOT NULL) scans nothing (in the same changeset only
                // outside a transaction, as NotNullOnExistingColumn says).
                boolean proof = fact.operation() == Operation.SET_NOT_NULL && NotNullChecks.proven(proven,
                        changeSet.isRunInTransaction() ? List.of() : before, fact.table(), fact.name());
                before.add(fact);
                if (fact.operation() == Operation.CREATE_TABLE) {
                    created.add(fact.table());
                    continue;
                }
                if (fact.table() != null && !created.contains(fact.table())) {
                    locks.merge(fact.table(), fact.lock(), LockLevel::strongest);
                    spans.merge(fact.table(), proof ? LockSpan.MOMENT : LockSpan.of(fact), LockSpan::longer);
                }
                if (fact.operation() == Operation.ADD_FOREIGN_KEY && fact.detail() != null && !created.contains(fact.detail())) {
                    locks.merge(fact.detail(), fact.lock(), LockLevel::strongest);
                    spans.merge(fact.detail(), created.contains(fact.table()) ? LockSpan.MOMENT : LockSpan.of(fact), LockSpan::longer);
                }
            }
            LockLevel lock = LockLevel.NONE;
            String table = null;
            for (Map.Entry<String, LockLevel> e : new TreeMap<>(locks).entrySet()) {
                if (e.getValue().compareTo(lock) > 0) {
                    lock = e.getValue();
                    table = e.getKey();
                }
            }
            String held = lock == LockLevel.NONE ? null : spans.get(table).words();
            List<Finding> findings = report.findings().stream().filter(f -> f.changeSet().equals(changeSet.getId())).toList();
            reviews.add(new ChangeSetReview(revision, changeSet.getId(), changeSet.getComments(), changeSet.isRunInTransaction(),
                    sql(changeSet.getChanges(), database), sql(changeSet.getRollback().getChanges(), database), lock, table, held, findings,
                    Changelog.boundTo(changeSet), undeclared(changeSet.getChanges())));
        }
        return reviews;
    }

    /** The review as Markdown. */
    public static String markdown(List<ChangeSetReview> reviews) {
        return markdown(reviews, Map.of());
    }

    /** The review as Markdown, each revision's section opening with {@code openings}' text for it (its diagram), if any. */
    public static String markdown(List<ChangeSetReview> reviews, Map<String, String> openings) {
        StringBuilder out = new StringBuilder();
        String revision = null;
        for (ChangeSetReview r : reviews) {
            if (!r.revision().equals(revision)) {
                revision = r.revision();
                out.append("## Revision ").append(revision).append("\n\n").append(openings.getOrDefault(revision, ""));
            }
            out.append("### ").append(r.id()).append("\n\n").append(r.comment() == null ? "(no comment)" : r.comment()).append("\n\n");
            out.append("Lock: ").append(r.lock() == LockLevel.NONE ? "none on an existing table" : "**" + r.lock().label() + "**" + (r.lockedTable() == null ? "" : " on `" + r.lockedTable() + "`")
                    + " (" + r.lock().effect() + ")").append(r.lockHeld() == null ? "" : ", held for " + r.lockHeld())
                    .append(r.inTransaction() ? "." : "; runs outside a transaction.").append("\n\n");
            if (r.boundTo() != null) {
                out.append("Runs only where ").append(r.boundTo()).append(" is given (`--contexts`, `--label-filter`), or where none is.\n\n");
            }
            if (!r.undeclared().isEmpty()) {
                out.append("Creates what no entity declares: ").append(String.join(", ", r.undeclared().stream().map(o -> "`" + o + "`").toList()))
                        .append(". `check` leaves it alone, so this changeset and its rollback are what keep it right.\n\n");
            }
            if (r.findings().isEmpty()) {
                out.append("Findings: none.\n\n");
            } else {
                out.append("Findings:\n");
                r.findings().forEach(f -> out.append("- ").append(f.severity().name().toLowerCase(Locale.ROOT)).append(' ').append(f.code())
                        .append(' ').append(f.rule()).append(": ").append(f.message()).append('\n'));
                out.append('\n');
            }
            out.append("```sql\n").append(String.join("\n", r.sql())).append("\n```\n\nRollback:\n\n```sql\n")
                    .append(r.rollbackSql().isEmpty() ? "-- nothing to undo" : String.join("\n", r.rollbackSql())).append("\n```\n\n");
        }
        return out.toString();
    }

    private static List<String> undeclared(List<Change> changes) {
        List<String> objects = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof RawSQLChange raw) {
                objects.addAll(SqlStatements.undeclaredObjectsCreated(raw.getSql()));
            }
        }
        return objects;
    }

    private static List<String> sql(List<Change> changes, PostgresDatabase database) {
        List<String> statements = new ArrayList<>();
        for (Change change : changes) {
            if (change instanceof RawSQLChange raw) {
                String text = raw.getSql().strip();
                statements.add(text.endsWith(";") ? text : text + ";"); // one semicolon, whether or not the author wrote it
                continue;
            }
            try {
                SqlStatement[] generated = Scope.child(Map.of(), () -> change.generateStatements(database));
                for (SqlStatement statement : generated) {
                    for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
                        statements.add(sql.toSql() + ";");
                    }
                }
            } catch (Exception e) {
                statements.add("-- " + change.getDescription() + " (its SQL depends on the database)");
            }
        }
        return statements;
    }
}
