package io.sark.migrate.generate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Just enough YAML to write changelogs the way people write them: block maps for changes, one-line flow maps for
 * small things ({@code - column: {name: id, type: uuid}}), scalars quoted only when they must be.
 */
final class Yaml {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_ .()-]*");
    private static final Set<String> KEYWORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");
    private static final int FLOW_WIDTH = 110;

    private Yaml() {
    }

    static String scalar(Object value) {
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        String s = value.toString();
        if (PLAIN.matcher(s).matches() && !s.endsWith(" ") && !KEYWORDS.contains(s.toLowerCase())) {
            return s;
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    /** {@code {a: 1, b: {c: d}}}: a map of scalars and maps, on one line. */
    static String flow(Map<String, ?> map) {
        StringBuilder out = new StringBuilder("{");
        String separator = "";
        for (Map.Entry<String, ?> e : map.entrySet()) {
            out.append(separator).append(e.getKey()).append(": ");
            out.append(e.getValue() instanceof Map<?, ?> nested ? flow(cast(nested)) : scalar(e.getValue()));
            separator = ", ";
        }
        return out.append('}').toString();
    }

    /**
     * One list item {@code - key: ...} holding {@code fields}: on one line when everything is a scalar or a map and it
     * fits, otherwise as a block in which lists of maps become {@code - item: {flow}} lines.
     */
    static void item(StringBuilder out, int indent, String key, Map<String, ?> fields) {
        String pad = " ".repeat(indent);
        boolean simple = fields.values().stream().noneMatch(v -> v instanceof List<?>);
        String oneLine = pad + "- " + key + ": " + flow(fields);
        if (simple && oneLine.length() <= FLOW_WIDTH) {
            out.append(oneLine).append('\n');
            return;
        }
        out.append(pad).append("- ").append(key).append(":\n");
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            String fieldPad = pad + "    ";
            if (e.getValue() instanceof List<?> list) {
                out.append(fieldPad).append(e.getKey()).append(":\n");
                for (Object element : list) {
                    Map<String, ?> entry = cast((Map<?, ?>) element);
                    Map.Entry<String, ?> only = entry.entrySet().iterator().next();
                    out.append(fieldPad).append("  - ").append(only.getKey()).append(": ")
                            .append(flow(cast((Map<?, ?>) only.getValue()))).append('\n');
                }
            } else if (e.getValue() instanceof Map<?, ?> nested) {
                out.append(fieldPad).append(e.getKey()).append(": ").append(flow(cast(nested))).append('\n');
            } else {
                out.append(fieldPad).append(e.getKey()).append(": ").append(scalar(e.getValue())).append('\n');
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
