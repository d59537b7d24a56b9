-- The SQL functions of docs/reference.md section 7 and the migrate_versions view.
\echo Use "CREATE EXTENSION migrate" to load this file. \quit

-- Every function runs as its caller (SECURITY INVOKER: each step's DDL is
-- the caller's), inside the caller's transaction, and checks that the caller
-- may read the scripts on the server (superuser, pg_read_server_files, or a
-- script_location inside migrate.script_roots). None is STRICT: a NULL
-- argument gets the same error as on SQLite. EXECUTE is revoked from PUBLIC
-- at the end: a superuser grants the functions to deployer roles.

CREATE FUNCTION migrate_upgrade(target text DEFAULT 'heads') RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_upgrade' LANGUAGE C VOLATILE SECURITY INVOKER;

CREATE FUNCTION migrate_downgrade(target text) RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_downgrade' LANGUAGE C VOLATILE SECURITY INVOKER;

CREATE FUNCTION migrate_stamp(target text) RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_stamp' LANGUAGE C VOLATILE SECURITY INVOKER;

CREATE FUNCTION migrate_current() RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_current' LANGUAGE C VOLATILE SECURITY INVOKER;

CREATE FUNCTION migrate_heads() RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_heads' LANGUAGE C VOLATILE SECURITY INVOKER;

-- Offline mode: the SQL the steps of `range` ('from:to', or a target reached
-- from the current revision) would run, for psql, or for the sqlite3 shell
-- with dialect 'sqlite' (NULL: 'postgresql').
CREATE FUNCTION migrate_upgrade_sql(range text, dialect text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_upgrade_sql' LANGUAGE C VOLATILE SECURITY INVOKER;

CREATE FUNCTION migrate_downgrade_sql(range text, dialect text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_downgrade_sql' LANGUAGE C VOLATILE SECURITY INVOKER;

-- Writing revision files also needs superuser or pg_write_server_files.
-- options: key=value pairs, e.g. 'head=ae10 branch_label=feature'.
CREATE FUNCTION migrate_revision(message text, autogenerate boolean DEFAULT false, options text DEFAULT NULL)
    RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_revision' LANGUAGE C VOLATILE SECURITY INVOKER;

CREATE FUNCTION migrate_merge(revisions text, message text) RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_merge' LANGUAGE C VOLATILE SECURITY INVOKER;

-- The schema diff: the current schema against target_schema, which is loaded
-- into a scratch schema inside a subtransaction that is rolled back.
CREATE FUNCTION migrate_diff() RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_diff' LANGUAGE C VOLATILE SECURITY INVOKER;

CREATE FUNCTION migrate_check() RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_check' LANGUAGE C VOLATILE SECURITY INVOKER;

-- A deploy script for psql (or, with dialect 'sqlite', the sqlite3 shell)
-- that loads the script location's files into the script store and upgrades
-- to `target` from it, in one transaction.
CREATE FUNCTION migrate_bundle(target text DEFAULT 'heads', dialect text DEFAULT NULL) RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_bundle' LANGUAGE C VOLATILE SECURITY INVOKER;

CREATE FUNCTION migrate_config(key text) RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_config' LANGUAGE C VOLATILE SECURITY INVOKER;

CREATE FUNCTION migrate_config(key text, value text) RETURNS text
    AS 'MODULE_PATHNAME', 'migrate_config' LANGUAGE C VOLATILE SECURITY INVOKER;

-- migrate_versions('/other/migrations') reads another folder, as SQLite's
-- table-valued migrate_versions('other/migrations') does.
CREATE FUNCTION migrate_versions(script_location text DEFAULT NULL)
    RETURNS TABLE (
        revision text,
        down_revision text,
        branch_labels text,
        depends_on text,
        message text,
        create_date text,
        path text,
        is_head boolean,
        is_base boolean,
        is_branch_point boolean,
        is_merge_point boolean,
        is_current boolean,
        is_applied boolean,
        checksum text,
        modified boolean)
    AS 'MODULE_PATHNAME', 'migrate_versions' LANGUAGE C VOLATILE SECURITY INVOKER ROWS 100;

-- security_invoker: the function runs for the caller, whose privileges it
-- checks; reading the view itself is open to all, and needs EXECUTE on
-- migrate_versions(text).
CREATE VIEW migrate_versions WITH (security_invoker = true) AS
    SELECT * FROM migrate_versions();
GRANT SELECT ON migrate_versions TO PUBLIC;

REVOKE EXECUTE ON FUNCTION
    migrate_upgrade(text), migrate_downgrade(text), migrate_stamp(text), migrate_current(), migrate_heads(),
    migrate_upgrade_sql(text, text), migrate_downgrade_sql(text, text), migrate_revision(text, boolean, text),
    migrate_merge(text, text), migrate_diff(), migrate_check(), migrate_bundle(text, text), migrate_config(text),
    migrate_config(text, text), migrate_versions(text)
    FROM PUBLIC;
