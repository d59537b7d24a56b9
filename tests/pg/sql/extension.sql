-- CREATE EXTENSION, DROP EXTENSION and CREATE EXTENSION again: the version
-- table and the migrated schema belong to the database, not the extension.
CREATE EXTENSION migrate;
SELECT extname, extversion, extrelocatable FROM pg_extension WHERE extname = 'migrate';
SELECT pg_describe_object(classid, objid, 0) AS object
  FROM pg_depend WHERE refclassid = 'pg_extension'::regclass
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'migrate') ORDER BY 1;
SET migrate.script_location = 'migrate_regress/linear';
SELECT migrate_upgrade('+1');

DROP EXTENSION migrate;
SELECT migrate_current();
SELECT * FROM alembic_version;
SELECT to_regclass('account') IS NOT NULL AS account_kept;
-- The GUCs stay defined while the library is loaded.
SHOW migrate.script_location;

CREATE EXTENSION migrate;
SELECT migrate_current();
SELECT migrate_upgrade('head');

-- In another schema, and moved (the extension is relocatable); the version
-- table stays in the current schema.
DROP EXTENSION migrate;
CREATE SCHEMA tools;
CREATE EXTENSION migrate SCHEMA tools;
SELECT tools.migrate_current();
SELECT revision, is_current FROM tools.migrate_versions;
CREATE SCHEMA tools2;
ALTER EXTENSION migrate SET SCHEMA tools2;
SELECT tools2.migrate_downgrade('base');
SELECT count(*) AS versions_left FROM public.alembic_version;
DROP EXTENSION migrate;
DROP SCHEMA tools, tools2;
