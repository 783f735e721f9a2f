package io.sark.migrate.model.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Says that a column (on a field) or a table (on an entity class) was renamed from {@code value}, so that the
 * generator writes a rename, which keeps the data, instead of a drop and an add, which loses it. The generator never
 * guesses a rename; it warns when a drop and an add look like one. Keep the annotation until every database has the
 * new name; it does nothing once the old name is gone.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.TYPE})
public @interface RenamedFrom {

    /** The old name of the column or table. */
    String value();
}
