package io.sark.migrate.report;

import io.sark.migrate.report.ErDiagram.Box;
import io.sark.migrate.report.ErDiagram.Key;
import io.sark.migrate.report.ErDiagram.Link;
import io.sark.migrate.report.ErDiagram.Mark;
import io.sark.migrate.report.ErDiagram.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An {@link ErDiagram} as a Mermaid {@code erDiagram}, which GitHub and GitLab draw in a pull request. Mermaid's grammar
 * takes names and types of letters, digits, {@code _ - ( ) [ ]}: anything else becomes {@code _}, and PostgreSQL's long
 * type names are written short ({@code timestamptz}, {@code varchar(255)}).
 */
public final class Mermaid {

    private Mermaid() {
    }

    /** The diagram, as the text of a {@code mermaid} block. */
    public static String erDiagram(ErDiagram diagram) {
        StringBuilder out = new StringBuilder("erDiagram\n");
        for (Box box : diagram.boxes()) {
            out.append("    ").append(entity(box.name())).append(" {\n");
            for (Row row : box.rows()) {
                out.append("        ").append(type(row.type())).append(' ').append(name(row.name()));
                if (!row.keys().isEmpty()) {
                    out.append(' ').append(row.keys().stream().sorted().map(Key::name).collect(Collectors.joining(", ")));
                }
                String comment = comment(row);
                if (!comment.isEmpty()) {
                    out.append(" \"").append(comment).append('"');
                }
                out.append('\n');
            }
            out.append("    }\n");
        }
        for (Link link : diagram.links()) {
            String many = link.oneToOne() ? "|o" : "}o";
            String one = link.optional() ? "o|" : "||";
            String label = link.columns().isEmpty() ? link.name() : String.join(", ", link.columns());
            out.append("    ").append(entity(link.from())).append(' ').append(many).append("--").append(one).append(' ')
                    .append(entity(link.to())).append(" : \"").append(text(label == null ? "" : label)).append("\"\n");
        }
        return out.toString();
    }

    /** The diagram as a fenced Markdown block. */
    public static String markdownBlock(ErDiagram diagram) {
        return "```mermaid\n" + erDiagram(diagram) + "```\n";
    }

    private static String comment(Row row) {
        List<String> words = new ArrayList<>();
        if (row.mark() == Mark.ADDED) {
            words.add("added");
        } else if (row.mark() == Mark.CHANGED) {
            words.add("changed");
        }
        if (row.nullable() && !row.keys().contains(Key.PK)) {
            words.add("nullable");
        }
        return text(String.join(", ", words));
    }

    /** PostgreSQL's type names, short, in Mermaid's alphabet: {@code character varying(255)} → {@code varchar(255)}. */
    static String type(String type) {
        if (type == null || type.isBlank()) {
            return "unknown";
        }
        String t = type.strip().toLowerCase(Locale.ROOT)
                .replace("character varying", "varchar")
                .replace("timestamp with time zone", "timestamptz")
                .replace("timestamp without time zone", "timestamp")
                .replace("time with time zone", "timetz")
                .replace("time without time zone", "time")
                .replace("double precision", "float8")
                .replace("bit varying", "varbit");
        if (t.startsWith("character(") || t.equals("character")) {
            t = "char" + t.substring("character".length());
        }
        return name(t.replace(", ", ",").replace(',', '_').replace(' ', '_'));
    }

    /** A table's name as Mermaid reads an entity's: letters, digits, {@code _} and {@code -} ({@code reporting.sales} → {@code reporting_sales}). */
    static String entity(String table) {
        return name(ErDiagram.display(table)).replaceAll("[()\\[\\]]", "_");
    }

    /** A name Mermaid reads as one word. */
    static String name(String name) {
        StringBuilder out = new StringBuilder();
        for (char ch : name.toCharArray()) {
            out.append(Character.isLetterOrDigit(ch) && ch < 128 || "_-()[]".indexOf(ch) >= 0 ? ch : '_');
        }
        if (out.isEmpty() || !Character.isLetter(out.charAt(0)) && out.charAt(0) != '_') {
            out.insert(0, '_');
        }
        return out.toString();
    }

    private static String text(String text) {
        return text.replace('"', '\'').replace('\n', ' ');
    }
}
