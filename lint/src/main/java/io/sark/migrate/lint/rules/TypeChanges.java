package io.sark.migrate.lint.rules;

import io.sark.migrate.changes.Fact;
import io.sark.migrate.changes.Operation;
import io.sark.migrate.lint.ChangeSetContext;
import io.sark.migrate.schema.SqlTypes;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a type change does, read from the change and its rollback (which names the type before). */
final class TypeChanges {

    private static final Pattern LENGTH = Pattern.compile("character varying\\((\\d+)\\)");
    private static final Map<String, Integer> INTEGER_WIDTH = Map.of("smallint", 2, "integer", 4, "bigint", 8);

    private TypeChanges() {
    }

    /** The column's type before the change, from the changeset's rollback, or null when the rollback does not say. */
    static String previousType(ChangeSetContext context, Fact forward) {
        for (Fact back : context.rollbackFacts()) {
            if (back.operation() == Operation.ALTER_COLUMN_TYPE && forward.name() != null && forward.name().equals(back.name())
                    && forward.table() != null && forward.table().equals(back.table())) {
                return newType(back);
            }
        }
        return null;
    }

    /** The type a type change sets, without its USING clause. */
    static String newType(Fact change) {
        String type = change.detail() == null ? "" : change.detail();
        int using = type.toLowerCase(Locale.ROOT).indexOf(" using ");
        return (using < 0 ? type : type.substring(0, using)).strip();
    }

    static boolean narrows(String from, String to) {
        String a = SqlTypes.normalize(from);
        String b = SqlTypes.normalize(to);
        Integer lengthA = length(a);
        Integer lengthB = length(b);
        if (a.equals("text") && lengthB != null) {
            return true;
        }
        if (lengthA != null && lengthB != null) {
            return lengthB < lengthA;
        }
        if (INTEGER_WIDTH.containsKey(a) && INTEGER_WIDTH.containsKey(b)) {
            return INTEGER_WIDTH.get(b) < INTEGER_WIDTH.get(a);
        }
        return false;
    }

    /** Whether PostgreSQL changes the type without rewriting the table: a longer varchar, varchar to text. */
    static boolean rewrites(String from, String to) {
        String a = SqlTypes.normalize(from);
        String b = SqlTypes.normalize(to);
        Integer lengthA = length(a);
        if ((a.startsWith("character varying") && b.equals("character varying")) || (a.startsWith("character varying") && b.equals("text"))) {
            return false;
        }
        if (lengthA != null && length(b) != null) {
            return length(b) < lengthA;
        }
        return !a.equals(b);
    }

    private static Integer length(String type) {
        Matcher m = LENGTH.matcher(type);
        return m.matches() ? Integer.valueOf(m.group(1)) : null;
    }
}
