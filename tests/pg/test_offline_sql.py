"""Offline SQL on PostgreSQL (docs/reference.md section 7): the text of
migrate_upgrade_sql / migrate_downgrade_sql, run with psql in a database of
its own, gives the same schema and version rows as the online call, on a
history with a dollar-quoted function and trigger, a branch and a merge."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
import time

import psycopg2

from pg_support import DatabaseTest, connect, execute, rows, scalar, sql_revision, write_file

PSQL = os.path.join(os.environ.get("MIGRATE_PG_BINDIR", "/usr/lib/postgresql/15/bin"), "psql")
SQLITE3_SHELL = os.environ.get("SQLITE3_SHELL") or shutil.which("sqlite3")
SQLITE_EXTENSION = os.environ.get("MIGRATE_SQLITE_EXTENSION")

# The audit log's columns that a script and the online call write alike:
# applied_at is when the script runs, and a script cannot time its steps.
LOG = """SELECT id, direction, revision, from_revisions, to_revisions, message, checksum, role
           FROM alembic_version_log ORDER BY id"""

# Everything of the public schema but the extension's own objects and the
# audit log's rows (their times differ), without oids.
SCHEMA = """
    WITH rel AS (
        SELECT c.oid, c.relname, c.relkind FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace
           AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e'))
    SELECT 'relation', relname, relkind::text FROM rel
    UNION ALL
    SELECT 'column', rel.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod) || a.attnotnull::text
      FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT 'constraint', conname, pg_get_constraintdef(k.oid) FROM rel JOIN pg_constraint k ON k.conrelid = rel.oid
    UNION ALL
    SELECT 'index', rel.relname, pg_get_indexdef(i.indexrelid) FROM rel JOIN pg_index i ON i.indrelid = rel.oid
    UNION ALL
    SELECT 'trigger', t.tgname, pg_get_triggerdef(t.oid) FROM rel JOIN pg_trigger t ON t.tgrelid = rel.oid
     WHERE NOT t.tgisinternal
    UNION ALL
    SELECT 'function', p.proname, md5(p.prosrc) FROM pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace AND p.proname NOT LIKE 'migrate\\_%%'
    ORDER BY 1, 2, 3"""

FUNCTION = """CREATE TABLE audit (account_id INTEGER);
CREATE FUNCTION audit_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit VALUES (NEW.id); -- a semicolon inside the body
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_account AFTER INSERT ON account FOR EACH ROW EXECUTE FUNCTION audit_account();"""


def sqlite_migrate(script_location, settings=()):
    """A connection to a SQLite database in memory with the SQLite extension
    loaded, for scripts it renders in PostgreSQL's dialect."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.enable_load_extension(True)
    conn.load_extension(SQLITE_EXTENSION)
    conn.execute("SELECT migrate_config('script_location', ?)", (script_location,))
    for key, value in settings:
        conn.execute("SELECT migrate_config(?, ?)", (key, value))
    return conn


class TwinDatabases(DatabaseTest):
    """The test's database (online calls) and an offline twin that psql runs
    scripts in, both using the script location self.root."""

    def setUp(self):
        super().setUp()
        self.root = self.folder("migrations")
        self.versions_dir = self.folder("migrations", "versions")
        # The offline twin: a second database at the same revision.
        self.offline_db = self.dbname + "_offline"
        admin = connect()
        execute(admin, 'CREATE DATABASE "%s"' % self.offline_db)
        admin.close()
        self.addCleanup(self.drop_offline)
        self.offline = connect(self.offline_db)
        self.addCleanup(self.offline.close)
        execute(self.offline, "CREATE EXTENSION migrate")
        self.use(self.conn, self.root)
        self.use(self.offline, self.root)

    def drop_offline(self):
        admin = connect()
        execute(admin, 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % self.offline_db)
        admin.close()

    def psql(self, script, database=None, ok=True):
        """Runs `script` with psql -v ON_ERROR_STOP=1 in the offline twin (or
        `database`); returns psql's (exit code, standard error)."""
        path = os.path.join(self.dir, "offline.sql")
        write_file(path, script)
        done = subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database or self.offline_db,
                               "-f", path], capture_output=True, text=True)
        if ok:
            self.assertEqual(done.returncode, 0, done.stderr + "\n" + script)
        return done.returncode, done.stderr

    def state(self, conn):
        versions = (sorted(r[0] for r in rows(conn, "SELECT version_num FROM alembic_version"))
                    if scalar(conn, "SELECT to_regclass('alembic_version')") else None)
        log = rows(conn, LOG) if scalar(conn, "SELECT to_regclass('alembic_version_log')") else None
        return rows(conn, SCHEMA), versions, log

    def check_refused(self, script, expected_start):
        """`script` run in the offline twin fails on its start check and
        changes nothing."""
        before = self.state(self.offline)
        code, err = self.psql(script, ok=False)
        self.assertNotEqual(code, 0, "the script ran on a database elsewhere:\n" + script)
        self.assertIn("the database is not at " + expected_start, err)
        self.assertEqual(self.state(self.offline), before)

    def step(self, online, offline):
        """Runs `online` here and the SQL of `offline` with psql there; the two
        databases must agree."""
        scalar(self.conn, "SELECT %s" % online)
        self.psql(scalar(self.offline, "SELECT %s" % offline))
        here, there = self.state(self.conn), self.state(self.offline)
        self.assertEqual(here, there, "after %s" % online)
        return here[:2]


