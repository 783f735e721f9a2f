package io.sark.migrate.report;

import io.sark.migrate.engine.changelog.Changelog;
import io.sark.migrate.report.ErDiagram.Mark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The picture each revision's review opens with: the tables it creates or changes and their neighbours by foreign key,
 * as a Mermaid {@code erDiagram} a pull request draws, with a line saying which tables are which.
 */
public final class ReviewDiagrams {

    private ReviewDiagrams() {
    }

    /** Per revision from {@code from} on (all with null) that touches a table: its diagram, as Mermaid text. */
    public static Map<String, String> mermaid(Changelog changelog, String from) {
        Map<String, String> diagrams = new LinkedHashMap<>();
        for (ChangelogSchema.AtRevision at : ChangelogSchema.byRevision(changelog, from)) {
            if (!at.tables().isEmpty()) {
                diagrams.put(at.revision(), Mermaid.erDiagram(at.diagram()));
            }
        }
        return diagrams;
    }

    /** Per revision from {@code from} on: the Markdown its review opens with (a line in words, and the diagram), if it touches a table or drops one. */
    public static Map<String, String> markdown(Changelog changelog, String from) {
        Map<String, String> sections = new LinkedHashMap<>();
        for (ChangelogSchema.AtRevision at : ChangelogSchema.byRevision(changelog, from)) {
            if (at.tables().isEmpty() && at.dropped().isEmpty()) {
                continue;
            }
            ErDiagram diagram = at.diagram();
            List<String> words = new ArrayList<>();
            listed(words, "Creates", at, Mark.ADDED);
            listed(words, "Changes", at, Mark.CHANGED);
            if (!at.dropped().isEmpty()) {
                words.add("Drops " + names(at.dropped()));
            }
            List<String> neighbours = diagram.boxes().stream().map(ErDiagram.Box::name).filter(n -> !at.tables().containsKey(n)).toList();
            if (!neighbours.isEmpty()) {
                words.add("beside " + names(neighbours) + " (by foreign key)");
            }
            StringBuilder out = new StringBuilder(String.join("; ", words)).append(".\n\n");
            if (!diagram.boxes().isEmpty()) {
                out.append(Mermaid.markdownBlock(diagram)).append('\n');
            }
            sections.put(at.revision(), out.toString());
        }
        return sections;
    }

    private static void listed(List<String> words, String verb, ChangelogSchema.AtRevision at, Mark mark) {
        List<String> tables = at.tables().entrySet().stream().filter(e -> e.getValue() == mark).map(Map.Entry::getKey).sorted().toList();
        if (!tables.isEmpty()) {
            words.add(verb + " " + names(tables));
        }
    }

    private static String names(List<String> tables) {
        return String.join(", ", tables.stream().map(t -> "`" + ErDiagram.display(t) + "`").toList());
    }
}
