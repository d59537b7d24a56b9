"""Steps marked `transaction:false` run at top level from the command line
(docs/cli.md): what came before is committed, the section runs statement by
statement outside any transaction (PostgreSQL's CREATE INDEX CONCURRENTLY,
SQLite's VACUUM), and the step is recorded in a transaction of its own. A
failure there leaves the earlier steps applied and recorded; the in-database
call still refuses such a step. On SQLite or PostgreSQL (MIGRATE_TEST_ENGINE)."""
import os
import re
import sqlite3
import subprocess
import time
import unittest

from cli_support import ENGINE, FAILED, MIGRATE, CliTestCase, Rev, write_file

EXTENSION = os.environ.get("MIGRATE_SQLITE_EXTENSION")

if ENGINE == "postgresql":
    OUTSIDE_UP = ["CREATE TABLE t_b (id INTEGER PRIMARY KEY, v INTEGER)", "CREATE INDEX CONCURRENTLY ix_b ON t_b (v)"]
    OUTSIDE_DOWN = ["DROP INDEX CONCURRENTLY ix_b", "DROP TABLE t_b"]
    FAILING = "CREATE INDEX CONCURRENTLY ix_missing ON no_such_table (v)"
else:
    OUTSIDE_UP = ["CREATE TABLE t_b (id INTEGER PRIMARY KEY, v INTEGER)", "VACUUM"]
    OUTSIDE_DOWN = ["DROP TABLE t_b", "VACUUM"]
    FAILING = "INSERT INTO no_such_table VALUES (1)"


def graph(outside_up=OUTSIDE_UP, outside_down=OUTSIDE_DOWN):
    """a -> b -> c, where b runs outside a transaction both ways."""
    return [Rev("a"), Rev("b", "a", upgrade=outside_up, downgrade=outside_down), Rev("c", "b")]


class OutsideTransaction(CliTestCase):

    def project(self, revisions):
        project = self.migrate_project(revisions)
        path = os.path.join(project.versions, revisions[1].stem + ".sql")
        with open(path) as f:
            text = f.read()
        text = re.sub(r"(?m)^-- migrate:(upgrade|downgrade)$", r"-- migrate:\1 transaction:false", text)
        write_file(path, text)
        return project

    def log(self, url):
        """The audit log's (revision, direction) rows, oldest first."""
        sql = "SELECT revision, direction FROM alembic_version_log ORDER BY id"
        if ENGINE == "postgresql":
            conn = self.dbs.connect(url)
            try:
                cur = conn.cursor()
                cur.execute(sql)
                return cur.fetchall()
            finally:
                conn.close()
        conn = sqlite3.connect(url[len("sqlite:///"):])
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()

    def test_upgrade_and_downgrade_through_a_step_outside_a_transaction(self):
        project = self.project(graph())
        r = project.run("upgrade", "head")
        self.assertEqual(r.status, 0, r)
        self.assertEqual(r.running, ["Running upgrade  -> a, step a", "Running upgrade a -> b, step b",
                                     "Running upgrade b -> c, step c"])
        self.assertEqual(self.dbs.state(project.url), (["c"], ["t_a", "t_b", "t_c"]))
        if ENGINE == "postgresql":
            conn = self.dbs.connect(project.url)
            cur = conn.cursor()
            cur.execute("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_b'::regclass")
            self.assertEqual(cur.fetchall(), [(True,)])
            conn.close()
        r = project.run("downgrade", "a")
        self.assertEqual(r.status, 0, r)
        self.assertEqual(r.running, ["Running downgrade c -> b, step c", "Running downgrade b -> a, step b"])
        self.assertEqual(self.dbs.state(project.url), (["a"], ["t_a"]))
        r = project.run("-x", "transaction_per_migration=true", "upgrade", "head")
        self.assertEqual(r.status, 0, r)
        r = project.run("downgrade", "base")
        self.assertEqual(r.status, 0, r)
        self.assertEqual(self.dbs.state(project.url), ([], []))

    def test_a_failure_outside_a_transaction_keeps_the_steps_before_it(self):
        project = self.project(graph(outside_up=OUTSIDE_UP + [FAILING]))
        r = project.run("upgrade", "head")
        self.assertEqual(r.status, FAILED, r)
        self.assertRegex(r.failed, r"^upgrade of revision b \(.*/versions/b_step_b\.sql, line \d+\) failed: .*no_such_table")
        # a was committed before b ran, and recorded; b's statements that ran
        # before the failure stay (each ran on its own); b is not recorded.
        self.assertEqual(self.dbs.state(project.url), (["a"], ["t_a", "t_b"]))
        self.assertEqual(self.log(project.url), [("a", "upgrade")])

    def test_the_in_database_call_still_refuses_it(self):
        project = self.project(graph())
        location = os.path.join(project.root, "migrations")
        if ENGINE == "postgresql":
            import psycopg2
            self.dbs.execute(project.url, "CREATE EXTENSION migrate")
            conn = self.dbs.connect(project.url)
            cur = conn.cursor()
            cur.execute("SELECT set_config('migrate.script_location', %s, false)", (location,))
            with self.assertRaisesRegex(psycopg2.Error, r"Can't run upgrade of revision b .*transaction:false"):
                cur.execute("SELECT migrate_upgrade('head')")
            conn.close()
        else:
            conn = sqlite3.connect(project.url[len("sqlite:///"):], isolation_level=None)
            conn.enable_load_extension(True)
            conn.load_extension(EXTENSION)
            conn.execute("SELECT migrate_config('script_location', ?)", (location,))
            with self.assertRaisesRegex(sqlite3.Error, r"Can't run upgrade of revision b .*transaction:false"):
                conn.execute("SELECT migrate_upgrade('head')")
            conn.close()
        self.assertEqual(self.dbs.state(project.url), (None, []))

    @unittest.skipUnless(ENGINE == "postgresql", "PostgreSQL only")
    def test_the_deployer_lock_is_held_while_the_step_runs(self):
        # An in-database call waits for the same advisory lock: while b runs
        # outside any transaction, another session cannot take it.
        project = self.project(graph(outside_up=OUTSIDE_UP + ["SELECT pg_sleep(3)"]))
        proc = subprocess.Popen([MIGRATE, "upgrade", "head"], cwd=project.root, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        conn = self.dbs.connect(project.url)
        conn.autocommit = True
        cur = conn.cursor()
        deadline = time.time() + 30
        while time.time() < deadline:
            cur.execute("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%' "
                        "AND state = 'active' AND pid <> pg_backend_pid()")
            if cur.fetchone()[0]:
                break
            time.sleep(0.05)
        else:
            self.fail("the step outside a transaction never ran")
        cur.execute("SELECT pg_try_advisory_lock(hashtextextended('migrate public.alembic_version', 0))")
        self.assertEqual(cur.fetchone()[0], False)
        conn.close()
        out, err = proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual(self.dbs.state(project.url)[0], ["c"])


if __name__ == "__main__":
    unittest.main()
