package io.sark.migrate.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A read position in one statement's tokens. Words compare without case; names come back as written (quotes kept). */
final class SqlCursor {

    /** Words that end a column's type, or its default expression, in a column definition. */
    private static final Set<String> COLUMN_CONSTRAINT = Set.of("not", "null", "default", "constraint", "primary", "unique",
            "references", "check", "generated", "collate");

    private final List<String> tokens;
    private int at;

    SqlCursor(List<String> tokens) {
        this.tokens = tokens;
    }

    private String peek() {
        return at < tokens.size() ? tokens.get(at) : "";
    }

    String peekWord() {
        return peek().toLowerCase(Locale.ROOT);
    }

    boolean peekIs(String word) {
        return peekWord().equals(word);
    }

    String word() {
        String w = peekWord();
        at = Math.min(at + 1, tokens.size());
        return w;
    }

    /** The token {@link #word} last moved past, as written (quotes kept). */
    String lastAsWritten() {
        return tokens.get(at - 1);
    }

    boolean accept(String word) {
        if (peekIs(word)) {
            at++;
            return true;
        }
        return false;
    }

    void acceptAny(String... words) {
        boolean moved = true;
        while (moved) {
            moved = false;
            for (String w : words) {
                moved |= accept(w);
            }
        }
    }

    /** Accepts the words in order, or none of them. */
    boolean acceptAll(String... words) {
        int start = at;
        for (String w : words) {
            if (!accept(w)) {
                at = start;
                return false;
            }
        }
        return true;
    }

    /** A (possibly qualified) name; a string literal's value is taken for one (as create_hypertable's arguments are). */
    String name() {
        String t = peek();
        if (t.isEmpty() || t.equals("(") || t.equals(",")) {
            return null;
        }
        at++;
        return SqlStatements.isString(t) ? SqlStatements.unquoteString(t) : t;
    }

    String stringValue() {
        String t = peek();
        return SqlStatements.isString(t) ? SqlStatements.unquoteString(tokens.get(at++)) : null;
    }

    /** Comma-separated names up to CASCADE / RESTRICT or the end. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        while (at < tokens.size()) {
            String t = peekWord();
            if (t.equals("cascade") || t.equals("restrict")) {
                break;
            }
            if (!t.equals(",")) {
                names.add(tokens.get(at));
            }
            at++;
        }
        return names;
    }

    /** The rest of the statement, lower-cased and joined by spaces (for telling its words apart). */
    String rest() {
        return String.join(" ", tokens.subList(at, tokens.size())).toLowerCase(Locale.ROOT);
    }

    /** The rest of the statement as written ({@link #join}): a type or an expression, for messages. */
    String restAsWritten() {
        return join(tokens.subList(at, tokens.size()));
    }

    /** The names in the parentheses that come next ({@code (a, "B")}), or null when none come. */
    List<String> parenthesized() {
        if (!accept("(")) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (SqlCursor item : new SqlCursor(tokens.subList(at, closing(at - 1))).actions()) {
            names.add(item.restAsWritten());
        }
        at = Math.min(closing(at - 1) + 1, tokens.size());
        return names;
    }

    /**
     * The primary key a CREATE TABLE's column list declares, as a column's PRIMARY KEY or a PRIMARY KEY (…) of the
     * table ("id", or "a, b"), or null: read from the opening parenthesis on.
     */
    List<String> primaryKeyOfColumns() {
        if (!peek().equals("(")) {
            return List.of();
        }
        for (SqlCursor element : new SqlCursor(tokens.subList(at + 1, closing(at))).actions()) {
            if (element.accept("constraint")) {
                element.name();
            }
            if (element.acceptAll("primary", "key")) {
                List<String> columns = element.parenthesized();
                return columns == null ? List.of() : columns.stream().map(Fact::fold).toList();
            }
            String column = element.name();
            while (element.at < element.tokens.size()) {
                if (element.acceptAll("primary", "key")) {
                    return column == null ? List.of() : List.of(Fact.fold(column));
                }
                element.at++;
            }
        }
        return List.of();
    }

    /** The columns a CREATE TABLE's column list defines (read from the opening parenthesis on), constraints of the table skipped. */
    List<DefinedColumn> columnsOfTable(String table) {
        List<DefinedColumn> columns = new ArrayList<>();
        if (!peek().equals("(")) {
            return columns;
        }
        List<String> key = primaryKeyOfColumns();
        for (SqlCursor element : new SqlCursor(tokens.subList(at + 1, closing(at))).actions()) {
            if (Set.of("constraint", "primary", "unique", "foreign", "check", "exclude", "like").contains(element.peekWord())) {
                continue;
            }
            String column = element.name();
            if (column != null) {
                columns.add(new DefinedColumn(table, column, element.columnDefinition(), key.contains(Fact.fold(column))));
            }
        }
        return columns;
    }

