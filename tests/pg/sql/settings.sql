-- Settings are GUCs migrate.<key> (docs/reference.md section 5): session value > migrate.ini
-- > default; migrate_config reads and sets them like SET.
CREATE EXTENSION migrate;
SELECT name, setting, context, vartype FROM pg_settings WHERE name LIKE 'migrate.%' ORDER BY name;

-- migrate_config(key, value) is SET: session level, undone by ROLLBACK,
-- NULL resets.
BEGIN;
SELECT migrate_config('version_table', 'in_transaction');
ROLLBACK;
SELECT migrate_config('version_table');
SELECT migrate_config('version_table', 'mine');
SELECT current_setting('migrate.version_table');
SELECT migrate_config('version_table', NULL);
SELECT current_setting('migrate.version_table') = '' AS unset;
BEGIN;
SET LOCAL migrate.version_table = 'local_one';
SELECT migrate_config('version_table');
COMMIT;
SELECT migrate_config('version_table');

-- migrate.ini in the script location, and precedence.
SET migrate.script_location = 'migrate_regress/ini';
SELECT migrate_config('version_table');
SELECT migrate_upgrade('head');
SELECT * FROM ini_versions;
SELECT to_regclass('alembic_version') IS NULL AS no_default_table;
SET migrate.version_table = 'session_versions';
SELECT migrate_current() IS NULL AS session_table_is_empty;
SELECT migrate_stamp('a');
RESET migrate.version_table;
SELECT migrate_current();
SELECT migrate_downgrade('base');
DROP TABLE ini_versions, session_versions;

-- version_table_schema: default the current schema (the first of
-- search_path); set, the table is created and read there.
SET migrate.script_location = 'migrate_regress/linear';
CREATE SCHEMA deploy;
SET search_path = deploy, public;
SELECT migrate_upgrade('+1');
SELECT schemaname, tablename FROM pg_tables WHERE tablename IN ('alembic_version', 'account') ORDER BY 1, 2;
SELECT migrate_downgrade('base');
RESET search_path;
DROP TABLE deploy.alembic_version;
DROP TABLE IF EXISTS deploy.alembic_version_log;
SET migrate.version_table_schema = 'deploy';
SELECT migrate_upgrade('+1');
SELECT schemaname, tablename FROM pg_tables WHERE tablename IN ('alembic_version', 'account') ORDER BY 1, 2;
SELECT migrate_current();
SELECT revision, is_current FROM migrate_versions;
SELECT migrate_downgrade('base');
DROP TABLE deploy.alembic_version;
DROP TABLE IF EXISTS deploy.alembic_version_log;
RESET migrate.version_table_schema;

-- The version table's name is always quoted: any name is one identifier.
SET migrate.version_table = 'Deploy Versions; DROP TABLE x';
SELECT migrate_upgrade('+1');
SELECT * FROM "Deploy Versions; DROP TABLE x";
SELECT migrate_current();
SELECT migrate_downgrade('base');
\d "Deploy Versions; DROP TABLE x"
DROP TABLE "Deploy Versions; DROP TABLE x";
SET migrate.version_table = 'a"quote';
SELECT migrate_stamp('1a2b3c4d5e6f');
SELECT * FROM "a""quote";
DROP TABLE "a""quote";
RESET migrate.version_table;

-- ALTER DATABASE ... SET persists a setting; a new session sees it, and a
-- SET made before the library is loaded is taken over when it loads.
SELECT current_database() AS db \gset
ALTER DATABASE :"db" SET migrate.script_location = 'migrate_regress/branched';
\c
SELECT migrate_heads();
\c
SET migrate.script_location = 'migrate_regress/twoheads';
SELECT migrate_heads();
ALTER DATABASE :"db" RESET migrate.script_location;
