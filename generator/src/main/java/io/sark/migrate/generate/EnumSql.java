package io.sark.migrate.generate;

import io.sark.migrate.changes.SqlFacts;
import io.sark.migrate.schema.Identifiers;

/**
 * The rollback of an added enum value. PostgreSQL cannot remove a value from an enum type ({@code ALTER TYPE} has no
 * {@code DROP VALUE}, and deleting from {@code pg_enum} corrupts what refers to it), so the type is replaced: renamed,
 * created again with its other values (read from the database, in their order), each column of it or of its array type
 * moved to the new one ({@code USING column::text::type}, its default dropped and set again, and the CHECKs and index
 * expressions or predicates on it, which hold the old type's constants, made again from their definitions), the old
 * type dropped; comment and owner carried over. Moving a column rewrites its table under ACCESS EXCLUSIVE. Where rows hold the value
 * it refuses, with their count, before changing anything ({@code Guards} refuses the downgrade earlier still).
 */
final class EnumSql {

    private EnumSql() {
    }

    static String withoutValue(String type, String label) {
        return SqlFacts.ENUM_VALUE_REMOVAL_MARKER + Identifiers.literal(label) + " from " + type + ": the type is replaced without it\n"
                + """
                DO $sark$
                DECLARE
                    old_type regtype := to_regtype(@QUOTED@);
                    label text := @LABEL@;
                    schema_name text;
                    type_name text;
                    new_type regtype;
                    tables regclass[] := '{}';
                    columns text[] := '{}';
                    scalars boolean[] := '{}';
                    defaults text[] := '{}';
                    index_names text[] := '{}';
                    index_defs text[] := '{}';
                    check_tables regclass[] := '{}';
                    check_names text[] := '{}';
                    check_defs text[] := '{}';
                    col record;
                    dep record;
                    held bigint;
                    used bigint := 0;
                    kept text;
                    i int;
                BEGIN
                    IF old_type IS NULL OR NOT EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = old_type AND enumlabel = label) THEN
                        RAISE NOTICE 'sark-migrate: enum type % has no value %: nothing to remove', @TYPE@, label;
                        RETURN;
                    END IF;
                    SELECT n.nspname, t.typname INTO schema_name, type_name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.oid = old_type;
                    -- every column of the type or of its array type, with its default as printed now (it names the type)
                    FOR col IN SELECT a.attrelid::regclass AS tab, a.attrelid AS rel, a.attnum AS num, a.attname::text AS name, a.atttypid = old_type AS scalar,
                                      pg_get_expr(d.adbin, d.adrelid) AS def
                                 FROM pg_attribute a
                                 JOIN pg_class c ON c.oid = a.attrelid
                                 LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                                WHERE a.atttypid IN (old_type, (SELECT typarray FROM pg_type WHERE oid = old_type))
                                  AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
                                ORDER BY 1, 2 LOOP
                        EXECUTE format(CASE WHEN col.scalar THEN 'SELECT count(*) FROM %1$s WHERE %2$I = %3$L'
                                            ELSE 'SELECT count(*) FROM %1$s WHERE %3$L = ANY (%2$I)' END, col.tab, col.name, label) INTO held;
                        used := used + held;
                        tables := tables || col.tab;
                        columns := columns || col.name;
                        scalars := scalars || col.scalar;
                        defaults := defaults || col.def;
                        -- an index expression or predicate, or a CHECK, holds the type's values as constants of the old
                        -- type: dropped before the move and made again from its definition, which then names the new type
                        FOR dep IN SELECT DISTINCT x.indexrelid::regclass::text AS name, pg_get_indexdef(x.indexrelid) AS def
                                     FROM pg_index x
                                     JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = x.indexrelid
                                                     AND d.refobjid = col.rel AND d.refobjsubid = col.num
                                    WHERE (x.indpred IS NOT NULL OR x.indexprs IS NOT NULL)
                                      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) LOOP
                            IF NOT dep.name = ANY (index_names) THEN
                                index_names := index_names || dep.name;
                                index_defs := index_defs || dep.def;
                            END IF;
                        END LOOP;
                        FOR dep IN SELECT k.conname::text AS name, pg_get_constraintdef(k.oid) AS def FROM pg_constraint k
                                    WHERE k.conrelid = col.rel AND k.contype = 'c' AND col.num = ANY (k.conkey) LOOP
                            IF NOT EXISTS (SELECT 1 FROM unnest(check_tables, check_names) AS u(t, n) WHERE u.t = col.tab AND u.n = dep.name) THEN
                                check_tables := check_tables || col.tab;
                                check_names := check_names || dep.name;
                                check_defs := check_defs || dep.def;
                            END IF;
                        END LOOP;
                    END LOOP;
                    IF used > 0 THEN
                        RAISE EXCEPTION 'sark-migrate: % row(s) hold value % of enum type %, which this rollback removes: change them to another value, then run it again',
                            used, label, old_type;
                    END IF;
                    SELECT string_agg(quote_literal(enumlabel), ', ' ORDER BY enumsortorder) INTO kept FROM pg_enum WHERE enumtypid = old_type AND enumlabel <> label;
                    EXECUTE format('ALTER TYPE %s RENAME TO %I', old_type, left('sark_old_' || type_name, 63));
                    EXECUTE format('CREATE TYPE %I.%I AS ENUM (%s)', schema_name, type_name, coalesce(kept, ''));
                    new_type := format('%I.%I', schema_name, type_name)::regtype;
                    EXECUTE format('ALTER TYPE %s OWNER TO %I', new_type, (SELECT r.rolname FROM pg_type t JOIN pg_roles r ON r.oid = t.typowner WHERE t.oid = old_type));
                    EXECUTE format('COMMENT ON TYPE %s IS %L', new_type, obj_description(old_type, 'pg_type'));
                    FOR i IN 1 .. coalesce(array_length(index_names, 1), 0) LOOP
                        EXECUTE format('DROP INDEX %s', index_names[i]);
                    END LOOP;
                    FOR i IN 1 .. coalesce(array_length(check_names, 1), 0) LOOP
                        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', check_tables[i], check_names[i]);
                    END LOOP;
                    FOR i IN 1 .. coalesce(array_length(tables, 1), 0) LOOP
                        IF defaults[i] IS NOT NULL THEN
                            EXECUTE format('ALTER TABLE %s ALTER COLUMN %I DROP DEFAULT', tables[i], columns[i]);
                        END IF;
                        EXECUTE format(CASE WHEN scalars[i] THEN 'ALTER TABLE %1$s ALTER COLUMN %2$I TYPE %3$s USING %2$I::text::%3$s'
                                            ELSE 'ALTER TABLE %1$s ALTER COLUMN %2$I TYPE %3$s[] USING %2$I::text[]::%3$s[]' END,
                                       tables[i], columns[i], new_type);
                        IF defaults[i] IS NOT NULL THEN
                            EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s', tables[i], columns[i], defaults[i]);
                        END IF;
                    END LOOP;
                    FOR i IN 1 .. coalesce(array_length(check_names, 1), 0) LOOP
                        EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', check_tables[i], check_names[i], check_defs[i]);
                    END LOOP;
                    FOR i IN 1 .. coalesce(array_length(index_defs, 1), 0) LOOP
                        EXECUTE index_defs[i];
                    END LOOP;
                    EXECUTE format('DROP TYPE %s', old_type);
                    RAISE NOTICE 'sark-migrate: value % removed from enum type % (% column(s) moved to the type without it)',
                        label, new_type, coalesce(array_length(tables, 1), 0);
                END
                $sark$""".replace("@TYPE@", Identifiers.literal(type)).replace("@QUOTED@", Identifiers.literal(Identifiers.quote(type)))
                        .replace("@LABEL@", Identifiers.literal(label));
    }
}
