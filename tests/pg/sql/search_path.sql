-- Security (docs/reference.md section 8): every query the extension runs for
-- itself (deployer lock, version table, audit log, catalog reads, scratch
-- set-up) runs with search_path pinned to pg_catalog, pg_temp. Hostile
-- overloads planted in public (what a role with CREATE on public can do)
-- must never run while a superuser calls the functions: each one advances
-- the sequence trapped.calls, which no rollback undoes. They live in public,
-- the current schema, which the schema diff reads (and the target schema
-- creates them again in the diff's scratch schema).
CREATE EXTENSION migrate;
CREATE SCHEMA trapped;
CREATE SEQUENCE trapped.calls;
\i scripts/trap/schema/00_traps.sql

SET migrate.script_location = 'migrate_regress/trap';

-- Phase 1: the default search_path ("$user", public).
\i sql/include/every_function.sql
SELECT last_value, is_called FROM trapped.calls;

-- Phase 2: a search_path that puts public before pg_catalog.
SET search_path = public, pg_catalog;
\i sql/include/every_function.sql
SELECT last_value, is_called FROM trapped.calls;
RESET search_path;

-- The traps are live: called as the old queries called them, they fire.
SELECT hashtextextended('migrate public.alembic_version', 0) IS NOT NULL AS hashed,
       quote_ident('account'::name),
       (SELECT string_agg(relname, ',') FROM pg_class WHERE relname = 'pg_class');
SELECT last_value > 1 AS fired FROM trapped.calls;