class OfflineSqlTest(TwinDatabases):
    def setUp(self):
        super().setUp()
        sql_revision(self.versions_dir, "a1", upgrade="CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
                     downgrade="DROP TABLE account;")
        sql_revision(self.versions_dir, "b2", ["a1"], message="audit trigger", upgrade=FUNCTION,
                     downgrade="DROP TRIGGER audit_account ON account;\nDROP FUNCTION audit_account();\n"
                               "DROP TABLE audit;")
        sql_revision(self.versions_dir, "c3", ["a1"], message="side branch")
        sql_revision(self.versions_dir, "d4", ["b2", "c3"], message="merge", upgrade="", downgrade="")

    def test_upgrade_and_downgrade_scripts_match_the_online_calls(self):
        schema, versions = self.step("migrate_upgrade('b2')", "migrate_upgrade_sql('b2')")
        self.assertEqual(versions, ["b2"])
        self.assertIn(("trigger", "audit_account"), [r[:2] for r in schema])
        # Two heads, then their merge, from the current revision.
        _, versions = self.step("migrate_upgrade('c3')", "migrate_upgrade_sql('c3')")
        self.assertEqual(versions, ["b2", "c3"])
        _, versions = self.step("migrate_upgrade('heads')", "migrate_upgrade_sql('heads')")
        self.assertEqual(versions, ["d4"])
        # Down through the merge to one branch, then to base.
        _, versions = self.step("migrate_downgrade('b2')", "migrate_downgrade_sql('d4:b2')")
        self.assertEqual(versions, ["b2", "c3"])  # c3 is no ancestor of b2: it stays, as in Alembic
        schema, versions = self.step("migrate_downgrade('base')", "migrate_downgrade_sql('base')")
        self.assertEqual(versions, [])
        self.assertNotIn("account", [r[1] for r in schema])

    def test_a_range_from_base_matches_a_full_upgrade(self):
        _, versions = self.step("migrate_upgrade('heads')", "migrate_upgrade_sql('base:heads')")
        self.assertEqual(versions, ["d4"])

    def test_per_migration_transactions_give_the_same_result(self):
        execute(self.offline, "SET migrate.transaction_per_migration = 'true'")
        script = scalar(self.offline, "SELECT migrate_upgrade_sql('heads')")
        self.assertEqual(script.count("BEGIN;"), 4)
        self.psql(script)
        scalar(self.conn, "SELECT migrate_upgrade('heads')")
        self.assertEqual(self.state(self.conn), self.state(self.offline))

    def test_a_script_checks_where_the_database_is(self):
        for per_migration in ("false", "true"):
            with self.subTest(transaction_per_migration=per_migration):
                execute(self.offline, "SELECT migrate_config('transaction_per_migration', %s)", (per_migration,))
                execute(self.offline, "SELECT migrate_downgrade('base')")
                from_base = scalar(self.offline, "SELECT migrate_upgrade_sql('base:b2')")
                from_a1 = scalar(self.offline, "SELECT migrate_upgrade_sql('a1:heads')")
                down = scalar(self.offline, "SELECT migrate_downgrade_sql('b2:base')")
                self.check_refused(from_a1, "revision a1")  # no version table yet
                self.check_refused(down, "revision b2")
                execute(self.offline, "SELECT migrate_upgrade('c3')")
                self.check_refused(from_base, "base")
                self.check_refused(from_a1, "revision a1")
                execute(self.offline, "SELECT migrate_upgrade('b2')")
                self.check_refused(down, "revision b2")  # at b2 and c3
                execute(self.offline, "SELECT migrate_downgrade('base')")
                self.psql(from_base)  # base with an empty version table
                self.check_refused(from_base, "base")  # run twice: the second stops
                self.psql(down)
                self.assertEqual(self.versions(self.offline), [])

    def test_the_sqlite_extension_writes_the_same_postgresql_script(self):
        lite = sqlite_migrate(self.root)
        self.addCleanup(lite.close)
        for command, range_, start in [("upgrade", "base:heads", None), ("downgrade", "d4:a1", "d4"),
                                       ("upgrade", "a1:c3", "a1")]:
            with self.subTest(range=range_):
                for conn in (self.conn, self.offline):  # both at `start`, with an empty log
                    execute(conn, "SELECT migrate_downgrade('base')")
                    if start:
                        execute(conn, "SELECT migrate_upgrade(%s)", (start,))
                    execute(conn, "DROP TABLE IF EXISTS alembic_version_log")
                # Rendered at another revision: the range alone decides.
                ours = scalar(self.conn, "SELECT migrate_%s_sql(%%s)" % command, (range_,))
                self.assertEqual(scalar(self.conn, "SELECT migrate_%s_sql(%%s, 'postgresql')" % command, (range_,)),
                                 ours)
                theirs = lite.execute("SELECT migrate_%s_sql(?, 'postgresql')" % command, (range_,)).fetchone()[0]
                self.assertEqual(theirs, ours)
                # Through psql: the same schema, versions and log rows as the
                # online call, checksums included.
                self.psql(theirs)
                scalar(self.conn, "SELECT migrate_%s(%%s)" % command, (range_.split(":")[1],))
                here, there = self.state(self.conn), self.state(self.offline)
                self.assertEqual(there, here)
                self.assertTrue(here[2], "the log compared has rows")

    def test_bad_dialect(self):
        for bad in ("mysql", "", "postgres"):
            with self.subTest(dialect=bad):
                with self.assertRaises(psycopg2.Error) as caught:
                    scalar(self.conn, "SELECT migrate_upgrade_sql('base:heads', %s)", (bad,))
                self.assertRegex(str(caught.exception), "dialect .*'sqlite' or 'postgresql'")


