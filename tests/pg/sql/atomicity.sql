-- All or nothing (docs/reference.md section 8): a call runs in the caller's transaction,
-- inside an internal subtransaction, so a failing step leaves nothing of the
-- call even when the caller catches the error; the error names the revision,
-- its file and PostgreSQL's own message with its own SQLSTATE.
CREATE EXTENSION migrate;
\i sql/include/state.sql
SET migrate.script_location = 'migrate_regress/failing';

-- c fails in the middle of its SQL: nothing remains, not even the version table.
SELECT migrate_upgrade('head');
SELECT state();
-- The SQLSTATE is PostgreSQL's (undefined_table), the message names the step.
\set VERBOSITY sqlstate
SELECT migrate_upgrade('head');
\set VERBOSITY default
-- From a partial state: b's INSERT into t_a is undone with the rest.
SELECT migrate_upgrade('a');
SELECT migrate_upgrade('head');
SELECT state();
SELECT count(*) AS t_a_rows FROM t_a;
-- A failing downgrade is undone too.
SELECT migrate_upgrade('b');
SELECT migrate_downgrade('base');
SELECT state();
SELECT migrate_stamp('a');
DROP TABLE t_b;
DELETE FROM t_a;

-- The caller catches the error: the call still left nothing.
DO $$
BEGIN
    PERFORM migrate_upgrade('head');
EXCEPTION WHEN undefined_table THEN
    RAISE NOTICE 'caught %: %', SQLSTATE, SQLERRM;
END
$$;
SELECT state();

-- Inside the caller's transaction the call joins it.
SELECT migrate_downgrade('base');
SELECT state();
BEGIN;
SELECT migrate_upgrade('a');
INSERT INTO t_a VALUES (1);
SELECT state();
ROLLBACK;
SELECT state();
BEGIN;
SELECT migrate_upgrade('b');
-- The deployer lock is held until the caller's transaction ends.
SELECT count(*) AS advisory_locks FROM pg_locks
 WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted;
SELECT state();
COMMIT;
SELECT state();
SELECT count(*) AS advisory_locks_after_commit FROM pg_locks
 WHERE locktype = 'advisory' AND pid = pg_backend_pid();
-- A failure in a caller's savepoint undoes only the call.
BEGIN;
INSERT INTO t_a VALUES (2);
SAVEPOINT before_migrate;
SELECT migrate_upgrade('head');
ROLLBACK TO SAVEPOINT before_migrate;
SELECT migrate_current();
COMMIT;
SELECT state();
SELECT id FROM t_a ORDER BY id;

-- transaction_per_migration cannot commit inside the caller's transaction:
-- a function never commits, so the call stays all or nothing.
SET migrate.transaction_per_migration = true;
SELECT migrate_upgrade('head');
SELECT state();
RESET migrate.transaction_per_migration;

DROP TABLE t_a, t_b, alembic_version;
DROP TABLE IF EXISTS alembic_version_log;

-- A step may not end the transaction.
SET migrate.script_location = 'migrate_regress/txn';
SELECT migrate_upgrade('head');
\set VERBOSITY sqlstate
SELECT migrate_upgrade('head');
\set VERBOSITY default

-- statement_timeout during a long step: PostgreSQL's own error, unchanged;
-- nothing applied; the session goes on.
SET migrate.script_location = 'migrate_regress/slow';
SET statement_timeout = '300ms';
SELECT migrate_upgrade('head');
RESET statement_timeout;
SELECT state();
\set VERBOSITY sqlstate
SET statement_timeout = '300ms';
SELECT migrate_upgrade('head');
RESET statement_timeout;
\set VERBOSITY default
SELECT migrate_upgrade('a');
SELECT state();
SELECT 'the session goes on' AS after_the_timeouts;

-- A step may call the migrate functions; an error inside one is the step's.
DROP TABLE t_a, alembic_version;
DROP TABLE IF EXISTS alembic_version_log;
SET migrate.script_location = 'migrate_regress/nested';
SELECT migrate_upgrade('a');
SELECT * FROM seen;
SELECT migrate_upgrade('head');
\set VERBOSITY sqlstate
SELECT migrate_upgrade('head');
\set VERBOSITY default
SELECT state();
