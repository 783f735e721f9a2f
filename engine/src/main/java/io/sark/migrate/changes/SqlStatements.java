package io.sark.migrate.changes;

import liquibase.util.SqlParser;
import liquibase.util.StringClauses;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Raw SQL as the statements it holds, each a list of tokens. The tokens are Liquibase's own SQL lexer's
 * ({@link SqlParser}, the one it splits a changeset's SQL with), so quoted identifiers, string literals and comments
 * are told apart from the words around them: {@code updated_at} is one word, not {@code update} and a table
 * {@code d_at}; a keyword inside a string or a comment is not read. The bodies of {@code DO} blocks are read as the
 * statements they run, and so is the string a PL/pgSQL {@code EXECUTE} runs.
 *
 * <p>Why a lexer and not a full PostgreSQL parser: none that fits was found on Maven Central. JSqlParser 5.3 refused
 * 12 of 37 statement forms this project writes or meets (CREATE INDEX CONCURRENTLY IF NOT EXISTS, NOT VALID, CREATE
 * TYPE … AS ENUM, DROP TYPE, DO blocks, SET LOCAL, ADD GENERATED … AS IDENTITY, ALTER SEQUENCE … OWNED BY, among
 * them) and returned two more (ALTER TYPE … ADD VALUE, ALTER INDEX … RENAME) as unsupported; there is no maintained
 * Java binding of libpg_query. What is read from the tokens is the head of each
 * statement, which is what decides what it does and the lock it takes ({@link SqlFacts}).
 */
public final class SqlStatements {

    /** PL/pgSQL words that open or close a block rather than run a statement. */
    private static final Set<String> BLOCK_WORDS = Set.of("begin", "end", "declare", "loop", "else", "exception");

    private static final Pattern DOLLAR_QUOTE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

    private SqlStatements() {
    }

    /** The statements of {@code sql}, each as its tokens; statements of DO blocks and EXECUTE strings in place of them. */
    public static List<List<String>> of(String sql) {
        List<List<String>> statements = new ArrayList<>();
        if (sql == null || sql.isBlank()) {
            return statements;
        }
        for (List<String> statement : split(tokens(sql))) {
            expand(statement, statements, 0);
        }
        return statements;
    }

    /**
     * The statements of {@code sql} as the text they are written in, comments and line breaks kept, each without its
     * closing {@code ;}: split where {@link #of} splits, so a function's body stays whole.
     */
    public static List<String> texts(String sql) {
        List<String> statements = new ArrayList<>();
        if (sql == null || sql.isBlank()) {
            return statements;
        }
        StringBuilder current = new StringBuilder();
        String dollar = null;
        for (Object token : SqlParser.parse(sql, true, true).toArray(true)) {
            String text = token.toString();
            if (isDollarQuote(text)) {
                dollar = dollar == null ? text : dollar.equals(text) ? null : dollar;
            }
            if (text.equals(";") && dollar == null) {
                addStatement(statements, current);
                current.setLength(0);
            } else {
                current.append(text);
            }
        }
        addStatement(statements, current);
        return statements;
    }

    /** Adds {@code text} unless it holds nothing but blanks and comments. */
    private static void addStatement(List<String> statements, StringBuilder text) {
        String statement = text.toString().strip();
        if (!tokens(statement).stream().allMatch(SqlStatements::isComment)) {
            statements.add(statement);
        }
    }

    /** The kinds of object no entity declares, which only hand-written SQL creates. */
    private static final Set<String> UNDECLARED_KINDS = Set.of("view", "function", "procedure", "trigger", "policy", "extension", "rule",
            "aggregate");

    /**
     * What {@code sql} creates that no entity declares, as "view active_users", "materialized view daily_usage",
     * "function touch", "trigger touch_users": the objects {@code check} leaves alone.
     */
    public static List<String> undeclaredObjectsCreated(String sql) {
        List<String> created = new ArrayList<>();
        for (List<String> statement : of(sql)) {
            List<String> words = statement.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
            int i = 0;
            if (words.isEmpty() || !words.get(i++).equals("create")) {
                continue;
            }
            if (i + 1 < words.size() && words.get(i).equals("or") && words.get(i + 1).equals("replace")) {
                i += 2;
            }
            while (i < words.size() && Set.of("temp", "temporary", "recursive", "constraint", "trusted", "procedural").contains(words.get(i))) {
                i++;
            }
            String kind = i < words.size() ? words.get(i) : "";
            if (kind.equals("materialized") && i + 1 < words.size() && words.get(i + 1).equals("view")) {
                kind = "materialized view";
                i++;
            } else if (!UNDECLARED_KINDS.contains(kind)) {
                continue;
            }
            i++;
            if (i + 2 < words.size() && words.get(i).equals("if") && words.get(i + 1).equals("not") && words.get(i + 2).equals("exists")) {
                i += 3;
            }
            if (i < statement.size()) {
                StringBuilder name = new StringBuilder(statement.get(i));
                while (i + 2 < statement.size() && statement.get(i + 1).equals(".")) {
                    name.append('.').append(statement.get(i + 2));
                    i += 2;
                }
                created.add(kind + " " + name);
            }
        }
        return created;
    }

    /** Whether {@code sql} holds no statement: nothing but blanks, comments and semicolons. */
    public static boolean isEmpty(String sql) {
        return sql == null || tokens(sql).stream().allMatch(t -> isComment(t) || t.equals(";"));
    }

    private static boolean isComment(String token) {
        return token.startsWith("--") || token.startsWith("/*");
    }

    static List<String> tokens(String sql) {
        StringClauses clauses = SqlParser.parse(sql, false, false);
        List<String> tokens = new ArrayList<>();
        for (Object token : clauses.toArray(true)) {
            String text = token.toString();
            if (!text.isBlank()) {
                tokens.add(text);
            }
        }
        return tokens;
    }

    /** Splits on {@code ;} outside dollar-quoted bodies. */
    private static List<List<String>> split(List<String> tokens) {
        List<List<String>> statements = new ArrayList<>();
        List<String> current = new ArrayList<>();
        String dollar = null;
        for (String token : tokens) {
            if (isDollarQuote(token)) {
                dollar = dollar == null ? token : dollar.equals(token) ? null : dollar;
            }
            if (token.equals(";") && dollar == null) {
                if (!current.isEmpty()) {
                    statements.add(current);
                }
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            statements.add(current);
        }
        return statements;
    }

    private static void expand(List<String> statement, List<List<String>> out, int depth) {
        if (depth > 4) {
            return;
        }
        String head = statement.get(0).toLowerCase(Locale.ROOT);
        if (head.equals("do")) {
            int open = indexOfDollar(statement, 1);
            if (open < 0) {
                return;
            }
            int close = statement.subList(open + 1, statement.size()).indexOf(statement.get(open));
            List<String> body = statement.subList(open + 1, close < 0 ? statement.size() : open + 1 + close);
            for (List<String> inner : splitBody(body)) {
                expand(inner, out, depth + 1);
            }
            return;
        }
        if (head.equals("execute") && statement.size() > 1 && isString(statement.get(1))) {
            for (List<String> inner : split(tokens(unquoteString(statement.get(1))))) {
                expand(inner, out, depth + 1);
            }
            return;
        }
        if (head.equals("perform")) {
            List<String> select = new ArrayList<>(statement);
            select.set(0, "select");
            out.add(select);
            return;
        }
        out.add(statement);
    }

    /** A PL/pgSQL body's statements, without the block and IF … THEN words around them. */
    private static List<List<String>> splitBody(List<String> body) {
        List<List<String>> statements = new ArrayList<>();
        for (List<String> piece : split(body)) {
            int start = 0;
            while (start < piece.size()) {
                String word = piece.get(start).toLowerCase(Locale.ROOT);
                if (BLOCK_WORDS.contains(word)) {
                    start++;
                } else if (word.equals("if") || word.equals("elsif") || word.equals("when") || word.equals("while")) {
                    int then = indexOfWord(piece, start, "then", "loop");
                    if (then < 0) {
                        start = piece.size();
                    } else {
                        start = then + 1;
                    }
                } else {
                    break;
                }
            }
            if (start < piece.size()) {
                List<String> statement = piece.subList(start, piece.size());
                String head = statement.get(0).toLowerCase(Locale.ROOT);
                if (!head.equals("raise") && !head.equals("return") && !head.equals("null")) {
                    statements.add(statement);
                }
            }
        }
        return statements;
    }

    private static int indexOfWord(List<String> tokens, int from, String... words) {
        for (int i = from; i < tokens.size(); i++) {
            for (String word : words) {
                if (tokens.get(i).equalsIgnoreCase(word)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int indexOfDollar(List<String> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (isDollarQuote(tokens.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code $$} or {@code $tag$}, the tag an identifier (so {@code $1} is a parameter, not a quote). */
    static boolean isDollarQuote(String token) {
        return DOLLAR_QUOTE.matcher(token).matches();
    }

    static boolean isString(String token) {
        return token.startsWith("'") || token.startsWith("E'") || token.startsWith("e'");
    }

    /** The value of a string literal token ({@code 'it''s'} is {@code it's}). */
    static String unquoteString(String token) {
        String t = token.startsWith("'") ? token : token.substring(1);
        return t.substring(1, Math.max(1, t.length() - 1)).replace("''", "'");
    }
}
