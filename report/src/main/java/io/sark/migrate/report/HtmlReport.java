package io.sark.migrate.report;

import io.sark.migrate.engine.ChangeSetStatus;
import io.sark.migrate.engine.RevisionState;
import io.sark.migrate.engine.RevisionStatus;
import io.sark.migrate.lint.Finding;
import io.sark.migrate.lint.Severity;
import io.sark.migrate.schema.CheckConstraint;
import io.sark.migrate.schema.Column;
import io.sark.migrate.schema.ForeignKey;
import io.sark.migrate.schema.Hypertable;
import io.sark.migrate.schema.Index;
import io.sark.migrate.schema.Schema;
import io.sark.migrate.schema.Table;
import io.sark.migrate.schema.UniqueConstraint;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One self-contained HTML page of a schema: the entity-relationship diagram (inline SVG), each table's columns, keys,
 * indexes and comments, the revisions (applied when, or pending), the drift {@code check} found and the lint findings.
 * Nothing is fetched: the CSS is inline and there is no script, so the page works offline and as a CI artifact.
 */
public final class HtmlReport {

    /**
     * What the page shows.
     *
     * @param title        the page's title (the database's name)
     * @param source       where the schema was read, in words ("the database at localhost:5432/sark, PostgreSQL 16.4")
     * @param generatedAt  when
     * @param schema       the schema drawn
     * @param revisions    the revisions and their state, or null where no database was read for them
     * @param revisionsOf  where the revisions' state was read, in words
     * @param drift        what {@code check} found, or null where it did not run
     * @param findings     the lint findings on the changelog
     */
    public record Contents(String title, String source, Instant generatedAt, Schema schema, List<RevisionStatus> revisions,
                           String revisionsOf, Drift drift, List<Finding> findings) {
    }

    /**
     * What {@code check} found.
     *
     * @param comparedWith what the entities were compared with, in words ("the database", "the changelog")
     * @param differences  the differences, as {@code check} says them; empty when they agree
     */
    public record Drift(String comparedWith, List<String> differences) {
        public Drift {
            differences = List.copyOf(differences);
        }
    }

    private HtmlReport() {
    }

    public static String render(Contents c) {
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(c.title())).append(" — sark-migrate report</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        out.append("<header><h1>").append(Html.escape(c.title())).append("</h1>\n<p class=\"meta\">Read from ").append(Html.escape(c.source()))
                .append(" at <time datetime=\"").append(c.generatedAt().truncatedTo(ChronoUnit.SECONDS)).append("\">")
                .append(c.generatedAt().truncatedTo(ChronoUnit.SECONDS)).append("</time> by sark-migrate.</p>\n");
        summary(out, c);
        out.append("</header>\n<main>\n");

        out.append("<section id=\"diagram\"><h2>Diagram</h2>\n<p class=\"hint\">A box per table; a line per foreign key, its arrow at the"
                + " table it references (dashed where the key may be NULL). Select a table to read it.</p>\n<div class=\"canvas\">\n");
        out.append(SvgDiagram.svg(ErDiagram.of(c.schema()))).append("</div>\n</section>\n");

        out.append("<section id=\"tables\"><h2>Tables</h2>\n<nav class=\"toc\">");
        out.append(c.schema().tables().keySet().stream().map(t -> "<a href=\"#table-" + Html.anchor(t) + "\">" + Html.escape(ErDiagram.display(t)) + "</a>")
                .collect(Collectors.joining(" ")));
        out.append("</nav>\n");
        for (Table table : c.schema().tables().values()) {
            table(out, table, c.schema());
        }
        out.append("</section>\n");

        revisions(out, c);
        drift(out, c.drift());
        lint(out, c.findings());
        return out.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void summary(StringBuilder out, Contents c) {
        out.append("<ul class=\"summary\">");
        out.append("<li><b>").append(c.schema().tables().size()).append("</b> tables</li>");
        if (c.revisions() != null) {
            long applied = c.revisions().stream().filter(r -> r.state() == RevisionState.APPLIED).count();
            long pending = c.revisions().stream().filter(r -> r.state() != RevisionState.APPLIED).count();
            out.append("<li><b>").append(applied).append("</b> of ").append(c.revisions().size()).append(" revisions applied")
                    .append(pending == 0 ? "" : ", <b class=\"warn\">" + pending + "</b> pending").append("</li>");
        }
        if (c.drift() != null) {
            out.append(c.drift().differences().isEmpty()
                    ? "<li class=\"ok\">entities and " + Html.escape(c.drift().comparedWith()) + " agree</li>"
                    : "<li class=\"bad\"><a href=\"#drift\"><b>" + c.drift().differences().size() + "</b> difference(s)</a> between the entities and "
                    + Html.escape(c.drift().comparedWith()) + "</li>");
        }
        long errors = c.findings().stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = c.findings().stream().filter(f -> f.severity() == Severity.WARNING).count();
        out.append("<li").append(errors > 0 ? " class=\"bad\"" : "").append("><a href=\"#lint\">lint: <b>").append(errors).append("</b> error(s), <b>")
                .append(warnings).append("</b> warning(s)</a></li>");
        out.append("</ul>\n");
    }

