/**
 * Pictures of the schema. {@link io.sark.migrate.report.ErDiagram} is what a diagram shows, from a catalog's
 * {@link io.sark.migrate.schema.Schema} or from what a changelog writes ({@link io.sark.migrate.report.ChangelogSchema});
 * {@link io.sark.migrate.report.Mermaid} writes it for a pull request, {@link io.sark.migrate.report.SvgDiagram} lays it
 * out with Eclipse ELK for {@link io.sark.migrate.report.HtmlReport}'s one page.
 */
package io.sark.migrate.report;
