package io.sark.migrate.lint;

import java.util.Locale;

/**
 * The mark a skeleton leaves where its author has something to write ({@code revision --add-sql}, {@code --data}):
 * lint refuses a changeset that still holds it (HY106), and where it stands as SQL it fails when run, saying what is
 * missing, so an unwritten rollback is never taken for one that does nothing.
 */
public final class Placeholders {

    /** The words every placeholder starts with. */
    public static final String MARK = "sark-migrate: not written yet";

    private Placeholders() {
    }

    /** A statement that fails with {@code what}, for a rollback not written yet. */
    public static String failing(String what) {
        return "DO $$ BEGIN RAISE EXCEPTION '" + (MARK + ": " + what).replace("'", "''") + "'; END $$";
    }

    /** A comment that stands for {@code what} inside a statement (where it is left, the statement does not parse). */
    public static String inline(String what) {
        return "/* " + MARK + ": " + what.replace("*/", "* /") + " */";
    }

    /** Whether {@code sql} still holds a placeholder. */
    public static boolean in(String sql) {
        return sql != null && sql.toLowerCase(Locale.ROOT).contains(MARK);
    }
}
