-- Every error is an SQL error with Alembic's text where Alembic has one, a
-- fitting SQLSTATE, and no write: no version table appears, nothing changes.
CREATE EXTENSION migrate;
-- SQLSTATE and message of a statement's error; absolute paths start at $PGDATA.
CREATE FUNCTION try(statement text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || regexp_replace(SQLERRM, '/\S*/migrate_regress/', '$PGDATA/migrate_regress/', 'g');
END
$$;
\i sql/include/state.sql
SET migrate.script_location = 'migrate_regress/twoheads';

-- Bad targets (Alembic's messages).
SELECT migrate_upgrade('zzzz');
SELECT migrate_downgrade('zzzz');
SELECT migrate_stamp('zzzz');
SELECT migrate_upgrade('h');
SELECT migrate_upgrade('head');
SELECT migrate_upgrade('h0:h1');
SELECT migrate_upgrade(NULL);
SELECT migrate_downgrade(NULL);
SELECT migrate_stamp(NULL);
SELECT migrate_upgrade('-1');
SELECT try($$SELECT migrate_upgrade('zzzz')$$);
SELECT try($$SELECT migrate_upgrade(NULL)$$);
SELECT state();
-- Errors that depend on the version table.
SELECT migrate_upgrade('heads') <> '' AS upgraded;
SELECT migrate_downgrade('head');
SELECT migrate_downgrade('+1');
SELECT migrate_stamp('base') <> '' AS stamped;
SELECT migrate_stamp('h1');
SELECT migrate_downgrade('h2');
SELECT try($$SELECT migrate_downgrade('h2')$$);
SELECT state();
INSERT INTO alembic_version VALUES ('gone');
SELECT migrate_upgrade('heads');
SELECT migrate_current();
DROP TABLE t_h0, t_h1, t_h2, alembic_version;
DROP TABLE IF EXISTS alembic_version_log;
SELECT state();

-- Broken script folders fail every call that reads them.
SET migrate.script_location = 'migrate_regress/cycle';
SELECT migrate_heads();
SELECT migrate_upgrade('heads');
SELECT * FROM migrate_versions;
-- migrate_current reads the version table only.
SELECT migrate_current() IS NULL AS at_base;
SET migrate.script_location = 'migrate_regress/noid';
SELECT migrate_heads();
SET migrate.script_location = 'migrate_regress/dupid';
SELECT migrate_upgrade('heads');
SET migrate.script_location = 'migrate_regress/orphan';
SELECT migrate_stamp('heads');
SELECT try($$SELECT migrate_heads()$$);
-- A missing folder is named with its absolute path (the data directory's).
SET migrate.script_location = 'migrate_regress/nowhere';
SELECT try($$SELECT migrate_heads()$$);
SET migrate.script_location = 'migrate_regress/noversions';
SELECT try($$SELECT migrate_upgrade('head')$$);
SELECT try($$SELECT * FROM migrate_versions('migrate_regress/nowhere')$$);
SET migrate.script_location = 'migrate_regress/badini';
SELECT migrate_upgrade('head');
SELECT try($$SELECT migrate_upgrade('head')$$);
-- migrate.ini may name the version table: migrate_current fails too.
SELECT migrate_current();
SELECT state();

-- An Alembic .py step is refused before anything runs.
SET migrate.script_location = 'migrate_regress/python';
SELECT migrate_upgrade('head');
SELECT try($$SELECT migrate_upgrade('head')$$);
SELECT state();
CREATE TABLE account (id INTEGER PRIMARY KEY);
SELECT migrate_stamp('1975ea83b712');
SELECT migrate_upgrade('head');
SELECT migrate_downgrade('base');
SELECT state();
DROP TABLE account, alembic_version;
DROP TABLE IF EXISTS alembic_version_log;

-- Settings.
SELECT migrate_config('no_such_setting');
SELECT migrate_config('no_such_setting', 'x');
SELECT migrate_config(NULL);
SELECT migrate_config('transaction_per_migration', 'maybe');
SELECT migrate_config('truncate_slug_length', 'long');
SELECT migrate_config('version_table', '');
SELECT try($$SELECT migrate_config('no_such_setting')$$);
SELECT try($$SELECT migrate_config('transaction_per_migration', 'maybe')$$);
SET migrate.transaction_per_migration = 'maybe';
SET migrate.truncate_slug_length = -1;
SET migrate.no_such_setting = 1;
SELECT try($$SET migrate.transaction_per_migration = 'maybe'$$);
SELECT migrate_config('transaction_per_migration');

SELECT state();
