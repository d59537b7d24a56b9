-- Every SQL function of docs/reference.md section 7 on PostgreSQL, on a linear and on a
-- branched history. Script locations are relative to the data directory.
CREATE EXTENSION migrate;

-- Nothing is set: the defaults of docs/reference.md section 5.
SELECT migrate_config('script_location') AS script_location,
       migrate_config('version_table') AS version_table,
       migrate_config('version_table_schema') AS version_table_schema,
       migrate_config('target_schema') AS target_schema,
       migrate_config('transaction_per_migration') AS per_migration,
       migrate_config('file_template') AS file_template,
       migrate_config('truncate_slug_length') AS slug_length;

-- migrate_config sets the GUC migrate.<key>, and SET is seen by migrate_config.
SELECT migrate_config('script_location', 'migrate_regress/linear');
SHOW migrate.script_location;
SET migrate.version_table = 'other_versions';
SELECT migrate_config('version_table');
RESET migrate.version_table;
SELECT migrate_config('version_table');

-- Reading functions never create the version table.
SELECT migrate_heads();
SELECT migrate_current() IS NULL AS at_base;
SELECT revision, down_revision, message, path, is_head, is_base, is_current, is_applied
  FROM migrate_versions;
SELECT to_regclass('alembic_version') IS NULL AS no_version_table;

-- Upgrades return Alembic's log lines.
SELECT migrate_upgrade('+1');
SELECT migrate_current();
SELECT migrate_upgrade('head');
SELECT migrate_current();
SELECT migrate_upgrade('head') = '' AS nothing_to_do;
SELECT revision, is_current, is_applied FROM migrate_versions;
\d alembic_version
-- The steps' SQL ran, dollar-quoted function body and trigger included.
INSERT INTO account (id, name) VALUES (1, 'alice');
SELECT account_id FROM account_audit;

-- Downgrades, relative and to base.
SELECT migrate_downgrade('-1');
SELECT migrate_current();
SELECT migrate_downgrade('base');
SELECT migrate_current() IS NULL AS at_base;
SELECT count(*) AS rows_left FROM alembic_version;
SELECT to_regclass('account') IS NULL AS account_dropped;

-- migrate_upgrade() defaults to 'heads'.
SELECT migrate_upgrade();
SELECT migrate_downgrade('base') <> '' AS downgraded;

-- Stamp moves the version table without running any step.
SELECT migrate_stamp('7c8d9e0f1a2b');
SELECT migrate_current();
SELECT to_regclass('account') IS NULL AS still_no_account;
SELECT migrate_stamp('base');
SELECT migrate_current() IS NULL AS at_base;

-- A branched history: labels, a dependency, a merge.
SELECT migrate_config('script_location', 'migrate_regress/branched');
SELECT migrate_heads();
SELECT revision, down_revision, branch_labels, depends_on, is_head, is_base, is_branch_point, is_merge_point
  FROM migrate_versions;
-- r1 depends on l1: upgrading to r1 brings l1 along.
SELECT migrate_upgrade('r1');
SELECT migrate_current();
SELECT revision, is_current, is_applied FROM migrate_versions;
SELECT migrate_upgrade('heads');
SELECT migrate_current();
SELECT migrate_downgrade('a0');
SELECT migrate_current();
SELECT revision, is_current, is_applied FROM migrate_versions;
SELECT migrate_downgrade('base');

-- Two heads in another folder at once.
SELECT migrate_config('script_location', 'migrate_regress/twoheads');
SELECT migrate_heads();
SELECT migrate_upgrade('heads');
SELECT migrate_current();
SELECT migrate_downgrade('h0');
SELECT migrate_current();
SELECT migrate_stamp('h1,h2');
SELECT migrate_current();
SELECT migrate_stamp('base');

-- migrate_versions(script_location) reads another folder; the view and the
-- function share the name as SQLite's table-valued migrate_versions does.
SELECT revision, path FROM migrate_versions('migrate_regress/linear');
SELECT count(*) FROM migrate_versions;
SELECT migrate_config('script_location');

-- The column types of the view.
SELECT attname, format_type(atttypid, atttypmod)
  FROM pg_attribute WHERE attrelid = 'migrate_versions'::regclass AND attnum > 0 ORDER BY attnum;