    private static void table(StringBuilder out, Table table, Schema schema) {
        out.append("<article class=\"table\" id=\"table-").append(Html.anchor(table.name())).append("\"><h3>")
                .append(Html.escape(ErDiagram.display(table.name()))).append("</h3>\n");
        Hypertable hypertable = schema.hypertables().get(table.name());
        if (hypertable != null) {
            out.append("<p class=\"badge\">TimescaleDB hypertable by <code>").append(Html.escape(hypertable.timeColumn())).append("</code>")
                    .append(hypertable.compressed() ? ", compressed after " + Html.escape(hypertable.compressAfter()) : "").append("</p>\n");
        }
        if (table.comment() != null && !table.comment().isBlank()) {
            out.append("<p class=\"comment\">").append(Html.escape(table.comment())).append("</p>\n");
        }
        ErDiagram.Box box = ErDiagram.of(new Schema(new TreeMap<>(Map.of(table.name(), table)), new TreeMap<>()))
                .box(table.name());
        out.append("<table><thead><tr><th>Column</th><th>Type</th><th>Null</th><th>Default</th><th>Keys</th><th>Comment</th></tr></thead><tbody>\n");
        for (int i = 0; i < table.columns().size(); i++) {
            Column column = table.columns().get(i);
            ErDiagram.Row row = box.rows().get(i);
            out.append("<tr><td><code>").append(Html.escape(column.name())).append("</code></td><td><code>").append(Html.escape(column.type()))
                    .append("</code></td><td>").append(column.nullable() ? "yes" : "no").append("</td><td><code>")
                    .append(Html.escape(column.identity() != null ? "generated " + column.identity().sql().toLowerCase(Locale.ROOT) + " as identity"
                            : column.defaultValue()))
                    .append("</code></td><td>").append(row.keys().stream().sorted().map(Enum::name).collect(Collectors.joining(", ")))
                    .append("</td><td>").append(Html.escape(column.comment())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n<ul class=\"keys\">");
        if (table.primaryKey() != null) {
            out.append("<li>primary key <code>").append(Html.escape(table.primaryKey().name())).append("</code> (")
                    .append(Html.escape(String.join(", ", table.primaryKey().columns()))).append(")</li>");
        }
        for (UniqueConstraint u : table.uniqueConstraints().values()) {
            out.append("<li>unique <code>").append(Html.escape(u.name())).append("</code> (").append(Html.escape(String.join(", ", u.columns())))
                    .append(")</li>");
        }
        for (ForeignKey fk : table.foreignKeys().values()) {
            out.append("<li>foreign key <code>").append(Html.escape(fk.name())).append("</code> (").append(Html.escape(String.join(", ", fk.columns())))
                    .append(") → <a href=\"#table-").append(Html.anchor(fk.referencedTable())).append("\">")
                    .append(Html.escape(ErDiagram.display(fk.referencedTable()))).append("</a> (")
                    .append(Html.escape(String.join(", ", fk.referencedColumns()))).append(")")
                    .append(fk.onDelete() == null || fk.onDelete() == ForeignKey.Action.NO_ACTION ? "" : ", on delete " + fk.onDelete().sql().toLowerCase(Locale.ROOT))
                    .append("</li>");
        }
        for (Index index : table.indexes().values()) {
            out.append("<li>").append(index.unique() ? "unique index" : "index").append(" <code>").append(Html.escape(index.name())).append("</code> ")
                    .append(index.method().equals("btree") ? "" : "using " + Html.escape(index.method()) + " ").append("(")
                    .append(Html.escape(String.join(", ", index.keys()))).append(")")
                    .append(index.where() == null ? "" : " where <code>" + Html.escape(index.where()) + "</code>").append("</li>");
        }
        for (CheckConstraint check : table.checks().values()) {
            out.append("<li>check <code>").append(Html.escape(check.name())).append("</code>: <code>").append(Html.escape(check.expression()))
                    .append("</code></li>");
        }
        out.append("</ul>\n</article>\n");
    }

    private static void revisions(StringBuilder out, Contents c) {
        out.append("<section id=\"revisions\"><h2>Revisions</h2>\n");
        if (c.revisions() == null) {
            out.append("<p>Not read: ").append(Html.escape(c.revisionsOf())).append(".</p>\n</section>\n");
            return;
        }
        out.append("<p class=\"hint\">As ").append(Html.escape(c.revisionsOf())).append(" has them, oldest first.</p>\n");
        out.append("<table><thead><tr><th>Revision</th><th>State</th><th>Applied at</th><th>Changesets</th></tr></thead><tbody>\n");
        for (RevisionStatus r : c.revisions()) {
            out.append("<tr class=\"").append(r.state().name().toLowerCase(Locale.ROOT)).append("\"><td><code>").append(Html.escape(r.id()))
                    .append("</code>").append(r.current() ? " <b>(current)</b>" : "").append("</td><td>").append(r.state().name().toLowerCase(Locale.ROOT))
                    .append("</td><td>").append(r.appliedAt() == null ? "—" : Html.escape(r.appliedAt())).append("</td><td><details><summary>")
                    .append(r.changeSets().size()).append(" changeset(s)</summary><ul>");
            for (ChangeSetStatus cs : r.changeSets()) {
                out.append("<li><code>").append(Html.escape(cs.id())).append("</code> ").append(cs.appliedAt() == null ? "(pending) " : "")
                        .append(Html.escape(cs.comment())).append("</li>");
            }
            out.append("</ul></details></td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private static void drift(StringBuilder out, Drift drift) {
        out.append("<section id=\"drift\"><h2>Drift</h2>\n");
        if (drift == null) {
            out.append("<p>Not checked.</p>\n");
        } else if (drift.differences().isEmpty()) {
            out.append("<p class=\"ok\">The entities and ").append(Html.escape(drift.comparedWith())).append(" agree.</p>\n");
        } else {
            out.append("<p class=\"bad\">The entities and ").append(Html.escape(drift.comparedWith())).append(" differ; ")
                    .append(Html.escape(drift.comparedWith())).append(" needs:</p>\n<ul>");
            drift.differences().forEach(d -> out.append("<li>").append(Html.escape(d)).append("</li>"));
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }

    private static void lint(StringBuilder out, List<Finding> findings) {
        out.append("<section id=\"lint\"><h2>Lint</h2>\n");
        if (findings.isEmpty()) {
            out.append("<p class=\"ok\">No findings.</p>\n</section>\n");
            return;
        }
        out.append("<table><thead><tr><th>Level</th><th>Rule</th><th>Changeset</th><th>Finding</th></tr></thead><tbody>\n");
        for (Finding f : findings) {
            out.append("<tr class=\"").append(f.severity().name().toLowerCase(Locale.ROOT)).append("\"><td>")
                    .append(f.severity().name().toLowerCase(Locale.ROOT)).append("</td><td><code>").append(Html.escape(f.code())).append("</code> ")
                    .append(Html.escape(f.rule())).append("</td><td><code>").append(Html.escape(f.changeSet())).append("</code></td><td>")
                    .append(Html.escape(f.message())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n</section>\n");
    }

    private static final String CSS = """
            :root { --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #ddf4ff; --accent: #0969da; --bad: #cf222e; --ok: #1a7f37; --warn: #9a6700; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
            header, main { padding: 0 24px; }
            h1 { margin: 16px 0 4px; font-size: 22px; }
            h2 { border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 32px; }
            h3 { margin: 0 0 6px; font-size: 16px; }
            code { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
            a { color: var(--accent); text-decoration: none; }
            .meta, .hint { color: var(--muted); margin: 4px 0; }
            .summary { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; }
            .summary li { border: 1px solid var(--line); border-radius: 6px; padding: 4px 10px; }
            .ok { color: var(--ok); } .bad, .bad a { color: var(--bad); } .warn { color: var(--warn); }
            .canvas { overflow: auto; max-height: 85vh; border: 1px solid var(--line); border-radius: 6px; background: #f6f8fa; }
            svg.erd { display: block; }
            svg.erd text { font: 12px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; fill: var(--ink); white-space: pre; }
            svg.erd .table > a > rect { fill: #fff; stroke: #8c959f; }
            svg.erd .table > a > rect.header { fill: var(--head); }
            svg.erd .table.added > a > rect { stroke: var(--ok); stroke-width: 2; }
            svg.erd .table.changed > a > rect { stroke: var(--warn); stroke-width: 2; }
            svg.erd text.name { font-weight: bold; }
            svg.erd text.pk { font-weight: bold; }
            svg.erd text.nullable { fill: var(--muted); }
            svg.erd path.fk { fill: none; stroke: #57606a; stroke-width: 1.2; }
            svg.erd path.fk.optional { stroke-dasharray: 4 3; }
            svg.erd path.fk:hover { stroke: var(--accent); stroke-width: 2.5; }
            svg.erd .head { fill: #57606a; }
            .toc { display: flex; flex-wrap: wrap; gap: 4px 12px; margin: 8px 0 16px; }
            article.table { border: 1px solid var(--line); border-radius: 6px; padding: 12px; margin: 12px 0; }
            article.table:target { border-color: var(--accent); box-shadow: 0 0 0 2px var(--head); }
            .comment { color: var(--muted); font-style: italic; margin: 0 0 6px; }
            .badge { display: inline-block; background: #fff8c5; border-radius: 6px; padding: 0 8px; margin: 0 0 6px; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: 3px 8px; }
            th { background: #f6f8fa; }
            tr.pending td, tr.partial td { color: var(--warn); }
            tr.error td:first-child { color: var(--bad); font-weight: bold; }
            tr.warning td:first-child { color: var(--warn); }
            .keys { margin: 6px 0 0; padding-left: 18px; }
            details summary { cursor: pointer; }
            """;
}
