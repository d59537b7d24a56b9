-- The state the failed calls must leave alone: tables and version rows.
CREATE FUNCTION state() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    tables text;
    versions text;
BEGIN
    SELECT string_agg(relname, ',' ORDER BY relname) INTO tables
      FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r';
    IF to_regclass('alembic_version') IS NOT NULL THEN
        SELECT coalesce(string_agg(version_num, ',' ORDER BY version_num), '(empty)') INTO versions
          FROM alembic_version;
    END IF;
    RETURN 'tables: ' || coalesce(tables, '(none)') || '; versions: ' || coalesce(versions, '(no table)');
END
$$;
