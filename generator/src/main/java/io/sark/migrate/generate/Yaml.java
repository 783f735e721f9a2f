package io.sark.migrate.generate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Just enough YAML to write changelogs the way people write them: block maps for changes, one-line flow maps for
 * small things ({@code - column: {name: id, type: uuid}}), scalars quoted only when they must be.
 */
final class Yaml {

    /** What may stand unquoted inside a flow map: no commas, brackets or braces. */
    private static final Pattern PLAIN_IN_FLOW = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_ .()'-]*");
    /** What may stand unquoted as a block value: anything that does not start like YAML syntax or contain ": " or " #". */
    private static final Pattern PLAIN_IN_BLOCK = Pattern.compile("[A-Za-z0-9_(][^\\n\"]*");
    /** Scalars YAML would read as something other than a string: numbers, dates. */
    private static final Pattern NOT_A_STRING = Pattern.compile("[-+]?[0-9][0-9_.eE+-]*|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|\\.(inf|nan)");
    private static final Set<String> KEYWORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n");
    private static final int FLOW_WIDTH = 110;

    private Yaml() {
    }

    /** Text written as a literal block ({@code |}), line by line, as it is. */
    record Literal(String text) {
    }

    static String scalar(Object value) {
        return scalar(value, false);
    }

    static String scalar(Object value, boolean inFlow) {
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        String s = value.toString();
        boolean plain = (inFlow ? PLAIN_IN_FLOW : PLAIN_IN_BLOCK).matcher(s).matches()
                && !s.contains(": ") && !s.contains(" #") && !s.endsWith(" ") && !s.endsWith(":")
                && !NOT_A_STRING.matcher(s).matches() && !KEYWORDS.contains(s.toLowerCase(Locale.ROOT));
        if (plain) {
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
            out.append(e.getValue() instanceof Map<?, ?> nested ? flow(cast(nested)) : scalar(e.getValue(), true));
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
        boolean simple = fields.values().stream().noneMatch(v -> v instanceof List<?> || v instanceof Literal);
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
            } else if (e.getValue() instanceof Literal literal) {
                out.append(fieldPad).append(e.getKey()).append(": |\n");
                for (String line : literal.text().split("\n", -1)) {
                    out.append(line.isEmpty() ? "" : fieldPad + "  " + line).append('\n');
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