    void skipTo(String word) {
        while (at < tokens.size() && !peekIs(word)) {
            at++;
        }
        accept(word);
    }

    /** ALTER TABLE's actions: the rest split on commas outside parentheses. */
    List<SqlCursor> actions() {
        List<SqlCursor> actions = new ArrayList<>();
        int depth = 0;
        int start = at;
        for (int i = at; i <= tokens.size(); i++) {
            String t = i < tokens.size() ? tokens.get(i) : ",";
            if (t.equals("(")) {
                depth++;
            } else if (t.equals(")")) {
                depth--;
            } else if (t.equals(",") && depth == 0) {
                if (i > start) {
                    actions.add(new SqlCursor(tokens.subList(start, i)));
                }
                start = i + 1;
            }
        }
        at = tokens.size();
        return actions;
    }

    /** {@code (a, b = 'x')} as {name, value-or-"true"} pairs. */
    List<String[]> options() {
        List<String[]> options = new ArrayList<>();
        accept("(");
        for (SqlCursor option : new SqlCursor(tokens.subList(at, closing(at - 1))).actions()) {
            String key = option.word();
            String value = option.accept("=") ? option.name() : "true";
            options.add(new String[] {key, value == null ? null : value.toLowerCase(Locale.ROOT)});
        }
        at = tokens.size();
        return options;
    }

    /**
     * Each function call in the rest, as {name, literal arguments…}: the name lower-cased without its schema, an
     * argument that is not a string literal as written.
     */
    List<List<String>> calls() {
        List<List<String>> calls = new ArrayList<>();
        for (int i = at; i + 1 < tokens.size(); i++) {
            String t = tokens.get(i);
            if (tokens.get(i + 1).equals("(") && Character.isLetter(t.charAt(0))) {
                List<String> call = new ArrayList<>();
                call.add(t.substring(t.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
                for (SqlCursor argument : new SqlCursor(tokens.subList(i + 2, closing(i + 1))).actions()) {
                    String first = argument.peek();
                    call.add(SqlStatements.isString(first) ? SqlStatements.unquoteString(first) : argument.rest());
                }
                calls.add(call);
            }
        }
        at = tokens.size();
        return calls;
    }

    private int closing(int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).equals("(")) {
                depth++;
            } else if (tokens.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    /** The rest as a column definition: its type, then NOT NULL / PRIMARY KEY and DEFAULT among its constraints. */
    ColumnDefinition columnDefinition() {
        String type = join(untilColumnConstraint());
        boolean notNull = false;
        boolean identity = false;
        String defaultValue = null;
        while (at < tokens.size()) {
            if (acceptAll("not", "null") || acceptAll("primary", "key")) {
                notNull = true;
            } else if (accept("default")) {
                defaultValue = join(untilColumnConstraint());
            } else if (accept("generated")) {
                identity = rest().matches("(always|by default) as identity.*");
            } else {
                at++;
            }
        }
        return new ColumnDefinition(type, defaultValue, notNull, identity || ColumnDefinition.generatedBy(type, defaultValue));
    }

    /** The tokens up to the next column constraint word outside parentheses. */
    private List<String> untilColumnConstraint() {
        List<String> read = new ArrayList<>();
        int depth = 0;
        while (at < tokens.size() && (depth > 0 || !COLUMN_CONSTRAINT.contains(peekWord()))) {
            depth += peek().equals("(") ? 1 : peek().equals(")") ? -1 : 0;
            read.add(tokens.get(at++));
        }
        return read;
    }

    /** Tokens as SQL is usually written: no space inside parentheses, before a comma, or around {@code ::}. */
    static String join(List<String> tokens) {
        StringBuilder out = new StringBuilder();
        String previous = "";
        for (String token : tokens) {
            boolean tight = out.isEmpty() || token.equals(")") || token.equals(",") || previous.equals("(") || previous.equals(":")
                    || token.equals(":") || token.equals("(") && !previous.equals(",") && !SqlStatements.isString(previous);
            if (!tight) {
                out.append(' ');
            }
            out.append(token);
            previous = token;
        }
        return out.toString();
    }
}
