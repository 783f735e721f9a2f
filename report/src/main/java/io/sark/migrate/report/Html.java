package io.sark.migrate.report;

/** Text made safe for HTML and for an element's id. */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    /** A table's name as an id's tail: letters, digits, {@code _ - .} kept, anything else as {@code -xx-} (its code). */
    static String anchor(String name) {
        StringBuilder out = new StringBuilder();
        for (char ch : ErDiagram.display(name).toCharArray()) {
            if (ch < 128 && (Character.isLetterOrDigit(ch) || ch == '_' || ch == '.')) {
                out.append(ch);
            } else {
                out.append('-').append(Integer.toHexString(ch)).append('-');
            }
        }
        return out.toString();
    }
}
