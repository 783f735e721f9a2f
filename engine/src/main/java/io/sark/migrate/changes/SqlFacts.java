package io.sark.migrate.changes;

import io.sark.migrate.changes.Fact.Flag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a SQL statement does, read from the head of its tokens as PostgreSQL's grammar has it (the statement's
 * command, then for ALTER TABLE each of its comma-separated actions). A statement it does not know is
 * {@link Operation#OTHER}, and an ALTER TABLE action it does not know is {@link Operation#ALTER_TABLE}: the strongest
 * lock is assumed rather than none.
 */
public final class SqlFacts {

    private static final Set<String> CONSTRAINT_WORDS = Set.of("constraint", "primary", "unique", "foreign", "check", "exclude");
    private static final Set<String> POLICIES = Set.of("add_retention_policy", "remove_retention_policy", "add_compression_policy",
            "remove_compression_policy", "add_reorder_policy", "remove_reorder_policy", "add_continuous_aggregate_policy",
            "set_chunk_time_interval");

    private SqlFacts() {
    }

    /** The facts of every statement in {@code sql}. */
    public static List<Fact> of(String sql) {
        List<Fact> facts = new ArrayList<>();
        boolean guarded = sql != null && sql.toLowerCase(Locale.ROOT).contains("indisunique");
        for (List<String> statement : SqlStatements.of(sql)) {
            for (Fact fact : ofStatement(new Cursor(statement))) {
                facts.add(guarded && fact.operation() == Operation.CONVERT_TO_HYPERTABLE
                        ? new Fact(fact.operation(), fact.table(), fact.name(), fact.detail(), Set.of(Flag.GUARDED)) : fact);
            }
        }
        return facts;
    }

    private static List<Fact> ofStatement(Cursor c) {
        String head = c.word();
        return switch (head) {
            case "create" -> create(c);
            case "drop" -> drop(c);
            case "alter" -> alter(c);
            case "insert" -> {
                c.accept("into");
                yield List.of(Fact.of(Operation.WRITE_ROWS, c.name(), null));
            }
            case "update" -> {
                c.accept("only");
                yield List.of(Fact.of(Operation.WRITE_ROWS, c.name(), null));
            }
            case "delete" -> {
                c.accept("from");
                c.accept("only");
                String table = c.name();
                yield List.of("pg_enum".equals(table) || "pg_catalog.pg_enum".equals(table)
                        ? Fact.of(Operation.DROP_ENUM_VALUE, null, null) : Fact.of(Operation.WRITE_ROWS, table, null));
            }
            case "truncate" -> {
                c.accept("table");
                c.accept("only");
                List<Fact> facts = new ArrayList<>();
                for (String table : c.names()) {
                    facts.add(Fact.of(Operation.TRUNCATE, table, null));
                }
                yield facts;
            }
            case "set" -> set(c);
            case "reset" -> List.of(Fact.of(Operation.RESET_SETTING, null, c.word()));
            case "select" -> calls(c);
            case "comment" -> {
                c.accept("on");
                String kind = c.word();
                String target = c.name();
                String table = kind.equals("column") && target != null && target.contains(".")
                        ? target.substring(0, target.lastIndexOf('.')) : kind.equals("table") ? target : null;
                yield List.of(Fact.of(Operation.COMMENT, table, target));
            }
            default -> List.of(Fact.of(Operation.OTHER, null, head));
        };
    }

    private static List<Fact> create(Cursor c) {
        boolean unique = c.accept("unique");
        c.acceptAny("or", "replace", "unlogged", "temporary", "temp", "global", "local", "materialized");
        String what = c.word();
        switch (what) {
            case "index" -> {
                boolean concurrently = c.accept("concurrently");
                c.acceptAll("if", "not", "exists");
                String name = c.peekIs("on") ? null : c.name();
                c.accept("on");
                c.accept("only");
                String table = c.name();
                Operation op = concurrently ? Operation.CREATE_INDEX_CONCURRENTLY : Operation.CREATE_INDEX;
                return List.of(unique ? Fact.of(op, table, name, null, Flag.UNIQUE) : Fact.of(op, table, name));
            }
            case "table" -> {
                c.acceptAll("if", "not", "exists");
                return List.of(Fact.of(Operation.CREATE_TABLE, c.name(), null));
            }
            case "type" -> {
                return List.of(Fact.of(Operation.CREATE_TYPE, null, c.name()));
            }
            case "sequence" -> {
                c.acceptAll("if", "not", "exists");
                return List.of(Fact.of(Operation.CREATE_SEQUENCE, null, c.name()));
            }
            default -> {
                return List.of(Fact.of(Operation.OTHER, null, "create " + what));
            }
        }
    }

    private static List<Fact> drop(Cursor c) {
        String what = c.word();
        boolean concurrently = c.accept("concurrently");
        c.acceptAll("if", "exists");
        Operation op = switch (what) {
            case "table" -> Operation.DROP_TABLE;
            case "index" -> concurrently ? Operation.DROP_INDEX_CONCURRENTLY : Operation.DROP_INDEX;
            case "type" -> Operation.DROP_TYPE;
            case "sequence" -> Operation.DROP_SEQUENCE;
            default -> null;
        };
        if (op == null) {
            return List.of(Fact.of(Operation.OTHER, null, "drop " + what));
        }
        List<Fact> facts = new ArrayList<>();
        for (String name : c.names()) {
            facts.add(op == Operation.DROP_TABLE ? Fact.of(op, name, null) : Fact.of(op, null, name));
        }
        return facts;
    }

    private static List<Fact> alter(Cursor c) {
        String what = c.word();
        switch (what) {
            case "table" -> {
                c.acceptAll("if", "exists");
                c.accept("only");
                String table = c.name();
                List<Fact> facts = new ArrayList<>();
                for (Cursor action : c.actions()) {
                    facts.addAll(alterTableAction(table, action));
                }
                return facts;
            }
            case "type" -> {
                String type = c.name();
                if (c.acceptAll("add", "value")) {
                    c.acceptAll("if", "not", "exists");
                    return List.of(Fact.of(Operation.ADD_ENUM_VALUE, null, type, c.stringValue()));
                }
                if (c.acceptAll("drop", "value")) {
                    return List.of(Fact.of(Operation.DROP_ENUM_VALUE, null, type, c.stringValue()));
                }
                return List.of(Fact.of(Operation.ALTER_TYPE, null, type));
            }
            case "sequence" -> {
                c.acceptAll("if", "exists");
                return List.of(Fact.of(Operation.ALTER_SEQUENCE, null, c.name()));
            }
            case "index" -> {
                c.acceptAll("if", "exists");
                String index = c.name();
                return List.of(c.acceptAll("rename", "to") ? Fact.of(Operation.RENAME_INDEX, null, index, c.name()) : Fact.of(Operation.OTHER, null, "alter index"));
            }
            default -> {
                return List.of(Fact.of(Operation.OTHER, null, "alter " + what));
            }
        }
    }

    private static List<Fact> alterTableAction(String table, Cursor c) {
        String verb = c.word();
        switch (verb) {
            case "add" -> {
                if (CONSTRAINT_WORDS.contains(c.peekWord())) {
                    return List.of(addConstraint(table, c));
                }
                c.accept("column");
                c.acceptAll("if", "not", "exists");
                return List.of(Fact.of(Operation.ADD_COLUMN, table, c.name()));
            }
            case "drop" -> {
                if (c.accept("constraint")) {
                    c.acceptAll("if", "exists");
                    return List.of(Fact.of(Operation.DROP_CONSTRAINT, table, c.name()));
                }
                c.accept("column");
                c.acceptAll("if", "exists");
                return List.of(Fact.of(Operation.DROP_COLUMN, table, c.name()));
            }
            case "alter" -> {
                c.accept("column");
                String column = c.name();
                if (c.accept("type") || c.acceptAll("set", "data", "type")) {
                    return List.of(Fact.of(Operation.ALTER_COLUMN_TYPE, table, column, c.rest()));
                }
                if (c.acceptAll("set", "not", "null")) {
                    return List.of(Fact.of(Operation.SET_NOT_NULL, table, column));
                }
                if (c.acceptAll("drop", "not", "null")) {
                    return List.of(Fact.of(Operation.DROP_NOT_NULL, table, column));
                }
                if (c.acceptAll("set", "default")) {
                    return List.of(Fact.of(Operation.SET_DEFAULT, table, column, c.rest()));
                }
                if (c.acceptAll("drop", "default")) {
                    return List.of(Fact.of(Operation.DROP_DEFAULT, table, column));
                }
                if (c.peekIs("add") || c.peekIs("drop") && c.rest().startsWith("drop identity") || c.peekIs("set") && c.rest().contains("generated")) {
                    return List.of(Fact.of(Operation.ALTER_IDENTITY, table, column));
                }
                return List.of(Fact.of(Operation.ALTER_TABLE, table, column, c.rest()));
            }
            case "rename" -> {
                if (c.accept("constraint")) {
                    String from = c.name();
                    c.accept("to");
                    return List.of(Fact.of(Operation.RENAME_CONSTRAINT, table, from, c.name()));
                }
                if (c.accept("to")) {
                    return List.of(Fact.of(Operation.RENAME_TABLE, table, null, c.name()));
                }
                c.accept("column");
                String from = c.name();
                c.accept("to");
                return List.of(Fact.of(Operation.RENAME_COLUMN, table, from, c.name()));
            }
            case "validate" -> {
                c.accept("constraint");
                return List.of(Fact.of(Operation.VALIDATE_CONSTRAINT, table, c.name()));
            }
            case "set" -> {
                if (c.peekIs("(")) {
                    List<Fact> facts = new ArrayList<>();
                    for (String[] option : c.options()) {
                        facts.add(Fact.of(Operation.SET_TABLE_OPTION, table, option[0], option[1]));
                    }
                    return facts;
                }
                return List.of(Fact.of(Operation.ALTER_TABLE, table, null, "set " + c.rest()));
            }
            default -> {
                return List.of(Fact.of(Operation.ALTER_TABLE, table, null, verb + (c.rest().isEmpty() ? "" : " " + c.rest())));
            }
        }
    }

    private static Fact addConstraint(String table, Cursor c) {
        String name = c.accept("constraint") ? c.name() : null;
        String kind = c.word();
        boolean notValid = c.rest().endsWith("not valid");
        Operation op = switch (kind) {
            case "primary" -> Operation.ADD_PRIMARY_KEY;
            case "unique" -> Operation.ADD_UNIQUE;
            case "foreign" -> Operation.ADD_FOREIGN_KEY;
            case "check" -> Operation.ADD_CHECK;
            default -> Operation.ALTER_TABLE;
        };
        String detail = null;
        if (op == Operation.ADD_UNIQUE || op == Operation.ADD_PRIMARY_KEY) {
            c.accept("key");
            c.acceptAll("nulls", "not", "distinct");
            detail = c.accept("(") ? String.join(", ", c.names().stream().takeWhile(n -> !n.equals(")")).map(Fact::fold).toList()) : null;
        }
        if (op == Operation.ADD_FOREIGN_KEY) {
            c.skipTo("references");
            detail = c.name();
        }
        return notValid ? Fact.of(op, table, name, detail, Flag.NOT_VALID) : Fact.of(op, table, name, detail);
    }

    private static List<Fact> set(Cursor c) {
        boolean local = c.accept("local");
        c.accept("session");
        String name = c.word();
        if (!c.accept("=")) {
            c.accept("to");
        }
        String value = c.rest();
        return List.of(local ? Fact.of(Operation.SET_SETTING, null, name, value, Flag.LOCAL) : Fact.of(Operation.SET_SETTING, null, name, value));
    }

    /** The functions a SELECT (or PERFORM) calls that change something: TimescaleDB's, set_config. */
    private static List<Fact> calls(Cursor c) {
        List<Fact> facts = new ArrayList<>();
        for (List<String> call : c.calls()) {
            String function = call.get(0);
            String first = call.size() > 1 ? call.get(1) : null;
            String second = call.size() > 2 ? call.get(2) : null;
            String bare = function.contains(".") ? function.substring(function.lastIndexOf('.') + 1) : function;
            if (bare.equals("create_hypertable")) {
                facts.add(Fact.of(Operation.CONVERT_TO_HYPERTABLE, first, second));
            } else if (POLICIES.contains(bare)) {
                facts.add(Fact.of(Operation.TIMESCALE_POLICY, first, bare));
            } else if (bare.equals("set_config") && first != null) {
                boolean local = call.size() > 3 && call.get(3).equals("true");
                facts.add(local ? Fact.of(Operation.SET_SETTING, null, first, second, Flag.LOCAL) : Fact.of(Operation.SET_SETTING, null, first, second));
            } else if (!bare.isEmpty()) {
                facts.add(Fact.of(Operation.CALL, null, bare));
            }
        }
        return facts;
    }

    /** A read position in one statement's tokens. Words compare without case; names come back as written (quotes kept). */
    static final class Cursor {
        private final List<String> tokens;
        private int at;

        Cursor(List<String> tokens) {
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

        /** The rest of the statement, lower-cased and joined by spaces. */
        String rest() {
            return String.join(" ", tokens.subList(at, tokens.size())).toLowerCase(Locale.ROOT);
        }

        void skipTo(String word) {
            while (at < tokens.size() && !peekIs(word)) {
                at++;
            }
            accept(word);
        }

        /** ALTER TABLE's actions: the rest split on commas outside parentheses. */
        List<Cursor> actions() {
            List<Cursor> actions = new ArrayList<>();
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
                        actions.add(new Cursor(tokens.subList(start, i)));
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
            for (Cursor option : new Cursor(tokens.subList(at, closing(at - 1))).actions()) {
                String key = option.word();
                String value = option.accept("=") ? option.name() : "true";
                options.add(new String[] {key, value == null ? null : value.toLowerCase(Locale.ROOT)});
            }
            at = tokens.size();
            return options;
        }

        /** Each function call in the rest, as {name, literal arguments…} (an argument that is not a literal as written). */
        List<List<String>> calls() {
            List<List<String>> calls = new ArrayList<>();
            for (int i = at; i + 1 < tokens.size(); i++) {
                String t = tokens.get(i);
                if (tokens.get(i + 1).equals("(") && Character.isLetter(t.charAt(0))) {
                    List<String> call = new ArrayList<>();
                    call.add(t.toLowerCase(Locale.ROOT));
                    for (Cursor argument : new Cursor(tokens.subList(i + 2, closing(i + 1))).actions()) {
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
    }
}
