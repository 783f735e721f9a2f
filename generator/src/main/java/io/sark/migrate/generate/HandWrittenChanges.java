package io.sark.migrate.generate;

import io.sark.migrate.changes.SqlStatements;
import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.engine.changelog.ChangelogException;
import io.sark.migrate.engine.changelog.Revision;
import io.sark.migrate.lint.Placeholders;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.sark.migrate.generate.ChangeSteps.ident;

/**
 * Changesets the generator cannot derive from the entities (data changes, views, functions, grants), added by hand to
 * the newest revision, just before its tag, as skeletons: the SQL given, or a batched data change, each with a rollback
 * its author writes. What is not written yet is a placeholder that lint refuses (HY106) and that fails when run, so an
 * unwritten rollback is never mistaken for one with nothing to do.
 *
 * <p>The revision file is edited as text, to keep its comments and layout, at the place a YAML parser (SnakeYAML, the
 * one Liquibase reads changelogs with) finds the tag's changeset; the changelog is read back afterwards, and the file
 * restored unless the new changeset is where it was meant to be.
 */
public final class HandWrittenChanges {

    /** Rows per batch of a data change, unless told. */
    public static final int DEFAULT_BATCH = 1000;

    private HandWrittenChanges() {
    }

    /**
     * A changeset added.
     *
     * @param revision  the revision it joined
     * @param changeSet its id
     * @param file      the revision's file
     * @param todo      what its author still has to write (placeholders left), empty when nothing
     */
    public record Added(String revision, String changeSet, String file, List<String> todo) {
    }

    /**
     * A data change run in batches.
     *
     * @param table     the table whose rows it changes
     * @param key       a unique, not-null, sortable column to walk the table by (its primary key)
     * @param set       the assignments ({@code full_name = first_name || ' ' || last_name}), or null: a placeholder
     * @param pending   what a row still to do looks like ({@code full_name IS NULL}), or null: a placeholder. It is what
     *                  makes the change re-runnable: a done row no longer matches it
     * @param batchSize rows per batch
     */
    public record DataChange(String table, String key, String set, String pending, int batchSize) {
        public DataChange {
            if (batchSize < 1) {
                throw new IllegalArgumentException("a batch holds at least one row, not " + batchSize);
            }
        }
    }

    /**
     * How the changeset is undone: the SQL that undoes it, or a reason there is nothing to undo, or neither (a
     * placeholder is written).
     */
    public record Rollback(String sql, String nothingToUndoBecause) {
        public static Rollback unwritten() {
            return new Rollback(null, null);
        }
    }

    /** Adds {@code sql} (one or more statements, as a file holds them) as a changeset before the newest revision's tag. */
    public static Added addSql(Changelog changelog, String author, String comment, String sql, Rollback rollback) {
        List<String> statements = SqlStatements.texts(sql);
        if (statements.isEmpty()) {
            throw new ChangelogException("The SQL given holds no statement (only blanks or comments): nothing was added.");
        }
        return add(changelog, (id, todo) -> {
            StringBuilder out = head(id, author, comment, rollback, false);
            out.append("      changes:\n");
            statements.forEach(s -> statement(out, s));
            rollback(out, id, rollback, todo);
            return out.toString();
        });
    }

    /** Adds a data change, run in batches outside a transaction, as a changeset before the newest revision's tag. */
    public static Added addData(Changelog changelog, String author, String comment, DataChange data, Rollback rollback) {
        return add(changelog, (id, todo) -> {
            String batching = "In batches of " + data.batchSize() + " rows of " + data.table() + " by " + data.key() + ", each committed"
                    + " on its own: no row lock lasts longer than one batch, and a run stopped half-way is taken up by the next"
                    + " upgrade from what the rows hold (a done row no longer matches the WHERE).";
            StringBuilder out = head(id, author, comment.strip() + (comment.strip().endsWith(".") ? " " : ". ") + batching, rollback, true);
            out.append("      changes:\n");
            statement(out, "SET lock_timeout = '5s'");
            if (data.set() == null) {
                todo.add("the SET of " + id + ": what to write into each row");
            }
            if (data.pending() == null) {
                todo.add("the WHERE of " + id + ": what a row still to do looks like (so a re-run skips done rows)");
            }
            statement(out, batchedUpdate(data));
            statement(out, "RESET lock_timeout");
            rollback(out, id, rollback, todo);
            return out.toString();
        });
    }