class DialectsTest(TwinDatabases):
    """Scripts of the other engine, and sections that need the right
    terminator."""

    def test_a_section_ending_in_a_comment(self):
        sql_revision(self.versions_dir, "a1", upgrade="CREATE TABLE t_a (id int) -- the account table",
                     downgrade="DROP TABLE t_a /* gone; */ -- it's 'done'")
        sql_revision(self.versions_dir, "b2", ["a1"], upgrade="CREATE TABLE t_b (note text DEFAULT '--;') -- b",
                     downgrade="DROP TABLE t_b")
        self.step("migrate_upgrade('heads')", "migrate_upgrade_sql('heads')")
        self.step("migrate_downgrade('base')", "migrate_downgrade_sql('base')")

    def test_an_enum_value_used_in_the_next_revision_needs_transaction_per_migration(self):
        sql_revision(self.versions_dir, "a1", upgrade="CREATE TYPE mood AS ENUM ('sad');\n"
                                                        "CREATE TABLE person (name text, mood mood);",
                     downgrade="DROP TABLE person;\nDROP TYPE mood;")
        sql_revision(self.versions_dir, "b2", ["a1"], upgrade="ALTER TYPE mood ADD VALUE 'happy';", downgrade="")
        sql_revision(self.versions_dir, "c3", ["b2"], upgrade="ALTER TABLE person ALTER COLUMN mood SET DEFAULT 'happy';",
                     downgrade="ALTER TABLE person ALTER COLUMN mood DROP DEFAULT;")
        one_transaction = scalar(self.offline, "SELECT migrate_upgrade_sql('base:heads')")
        code, err = self.psql(one_transaction, ok=False)
        self.assertNotEqual(code, 0)
        self.assertIn('unsafe use of new value "happy"', err)
        self.assertIsNone(scalar(self.offline, "SELECT to_regclass('person')"))
        execute(self.offline, "SELECT migrate_config('transaction_per_migration', 'true')")
        self.psql(scalar(self.offline, "SELECT migrate_upgrade_sql('base:heads')"))
        self.assertEqual(self.versions(self.offline), ["c3"])
        execute(self.offline, "INSERT INTO person (name) VALUES ('ann')")
        self.assertEqual(scalar(self.offline, "SELECT mood::text FROM person"), "happy")

    def test_the_postgresql_extension_writes_the_sqlite_script(self):
        sql_revision(self.versions_dir, "a1", upgrade="CREATE TABLE account (id INTEGER PRIMARY KEY, note TEXT) -- end",
                     downgrade="DROP TABLE account")
        sql_revision(self.versions_dir, "b2", ["a1"], message="back\\slash")
        lite = sqlite_migrate(self.root)
        self.addCleanup(lite.close)
        lite_dir = tempfile.mkdtemp(prefix="migrate-pg-sqlite-")
        self.addCleanup(shutil.rmtree, lite_dir, True)
        database = os.path.join(lite_dir, "app.db")
        for command, range_, versions in [("upgrade", "base:heads", ["b2"]), ("downgrade", "b2:a1", ["a1"]),
                                          ("downgrade", "a1:base", [])]:
            with self.subTest(range=range_):
                script = scalar(self.conn, "SELECT migrate_%s_sql(%%s, 'sqlite')" % command, (range_,))
                self.assertEqual(script, lite.execute("SELECT migrate_%s_sql(?)" % command, (range_,)).fetchone()[0])
                done = subprocess.run([SQLITE3_SHELL, "-bail", database], input=script, capture_output=True,
                                      text=True)
                self.assertEqual(done.returncode, 0, done.stderr + "\n" + script)
                conn = sqlite3.connect(database)
                self.assertEqual([r[0] for r in conn.execute("SELECT version_num FROM alembic_version")], versions)
                conn.close()
        conn = sqlite3.connect(database)
        self.addCleanup(conn.close)
        self.assertEqual([r[0] for r in conn.execute("SELECT message FROM alembic_version_log ORDER BY id")],
                         ["create t_a1", "back\\slash", "back\\slash", "create t_a1"])


