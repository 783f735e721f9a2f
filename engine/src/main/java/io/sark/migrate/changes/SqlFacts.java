package io.sark.migrate.changes;

import io.sark.migrate.changes.Fact.Flag;
import io.sark.migrate.schema.Identifiers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** The columns {@code sql} defines: those of each CREATE TABLE's column list, and each ALTER TABLE … ADD COLUMN. */
    public static List<DefinedColumn> columnsDefined(String sql) {
        List<DefinedColumn> columns = new ArrayList<>();
        for (List<String> statement : SqlStatements.of(sql)) {
            SqlCursor c = new SqlCursor(statement);
            if (!c.accept("create")) {
                if (c.accept("alter") && c.accept("table")) {
                    c.acceptAll("if", "exists");
                    c.accept("only");
                    String table = c.name();
                    for (SqlCursor action : c.actions()) {
                        if (action.accept("add") && !CONSTRAINT_WORDS.contains(action.peekWord())) {
                            action.accept("column");
                            action.acceptAll("if", "not", "exists");
                            String column = action.name();
                            boolean primaryKey = (" " + action.rest() + " ").contains(" primary key ");
                            columns.add(new DefinedColumn(table, column, action.columnDefinition(), primaryKey));
                        }
                    }
                }
                continue;
            }
            c.acceptAny("unlogged", "temporary", "temp", "global", "local");
            if (c.accept("table")) {
                c.acceptAll("if", "not", "exists");
                String table = c.name();
                columns.addAll(c.columnsOfTable(table));
            }
        }
        return columns;
    }

    /** The functions an expression calls, lower-cased ({@code nextval('s')}: {@code nextval}). */
    public static Set<String> functionsCalled(String expression) {
        Set<String> functions = new TreeSet<>();
        if (expression != null && !expression.isBlank()) {
            new SqlCursor(SqlStatements.tokens(expression)).calls().forEach(call -> functions.add(call.get(0)));
        }
        return functions;
    }

    /**
     * The first line of a block that turns a TimescaleDB hypertable back into a plain table, naming it: the block's own
     * statements are built at run time (EXECUTE), so this line says what it does.
     */
    public static final String PLAIN_TABLE_MARKER = "-- sark-migrate plain table ";

    /**
     * The first line of an enum value's removal by replacing its type ({@code -- sark-migrate remove enum value 'ok'
     * from mood: ...}): its statements are built at run time, so this line says what it does.
     */
    public static final String ENUM_VALUE_REMOVAL_MARKER = "-- sark-migrate remove enum value ";

    /** The line that says a conversion copies a table with rows into a new hypertable beside it (its copy is built at run time). */
    public static final String COPY_BESIDE_MARKER = "-- a table with rows is copied into a new hypertable beside it";

    /** The facts of every statement in {@code sql}. */
    public static List<Fact> of(String sql) {
        List<Fact> facts = new ArrayList<>();
        if (sql != null && sql.startsWith(PLAIN_TABLE_MARKER)) {
            String rest = sql.substring(PLAIN_TABLE_MARKER.length());
            facts.add(Fact.of(Operation.CONVERT_TO_PLAIN_TABLE, rest.substring(0, Math.max(0, rest.indexOf(':'))).strip(), null));
        }
        if (sql != null && sql.startsWith(ENUM_VALUE_REMOVAL_MARKER)) {
            Matcher m = Pattern.compile("'((?:[^']|'')*)' from ([^:\\n]+):")
                    .matcher(sql.substring(ENUM_VALUE_REMOVAL_MARKER.length()));
            if (m.lookingAt()) {
                facts.add(Fact.of(Operation.REPLACE_ENUM_TYPE, null, m.group(2).strip(), m.group(1).replace("''", "'")));
            }
        }
        // A conversion that reads the table's unique indexes (pg_index.indisunique) first checks at run time that it may run.
        boolean guarded = sql != null && SqlStatements.tokens(sql).stream()
                .map(Identifiers::fromSql).anyMatch(t -> t.equals("indisunique") || t.endsWith(".indisunique"));
        boolean beside = sql != null && sql.contains(COPY_BESIDE_MARKER);
        for (List<String> statement : SqlStatements.of(sql)) {
            for (Fact fact : ofStatement(new SqlCursor(statement))) {
                if (fact.operation() == Operation.CONVERT_TO_HYPERTABLE && (guarded || beside)) {
                    Set<Flag> flags = EnumSet.noneOf(Flag.class);
                    flags.addAll(fact.flags());
                    if (guarded) {
                        flags.add(Flag.GUARDED);
                    }
                    if (beside) {
                        flags.add(Flag.COPIES_BESIDE);
                    }
                    fact = fact.withFlags(flags);
                }
                facts.add(fact);
            }
        }
        return facts;
    }

    private static List<Fact> ofStatement(SqlCursor c) {
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
                String table = Fact.fold(c.name());
                yield List.of("pg_enum".equals(table) || "pg_catalog.pg_enum".equals(table)
                        ? Fact.of(Operation.DROP_ENUM_VALUE, null, null) : Fact.of(Operation.WRITE_ROWS, table, null));
            }
            case "truncate" -> {
                c.accept("table");
                c.accept("only");
                List<Fact> facts = new ArrayList<>();
                List<String> tables = c.names();
                // TRUNCATE … CASCADE empties every table that references these too: the detail says so
                String cascade = c.rest().contains("cascade") ? "cascade" : null;
                for (String table : tables) {
                    facts.add(Fact.of(Operation.TRUNCATE, table, null, cascade));
                }
                yield facts;
            }
            case "begin", "start", "commit", "end", "rollback", "abort" -> {
                String word = switch (head) {
                    case "begin", "start" -> "begin";
                    case "commit", "end" -> "commit";
                    default -> "rollback";
                };
                // ROLLBACK TO SAVEPOINT ends no transaction
                yield c.peekIs("to") ? List.of(Fact.of(Operation.OTHER, null, head)) : List.of(Fact.of(Operation.TRANSACTION_CONTROL, null, word));
            }
            case "set" -> set(c);
            case "lock" -> lock(c);
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

    private static List<Fact> create(SqlCursor c) {
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
                if (c.accept("using")) {
                    c.word();
                }
                // the columns it indexes, those named plainly (an expression names none)
                List<String> keys = c.parenthesized();
                List<String> columns = keys == null ? List.of() : indexedColumns(keys);
                Operation op = concurrently ? Operation.CREATE_INDEX_CONCURRENTLY : Operation.CREATE_INDEX;
                return List.of(unique ? Fact.keyed(op, table, name, columns, Flag.UNIQUE) : Fact.keyed(op, table, name, columns));
            }
            case "table" -> {
                c.acceptAll("if", "not", "exists");
                String table = c.name();
                // its primary key's columns, as declared in its column list
                return List.of(Fact.keyed(Operation.CREATE_TABLE, table, null, c.primaryKeyOfColumns()));
            }
            case "type" -> {
                return List.of(Fact.of(Operation.CREATE_TYPE, null, c.name()));
            }
            case "sequence" -> {
                c.acceptAll("if", "not", "exists");
                return List.of(Fact.of(Operation.CREATE_SEQUENCE, null, c.name()));
            }
            case "domain" -> {
                String name = c.name();
                boolean constrained = c.rest().matches("(.*\\s)?(check|not null)(\\s.*|\\(.*)?");
                return List.of(Fact.of(Operation.CREATE_DOMAIN, null, name, constrained ? "check" : null));
            }
            case "trigger", "constraint" -> {
                if (what.equals("constraint") && !c.accept("trigger")) {
                    return List.of(Fact.of(Operation.OTHER, null, "create constraint"));
                }
                String name = c.name();
                while (!c.peekIs("on") && !c.peekWord().isEmpty()) {
                    c.word(); // BEFORE INSERT OR UPDATE OF a, b
                }
                c.accept("on");
                return List.of(Fact.of(Operation.CREATE_TRIGGER, c.name(), name));
            }
            default -> {
                return List.of(Fact.of(Operation.OTHER, null, "create " + what));
            }
        }
    }

    private static List<Fact> drop(SqlCursor c) {
        String what = c.word();
        if (what.equals("trigger")) {
            c.acceptAll("if", "exists");
            String name = c.name();
            c.accept("on");
            return List.of(Fact.of(Operation.DROP_TRIGGER, c.name(), name));
        }
        if (what.equals("materialized") && c.accept("view")) {
            what = "materialized view";
        }
        boolean concurrently = c.accept("concurrently");
        c.acceptAll("if", "exists");
        if (what.equals("database")) {
            return List.of(Fact.of(Operation.DROP_DATABASE, null, c.name()));
        }
        Operation op = switch (what) {
            case "table" -> Operation.DROP_TABLE;
            case "materialized view" -> Operation.DROP_MATERIALIZED_VIEW;
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
            facts.add(op == Operation.DROP_TABLE || op == Operation.DROP_MATERIALIZED_VIEW ? Fact.of(op, name, null) : Fact.of(op, null, name));
        }
        return facts;
    }

    private static List<Fact> alter(SqlCursor c) {
        String what = c.word();
        switch (what) {
            case "table" -> {
                c.acceptAll("if", "exists");
                c.accept("only");
                String table = c.name();
                List<Fact> facts = new ArrayList<>();
                for (SqlCursor action : c.actions()) {
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
            case "domain" -> {
                String domain = c.name();
                if (c.accept("add")) {
                    boolean notValid = c.rest().endsWith("not valid");
                    return List.of(notValid ? Fact.of(Operation.ADD_DOMAIN_CONSTRAINT, null, domain, null, Flag.NOT_VALID)
                            : Fact.of(Operation.ADD_DOMAIN_CONSTRAINT, null, domain));
                }
                if (c.acceptAll("set", "not", "null")) {
                    return List.of(Fact.of(Operation.ADD_DOMAIN_CONSTRAINT, null, domain));
                }
                return List.of(Fact.of(Operation.OTHER, null, "alter domain"));
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

    private static List<Fact> alterTableAction(String table, SqlCursor c) {
        String verb = c.word();
        switch (verb) {
            case "add" -> {
                if (CONSTRAINT_WORDS.contains(c.peekWord())) {
                    return List.of(addConstraint(table, c));
                }
                c.accept("column");
                c.acceptAll("if", "not", "exists");
                String column = c.name();
                return List.of(Fact.addColumn(table, column, c.columnDefinition()));
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
                    return List.of(Fact.of(Operation.ALTER_COLUMN_TYPE, table, column, c.restAsWritten()));
                }
                if (c.acceptAll("set", "not", "null")) {
                    return List.of(Fact.of(Operation.SET_NOT_NULL, table, column));
                }
                if (c.acceptAll("drop", "not", "null")) {
                    return List.of(Fact.of(Operation.DROP_NOT_NULL, table, column));
                }
                if (c.acceptAll("set", "default")) {
                    return List.of(Fact.of(Operation.SET_DEFAULT, table, column, c.restAsWritten()));
                }
                if (c.acceptAll("drop", "default")) {
                    return List.of(Fact.of(Operation.DROP_DEFAULT, table, column));
                }
                if (c.peekIs("add") || c.peekIs("drop") && c.rest().startsWith("drop identity") || c.peekIs("set") && c.rest().contains("generated")) {
                    // detail: "add", "drop" or "set"
                    return List.of(Fact.of(Operation.ALTER_IDENTITY, table, column, c.peekWord()));
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

    private static Fact addConstraint(String table, SqlCursor c) {
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
        if (op == Operation.ADD_UNIQUE || op == Operation.ADD_PRIMARY_KEY) {
            c.accept("key");
            if (c.acceptAll("using", "index")) {
                return Fact.keyed(op, table, name, List.of(), Flag.USING_INDEX);
            }
            c.acceptAll("nulls", "not", "distinct");
            List<String> written = c.parenthesized();
            List<String> columns = written == null ? List.of() : written.stream().map(Fact::fold).toList();
            return notValid ? Fact.keyed(op, table, name, columns, Flag.NOT_VALID) : Fact.keyed(op, table, name, columns);
        }
        // a check's detail: its expression as written, "(qty IS NOT NULL)"
        String detail = op == Operation.ADD_CHECK ? c.restAsWritten().replaceFirst("(?i)\\s*not\\s+valid\\s*$", "") : null;
        if (op == Operation.ADD_FOREIGN_KEY) {
            c.skipTo("references");
            detail = c.name();
        }
        return notValid ? Fact.of(op, table, name, detail, Flag.NOT_VALID) : Fact.of(op, table, name, detail);
    }

    /**
     * LOCK [TABLE] [ONLY] name [*] [, …] [IN mode MODE] [NOWAIT]: one fact per table, its detail the mode
     * ({@link LockLevel#name()}), ACCESS EXCLUSIVE where none is written.
     */
    private static List<Fact> lock(SqlCursor c) {
        c.accept("table");
        List<String> tables = new ArrayList<>();
        while (!c.peekWord().isEmpty() && !c.peekIs("in") && !c.peekIs("nowait")) {
            String t = c.word();
            if (!t.equals(",") && !t.equals("only") && !t.equals("*")) {
                tables.add(c.lastAsWritten());
            }
        }
        LockLevel mode = LockLevel.ACCESS_EXCLUSIVE;
        if (c.accept("in")) {
            String words = c.rest().replaceFirst("\\s*mode(\\s+nowait)?$", "");
            String name = words.strip().replace(' ', '_').toUpperCase(Locale.ROOT);
            mode = Arrays.stream(LockLevel.values()).filter(l -> l.name().equals(name) && l != LockLevel.NONE)
                    .findFirst().orElse(LockLevel.ACCESS_EXCLUSIVE); // a mode it does not know: the strongest is assumed
        }
        List<Fact> facts = new ArrayList<>();
        for (String table : tables) {
            facts.add(Fact.of(Operation.LOCK_TABLE, table, null, mode.name()));
        }
        return facts;
    }

    /** The plain column names of an index's key items ({@code a DESC}, {@code "B" NULLS LAST}, {@code lower(c)}): a and B. */
    static List<String> indexedColumns(List<String> keys) {
        List<String> columns = new ArrayList<>();
        for (String key : keys) {
            String first = key.strip().split("\\s+")[0];
            if (first.matches("\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*")) {
                columns.add(Identifiers.fromSql(first));
            }
        }
        return columns;
    }

    private static List<Fact> set(SqlCursor c) {
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
    private static List<Fact> calls(SqlCursor c) {
        List<Fact> facts = new ArrayList<>();
        for (List<String> call : c.calls()) {
            String bare = call.get(0);
            String first = call.size() > 1 ? call.get(1) : null;
            String second = call.size() > 2 ? call.get(2) : null;
            if (bare.equals("create_hypertable")) {
                boolean copies = call.stream().skip(1).anyMatch(argument -> argument.matches("(?is)migrate_data\\s*=\\s*>\\s*true"));
                facts.add(copies ? Fact.of(Operation.CONVERT_TO_HYPERTABLE, first, second, null, Flag.COPIES_ROWS)
                        : Fact.of(Operation.CONVERT_TO_HYPERTABLE, first, second));
            } else if (POLICIES.contains(bare)) {
                // An add_ call's second argument is its window (drop_after, compress_after), as written.
                facts.add(bare.startsWith("add_") && second != null ? Fact.of(Operation.TIMESCALE_POLICY, first, bare, second)
                        : Fact.of(Operation.TIMESCALE_POLICY, first, bare));
            } else if (bare.equals("set_config") && first != null) {
                boolean local = call.size() > 3 && call.get(3).equals("true");
                facts.add(local ? Fact.of(Operation.SET_SETTING, null, first, second, Flag.LOCAL) : Fact.of(Operation.SET_SETTING, null, first, second));
            } else if (!bare.isEmpty()) {
                facts.add(Fact.of(Operation.CALL, null, bare));
            }
        }
        return facts;
    }
}