    /**
     * The loop: the table walked by its key, a batch of rows at a time, each batch's UPDATE committed before the next
     * (a DO block may COMMIT when it runs outside a transaction, which {@code runInTransaction: false} makes it). The
     * UPDATE is first run on no row, so that a column it names that the table lacks fails on an empty table too (as in
     * {@code validate}'s throwaway database), not only where there are rows to change.
     */
    static String batchedUpdate(DataChange data) {
        String table = ident(data.table());
        String key = ident(data.key());
        String set = data.set() != null ? data.set().strip()
                : Placeholders.inline("column = expression, e.g. full_name = first_name || ' ' || last_name");
        String pending = data.pending() != null ? "(" + data.pending().strip() + ")"
                : Placeholders.inline("a row still to do, e.g. full_name IS NULL");
        return """
                DO $$
                DECLARE
                    batch_start %1$s.%2$s%%TYPE;
                    batch_end %1$s.%2$s%%TYPE;
                BEGIN
                    -- Checked once, rows or none: the assignments and the condition name what the table has.
                    UPDATE %1$s SET %4$s WHERE false AND %5$s;
                    SELECT %2$s INTO batch_start FROM %1$s ORDER BY %2$s LIMIT 1;
                    WHILE batch_start IS NOT NULL LOOP
                        SELECT %2$s INTO batch_end
                          FROM (SELECT %2$s FROM %1$s WHERE %2$s >= batch_start ORDER BY %2$s LIMIT %3$d) batch
                         ORDER BY %2$s DESC LIMIT 1;
                        UPDATE %1$s SET %4$s
                         WHERE %2$s >= batch_start AND %2$s <= batch_end
                           AND %5$s;
                        COMMIT;
                        SELECT %2$s INTO batch_start FROM %1$s WHERE %2$s > batch_end ORDER BY %2$s LIMIT 1;
                    END LOOP;
                END
                $$""".formatted(table, key, data.batchSize(), set, pending);
    }

    private static StringBuilder head(String id, String author, String comment, Rollback rollback, boolean outsideTransaction) {
        String said = comment.strip().replaceAll("\\s+", " ");
        if (rollback.nothingToUndoBecause() != null) {
            said += (said.endsWith(".") ? " " : ". ") + "sark-lint: allow HY101 because " + rollback.nothingToUndoBecause().strip();
        }
        StringBuilder out = new StringBuilder();
        out.append("  - changeSet:\n");
        out.append("      id: ").append(Yaml.scalar(id)).append('\n');
        out.append("      author: ").append(Yaml.scalar(author)).append('\n');
        out.append("      comment: ").append(Yaml.scalar(said)).append('\n');
        if (outsideTransaction) {
            out.append("      runInTransaction: false\n");
        }
        return out;
    }

    private static void statement(StringBuilder out, String sql) {
        if (sql.contains("\n") || sql.contains("$")) {
            // As written: one statement, whatever semicolons its body holds, its comments kept.
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("splitStatements", false);
            fields.put("stripComments", false);
            fields.put("sql", new Yaml.Literal(sql));
            Yaml.item(out, 8, "sql", fields);
        } else {
            Yaml.item(out, 8, "sql", Map.of("sql", sql));
        }
    }

    private static void rollback(StringBuilder out, String id, Rollback rollback, List<String> todo) {
        if (rollback.nothingToUndoBecause() != null) {
            out.append("      rollback: []\n");
            return;
        }
        out.append("      rollback:\n");
        if (rollback.sql() != null) {
            List<String> statements = SqlStatements.texts(rollback.sql());
            if (statements.isEmpty()) {
                throw new ChangelogException("The rollback SQL given holds no statement (only blanks or comments): write what undoes"
                        + " the change, or say why there is nothing to undo with --nothing-to-undo REASON. Nothing was added.");
            }
            statements.forEach(s -> statement(out, s));
        } else {
            todo.add("the rollback of " + id + ": what undoes it");
            statement(out, Placeholders.failing("the rollback of " + id + " (write what undoes it; see docs/handwritten.md)"));
        }
    }

    @FunctionalInterface
    private interface ChangeSetText {
        /** The changeset's text, indented by two; what is left to write goes into {@code todo}. */
        String of(String id, List<String> todo);
    }