def outside_revision(folder, rev, down, upgrade, downgrade="", transactional=True):
    """A revision file whose upgrade section may be marked transaction:false."""
    marker = "-- migrate:upgrade" + ("" if transactional else " transaction:false")
    write_file(os.path.join(folder, "%s_step.sql" % rev),
               "-- step %s\n--\n-- Revision ID: %s\n-- Revises: %s\n\n%s\n%s\n\n-- migrate:downgrade\n%s\n"
               % (rev, rev, ", ".join(down), marker, upgrade, downgrade))


class OutsideTransactionTest(TwinDatabases):
    """Steps marked transaction:false in offline scripts: run by psql outside
    any transaction, recorded in a transaction of their own, resumed after a
    failure without running any step twice."""

    def setUp(self):
        super().setUp()
        outside_revision(self.versions_dir, "a1", [],
                         "CREATE TABLE account (id int, email text);\nCREATE TABLE runs (step text);\n"
                         "INSERT INTO runs VALUES ('a1');\nINSERT INTO account VALUES (1, 'x'), (2, 'x');")
        outside_revision(self.versions_dir, "b2", ["a1"],
                         "CREATE UNIQUE INDEX CONCURRENTLY account_email ON account (email) -- no lock on writes",
                         transactional=False)
        outside_revision(self.versions_dir, "c3", ["b2"], "INSERT INTO runs VALUES ('c3');\nCREATE TABLE t_c3 (id int);")

    def runs(self):
        return [r[0] for r in rows(self.offline, "SELECT step FROM runs ORDER BY step")]

    def index_valid(self):
        return scalar(self.offline, "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('account_email')")

    def test_a_failure_then_a_rerun_resumes(self):
        script = scalar(self.offline, "SELECT migrate_upgrade_sql('base:heads')")
        # Duplicate emails: the index fails, after a1 is committed.
        code, err = self.psql(script, ok=False)
        self.assertNotEqual(code, 0)
        self.assertIn("could not create unique index", err)
        self.assertEqual((self.versions(self.offline), self.runs(), self.index_valid()), (["a1"], ["a1"], False))
        # Fixed by hand as PostgreSQL asks (an invalid index is dropped); c3
        # will now fail on a table in its way.
        execute(self.offline, "DROP INDEX account_email; UPDATE account SET email = 'y' WHERE id = 2; "
                              "CREATE TABLE t_c3 (other int)")
        code, err = self.psql(script, ok=False)
        self.assertIn('relation "t_c3" already exists', err)
        self.assertEqual((self.versions(self.offline), self.runs(), self.index_valid()), (["b2"], ["a1"], True))
        execute(self.offline, "DROP TABLE t_c3")
        self.psql(script)
        self.assertEqual((self.versions(self.offline), self.runs(), self.index_valid()), (["c3"], ["a1", "c3"], True))
        # One log row per step, each with the checksum of its section.
        logged = rows(self.offline, "SELECT revision, checksum FROM alembic_version_log ORDER BY id")
        self.assertEqual(logged, rows(self.offline, "SELECT revision, checksum FROM migrate_versions ORDER BY revision"))
        # Once more: nothing to do.
        before = self.state(self.offline)
        self.psql(script)
        self.assertEqual(self.state(self.offline), before)

    def test_the_script_at_a_revision_it_never_reaches_stops(self):
        script = scalar(self.offline, "SELECT migrate_upgrade_sql('a1:heads')")
        execute(self.offline, "CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY); "
                              "INSERT INTO alembic_version VALUES ('zz')")
        self.check_refused(script, "revision a1 where this script starts, nor at a revision it reaches")
        self.assertIsNone(scalar(self.offline, "SELECT to_regclass('alembic_version_log')"))

    def test_the_sqlite_extension_writes_the_same_script_and_refuses_its_own(self):
        ours = scalar(self.conn, "SELECT migrate_upgrade_sql('base:heads')")
        lite = sqlite_migrate(self.root)
        self.addCleanup(lite.close)
        self.assertEqual(lite.execute("SELECT migrate_upgrade_sql('base:heads', 'postgresql')").fetchone()[0], ours)
        with self.assertRaises(sqlite3.Error) as caught:
            lite.execute("SELECT migrate_upgrade_sql('base:heads')")
        self.assertIn("revision b2", str(caught.exception))
        self.assertIn("transaction:false", str(caught.exception))
        with self.assertRaises(psycopg2.Error) as caught:
            scalar(self.conn, "SELECT migrate_upgrade_sql('base:heads', 'sqlite')")
        self.assertIn("revision b2", str(caught.exception))
        # Steps before it need no resuming form.
        self.assertNotIn("\\if", scalar(self.conn, "SELECT migrate_upgrade_sql('base:a1')"))


