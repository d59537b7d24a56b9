-- Security (docs/reference.md section 8): EXECUTE is revoked from PUBLIC;
-- reading scripts needs superuser, pg_read_server_files or a folder of
-- migrate.script_roots (tests/pg/test_script_roots.py); functions are
-- SECURITY INVOKER, so each step's DDL runs as the caller.
CREATE EXTENSION migrate;
DROP ROLE IF EXISTS regress_migrate_plain;
DROP ROLE IF EXISTS regress_migrate_reader;
CREATE ROLE regress_migrate_plain;
CREATE ROLE regress_migrate_reader;
GRANT pg_read_server_files TO regress_migrate_reader;
GRANT CREATE ON SCHEMA public TO regress_migrate_plain, regress_migrate_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO regress_migrate_reader;
SELECT proname, prosecdef, proacl IS NOT NULL AND NOT has_function_privilege('public', p.oid, 'EXECUTE') AS revoked
  FROM pg_proc p WHERE proname LIKE 'migrate\_%' ORDER BY proname, pronargs;
SET migrate.script_location = 'migrate_regress/linear';

-- Without EXECUTE every function is refused.
SET ROLE regress_migrate_plain;
SELECT migrate_upgrade('head');
SELECT migrate_downgrade('base');
SELECT migrate_stamp('head');
SELECT migrate_current();
SELECT migrate_heads();
SELECT migrate_config('script_location');
SELECT migrate_config('version_table', 'x');
SELECT * FROM migrate_versions;
SELECT * FROM migrate_versions('migrate_regress/linear');
\set VERBOSITY sqlstate
SELECT migrate_heads();
\set VERBOSITY default
RESET ROLE;
SELECT to_regclass('alembic_version') IS NULL AS nothing_created;

-- With EXECUTE and pg_read_server_files, the steps run as the caller, who
-- owns what they create.
SET ROLE regress_migrate_reader;
SELECT migrate_upgrade('+1');
SELECT migrate_current();
SELECT count(*) FROM migrate_versions;
RESET ROLE;
SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename;

-- A step the caller may not run fails with PostgreSQL's permission error,
-- named with its revision, and leaves nothing.
REVOKE CREATE ON SCHEMA public FROM regress_migrate_reader;
SET ROLE regress_migrate_reader;
SELECT migrate_upgrade('head');
\set VERBOSITY sqlstate
SELECT migrate_upgrade('head');
\set VERBOSITY default
SELECT migrate_current();
RESET ROLE;
SELECT column_name FROM information_schema.columns WHERE table_name = 'account' ORDER BY ordinal_position;

-- A superuser may do everything.
SELECT migrate_downgrade('base');

DROP OWNED BY regress_migrate_plain, regress_migrate_reader;
DROP ROLE regress_migrate_plain;
DROP ROLE regress_migrate_reader;