    private static Added add(Changelog changelog, ChangeSetText text) {
        Path root = changelog.sourceRoot().orElseThrow(() -> new ChangelogException(
                "A changeset is added to a revision of the changelog's sources, and this is " + changelog.describe()
                        + ". Run sark-migrate from the repository root, or pass --changelog-root migrations/src/main/resources."));
        List<Revision> revisions = changelog.revisions().all();
        if (revisions.isEmpty()) {
            throw new ChangelogException("The changelog has no revision to add to: create one first with sark-migrate revision -m MESSAGE.");
        }
        Revision newest = revisions.get(revisions.size() - 1);
        if (!newest.tagged()) {
            throw new ChangelogException("The newest revision, " + newest.id() + " (" + newest.file() + "), does not end with its tag, so"
                    + " there is no place before the tag to add to: add the changeset by hand (docs/handwritten.md).");
        }
        Path file = root.resolve(newest.file());
        String lower = newest.file().toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
            throw new ChangelogException("The newest revision, " + newest.id() + ", is written in " + newest.file() + ", and changesets are"
                    + " added to YAML revisions only: add it by hand (docs/handwritten.md), or start a new revision with revision -m.");
        }
        if (!Files.isRegularFile(file)) {
            throw new ChangelogException("The newest revision, " + newest.id() + ", says it is " + newest.file() + ", which is not a file under "
                    + root + " (a logicalFilePath other than its path?): add the changeset by hand (docs/handwritten.md).");
        }
        String tagId = newest.changeSets().get(newest.changeSets().size() - 1).id();
        try {
            String before = Files.readString(file, StandardCharsets.UTF_8);
            int line = tagLine(before, tagId, file);
            String id = nextId(newest);
            List<String> todo = new ArrayList<>();
            String changeSet = text.of(id, todo);
            String[] lines = before.split("\n", -1);
            String indent = lines[line].substring(0, lines[line].indexOf('-'));
            StringBuilder after = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                if (i == line) {
                    changeSet.lines().forEach(l -> after.append(l.isEmpty() ? "" : indent + l.substring(2)).append('\n'));
                    after.append('\n');
                }
                after.append(lines[i]);
                if (i < lines.length - 1) {
                    after.append('\n');
                }
            }
            Files.writeString(file, after.toString(), StandardCharsets.UTF_8);
            try {
                confirm(Changelog.at(root, changelog.master()), newest.id(), id, tagId);
            } catch (RuntimeException e) {
                Files.writeString(file, before, StandardCharsets.UTF_8);
                throw new ChangelogException("Adding " + id + " to " + file + " did not give the changelog meant (" + e.getMessage()
                        + "); the file is as it was.", e);
            }
            return new Added(newest.id(), id, file.toString(), List.copyOf(todo));
        } catch (IOException e) {
            throw new ChangelogException("Could not add a changeset to " + file + ": " + e.getMessage(), e);
        }
    }

    /** The next id in the revision: its id and one more than the highest number its changesets end with. */
    static String nextId(Revision revision) {
        int max = 0;
        String prefix = revision.id() + "-";
        for (Revision.ChangeSetRef ref : revision.changeSets()) {
            if (ref.id().startsWith(prefix) && ref.id().substring(prefix.length()).matches("\\d{1,9}")) {
                max = Math.max(max, Integer.parseInt(ref.id().substring(prefix.length())));
            }
        }
        return prefix + (max + 1);
    }

    /** The line (from 0) of the {@code - changeSet:} item whose id is {@code tagId}. */
    private static int tagLine(String text, String tagId, Path file) {
        Node document;
        try {
            document = new org.yaml.snakeyaml.Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (YAMLException e) {
            throw new ChangelogException(file + " is not YAML that can be read: " + e.getMessage().lines().findFirst().orElse(""));
        }
        Optional<Node> list = value(document, "databaseChangeLog");
        if (list.isPresent() && list.get() instanceof SequenceNode items) {
            for (Node item : items.getValue()) {
                Optional<Node> changeSet = value(item, "changeSet");
                Optional<Node> id = changeSet.flatMap(c -> value(c, "id"));
                if (id.isPresent() && id.get() instanceof ScalarNode scalar && scalar.getValue().equals(tagId)) {
                    int line = item.getStartMark().getLine();
                    String[] lines = text.split("\n", -1);
                    if (line < lines.length && lines[line].stripLeading().startsWith("- ")) {
                        return line;
                    }
                }
            }
        }
        throw new ChangelogException("Cannot find the line of the tag changeset " + tagId + " in " + file + " (written as a flow list?):"
                + " add the changeset by hand, above it (docs/handwritten.md).");
    }

    private static Optional<Node> value(Node node, String key) {
        if (node instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return Optional.of(tuple.getValueNode());
                }
            }
        }
        return Optional.empty();
    }

    /** The changelog read back has {@code id} in {@code revision}, just before its tag. */
    private static void confirm(Changelog written, String revision, String id, String tagId) {
        Revision read = written.revisions().resolve(revision);
        List<Revision.ChangeSetRef> changeSets = read.changeSets();
        int n = changeSets.size();
        if (n < 2 || !changeSets.get(n - 1).id().equals(tagId) || !changeSets.get(n - 2).id().equals(id)) {
            throw new ChangelogException("the new changeset is not just before the tag of " + revision);
        }
    }
}