class ConcurrentScriptTest(TwinDatabases):
    """A script run while an in-database call is between its steps and its
    commit waits for that call's deployer lock, then finds the database
    moved and stops: a step never runs twice."""

    def test_a_script_waits_for_a_running_call_then_stops(self):
        sql_revision(self.versions_dir, "a1", upgrade="CREATE TABLE counter (n INTEGER);",
                     downgrade="DROP TABLE counter;")
        sql_revision(self.versions_dir, "b2", ["a1"], message="count", upgrade="INSERT INTO counter VALUES (1);",
                     downgrade="DELETE FROM counter;")
        execute(self.offline, "SELECT migrate_upgrade('a1')")
        script = scalar(self.offline, "SELECT migrate_upgrade_sql('a1:b2')")
        other = connect(self.offline_db)
        self.addCleanup(other.close)
        other.autocommit = False
        self.use(other, self.root)
        other.commit()
        scalar(other, "SELECT migrate_upgrade('b2')")  # its transaction stays open
        path = os.path.join(self.dir, "offline.sql")
        write_file(path, script)
        psql = subprocess.Popen([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.offline_db, "-f", path],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 20
            while not scalar(self.conn, "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                                        "AND application_name = 'psql' AND wait_event_type = 'Lock'",
                             (self.offline_db,)):
                self.assertIsNone(psql.poll(), "the script did not wait for the running call")
                self.assertLess(time.monotonic(), deadline, "the script never waited on a lock")
                time.sleep(0.05)
            other.commit()
            _, err = psql.communicate(timeout=30)
        finally:
            if psql.poll() is None:
                psql.kill()
        self.assertNotEqual(psql.returncode, 0, "the script ran its step again after the call's")
        self.assertIn("the database is not at revision a1", err)
        self.assertEqual(scalar(self.offline, "SELECT count(*) FROM counter"), 1)
        self.assertEqual(self.versions(self.offline), ["b2"])


if __name__ == "__main__":
    import unittest

    unittest.main()
