package io.sark.migrate.report;

import io.sark.migrate.report.ErDiagram.Box;
import io.sark.migrate.report.ErDiagram.Key;
import io.sark.migrate.report.ErDiagram.Link;
import io.sark.migrate.report.ErDiagram.Row;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An {@link ErDiagram} drawn as SVG: a box per table (its name, then a line per column: name, type, keys), a line per
 * foreign key from the referencing table to the one it references, with an arrowhead there. Eclipse ELK's layered
 * algorithm places the boxes and routes the lines orthogonally; tables with no key between them are packed in rows
 * towards a screen's proportions. Text is monospace, so a box's width follows from its longest line.
 */
public final class SvgDiagram {

    /** A 12px monospace character's advance, rounded up (DejaVu Sans Mono's is 7.22, Menlo's 7.23, Consolas' 6.6). */
    static final double CHAR_WIDTH = 7.4;
    static final int LINE_HEIGHT = 16;
    static final int HEADER_HEIGHT = 22;
    static final int PADDING = 8;
    private static final int MARGIN = 20;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private SvgDiagram() {
    }

    /** The diagram as an {@code <svg>} element for an HTML page (no XML prolog, no namespace: HTML's parser supplies it). */
    public static String svg(ErDiagram diagram) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.SEPARATE_CONNECTED_COMPONENTS, true);
        root.setProperty(CoreOptions.ASPECT_RATIO, 1.6);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 24.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 56.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 16.0);
        root.setProperty(LayeredOptions.SPACING_COMPONENT_COMPONENT, 40.0);
        Map<String, ElkNode> nodes = new LinkedHashMap<>();
        Map<String, String[]> lines = new LinkedHashMap<>();
        for (Box box : diagram.boxes()) {
            String[] text = lines(box);
            int widest = 0;
            for (String line : text) {
                widest = Math.max(widest, line.length());
            }
            ElkNode node = ElkGraphUtil.createNode(root);
            node.setIdentifier(box.name());
            node.setWidth(Math.ceil(widest * CHAR_WIDTH) + 2 * PADDING);
            node.setHeight(HEADER_HEIGHT + (text.length - 1) * LINE_HEIGHT + PADDING);
            nodes.put(box.name(), node);
            lines.put(box.name(), text);
        }
        Map<ElkEdge, Link> edges = new LinkedHashMap<>();
        for (Link link : diagram.links()) {
            edges.put(ElkGraphUtil.createSimpleEdge(nodes.get(link.from()), nodes.get(link.to())), link);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        int width = (int) Math.ceil(root.getWidth()) + 2 * MARGIN;
        int height = (int) Math.ceil(root.getHeight()) + 2 * MARGIN;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"erd\" width=\"").append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(height).append("\" role=\"img\" aria-label=\"Entity-relationship diagram of ")
                .append(diagram.boxes().size()).append(" tables\">\n")
                .append("<defs><marker id=\"one\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\""
                        + " orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"head\"/></marker></defs>\n");
        svg.append("<g transform=\"translate(").append(MARGIN).append(',').append(MARGIN).append(")\">\n");
        for (Map.Entry<ElkEdge, Link> e : edges.entrySet()) {
            Link link = e.getValue();
            for (ElkEdgeSection section : e.getKey().getSections()) {
                StringBuilder d = new StringBuilder("M").append(n(section.getStartX())).append(',').append(n(section.getStartY()));
                for (ElkBendPoint bend : section.getBendPoints()) {
                    d.append(" L").append(n(bend.getX())).append(',').append(n(bend.getY()));
                }
                d.append(" L").append(n(section.getEndX())).append(',').append(n(section.getEndY()));
                svg.append("<path class=\"fk").append(link.optional() ? " optional" : "").append("\" d=\"").append(d)
                        .append("\" marker-end=\"url(#one)\" data-from=\"").append(Html.escape(link.from())).append("\" data-to=\"")
                        .append(Html.escape(link.to())).append("\"><title>").append(Html.escape(title(link))).append("</title></path>\n");
            }
        }
        for (Box box : diagram.boxes()) {
            ElkNode node = nodes.get(box.name());
            String[] text = lines.get(box.name());
            svg.append("<g class=\"table").append(box.mark() == ErDiagram.Mark.NONE ? "" : " " + box.mark().name().toLowerCase(Locale.ROOT))
                    .append("\" data-table=\"").append(Html.escape(box.name())).append("\" transform=\"translate(")
                    .append(n(node.getX())).append(',').append(n(node.getY())).append(")\">");
            svg.append("<a href=\"#table-").append(Html.anchor(box.name())).append("\">");
            svg.append("<rect width=\"").append(n(node.getWidth())).append("\" height=\"").append(n(node.getHeight())).append("\" rx=\"3\"/>");
            svg.append("<rect class=\"header\" width=\"").append(n(node.getWidth())).append("\" height=\"").append(HEADER_HEIGHT).append("\" rx=\"3\"/>");
            svg.append("<text class=\"name\" x=\"").append(PADDING).append("\" y=\"15\">").append(Html.escape(text[0])).append("</text>");
            for (int i = 1; i < text.length; i++) {
                Row row = box.rows().get(i - 1);
                svg.append("<text x=\"").append(PADDING).append("\" y=\"").append(HEADER_HEIGHT + i * LINE_HEIGHT - 3).append("\"")
                        .append(row.keys().contains(Key.PK) ? " class=\"pk\"" : row.nullable() ? " class=\"nullable\"" : "").append(">")
                        .append(Html.escape(text[i])).append("</text>");
            }
            svg.append("</a></g>\n");
        }
        return svg.append("</g>\n</svg>\n").toString();
    }

    /** The box's text: its name, then per column "name type PK,FK". */
    private static String[] lines(Box box) {
        int nameWidth = box.rows().stream().mapToInt(r -> r.name().length()).max().orElse(0);
        String[] text = new String[box.rows().size() + 1];
        text[0] = ErDiagram.display(box.name());
        for (int i = 0; i < box.rows().size(); i++) {
            Row row = box.rows().get(i);
            String keys = row.keys().stream().sorted().map(Key::name).collect(Collectors.joining(","));
            text[i + 1] = String.format("%-" + nameWidth + "s  %s%s", row.name(), Mermaid.type(row.type()).replace('_', ' '),
                    keys.isEmpty() ? "" : "  " + keys);
        }
        return text;
    }

    private static String title(Link link) {
        return ErDiagram.display(link.from()) + (link.columns().isEmpty() ? "" : " (" + String.join(", ", link.columns()) + ")") + " → "
                + ErDiagram.display(link.to()) + (link.name() == null ? "" : ": " + link.name());
    }

    private static String n(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
