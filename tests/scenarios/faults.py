"""Faults in the middle of a step: the process killed (SQLite), the disk
full (SQLite's max_page_count), the backend terminated (PostgreSQL). Each
time the database is left at its previous revision, intact: schema, version
table, audit log and the rows the step had already changed are as before.

MIGRATE_TEST_REPORT=1 prints what each test saw (docs/RELIABILITY.md)."""

import os
import signal
import subprocess
import sys
import threading
import time
import unittest

from .engines import MigrateError
from .invariants import NothingWrittenMixin, full_state
from .scenario import ScenarioTest, log, rev


def report(text):
    if os.environ.get("MIGRATE_TEST_REPORT"):
        print("\n    [report] " + text, file=sys.stderr)


# A process that loads the extension and runs migrate_upgrade('head') while
# a small page cache makes SQLite spill the step's changes into the database
# file (or the WAL) long before the commit. announce(what) creates
# <marker>.<what> so that the test knows how far the step got.
CHILD = r"""
import sqlite3, sys
database, extension, location, marker = sys.argv[1:5]
conn = sqlite3.connect(database, isolation_level=None)
conn.enable_load_extension(True)
conn.load_extension(extension)

def announce(what):
    open(marker + "." + what, "w").close()
    return 1

conn.create_function("announce", 1, announce)
conn.execute("PRAGMA cache_size = 16")
conn.execute("SELECT migrate_config('script_location', ?)", (location,))
conn.execute("SELECT migrate_upgrade('head')")
"""

LEDGER_ROWS = 20000

# The long step: rewrites every page of an existing table (the rollback
# journal must restore them), adds a 200,000-row table, then spins on the
# CPU for as long as knobs.spin says (a test sets it to 0 to finish).
LONG_STEP = """SELECT announce('started');
UPDATE ledger SET payload = randomblob(64);
CREATE TABLE big (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);
INSERT INTO big (payload)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT randomblob(64) FROM n;
INSERT INTO t_a (id) VALUES (2);
SELECT announce('written');
SELECT count(*) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT spin FROM knobs))
                      SELECT i FROM n);"""


class SqliteKilledProcessTest(NothingWrittenMixin, ScenarioTest):
    """SIGKILL in the middle of a long step: the next connection finds a hot
    journal (or WAL frames without a commit), rolls it back, and sees the
    previous revision with PRAGMA integrity_check 'ok'."""

    def setUp(self):
        super().setUp()
        self.require_engine("sqlite", "the SQLite process is killed; PostgreSQL's case is a terminated backend")
        self.path = self.db.spec["path"]
        self.root = self.project(rev("a"), rev("b", "a", message="long step", upgrade=LONG_STEP,
                                                downgrade="DROP TABLE big;"), rev("c", "b"))

    def prepare(self, journal_mode):
        self.db.execute("PRAGMA journal_mode = %s" % journal_mode)
        self.db.executescript(
            "CREATE TABLE knobs (spin INTEGER NOT NULL);\n"
            "INSERT INTO knobs VALUES (100000000);\n"
            "CREATE TABLE ledger (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);\n"
            "INSERT INTO ledger (payload) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
            "WHERE i < %d) SELECT randomblob(64) FROM n;" % LEDGER_ROWS)
        self.assertEqual(self.upgrade("a"), log("upgrade  -> a, create t_a"))
        self.db.execute("INSERT INTO t_a (id) VALUES (1)")

    def data(self, db):
        return db.rows("SELECT id, payload FROM ledger ORDER BY id"), db.rows("SELECT id FROM t_a ORDER BY id")

    def kill_during_step(self, marker_name, delay, journal):
        """Runs the child until its step announces `marker_name`, waits
        `delay` seconds more and until the step has written to `journal`
        (the file's -journal or -wal), and kills it. Returns the sizes of the
        database file, its journal and its WAL at the moment of the kill."""
        marker = os.path.join(self.dir, "marker")
        child = subprocess.Popen([sys.executable, "-c", CHILD, self.path, os.environ["MIGRATE_SQLITE_EXTENSION"],
                                  self.root, marker], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while not os.path.exists(marker + "." + marker_name):
                if child.poll() is not None:
                    self.fail("the child ended before its step got to %r: %s" % (marker_name, child.stderr.read()))
                self.assertLess(time.monotonic(), deadline, "the child never got to %r" % marker_name)
                time.sleep(0.005)
            time.sleep(delay)
            while not (os.path.exists(self.path + journal) and os.path.getsize(self.path + journal) > 0):
                self.assertIsNone(child.poll(), "the child ended before its step wrote")
                self.assertLess(time.monotonic(), deadline, "the step never wrote to " + journal)
                time.sleep(0.005)
            sizes = {suffix or "database": os.path.getsize(self.path + suffix)
                     for suffix in ("", "-journal", "-wal") if os.path.exists(self.path + suffix)}
            os.kill(child.pid, signal.SIGKILL)
            child.communicate(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        self.assertEqual(child.returncode, -signal.SIGKILL, "the child was not killed in the middle of its step")
        return sizes

    def check_killed(self, journal_mode, marker_name, delay):
        self.prepare(journal_mode)
        before, data_before = full_state(self.db), self.data(self.db)
        self.db.close()  # the file is the child's alone until it dies
        # The step has written: a hot journal, or WAL frames without a commit.
        sizes = self.kill_during_step(marker_name, delay, "-wal" if journal_mode == "wal" else "-journal")

        self.db = self.engine.connect({"path": self.path})
        self.addCleanup(self.db.close)
        self.db.use_script_location(self.root)
        self.assertEqual(self.db.rows("PRAGMA integrity_check"), [("ok",)])
        self.assertEqual(full_state(self.db), before)
        self.assertEqual(self.data(self.db), data_before)
        self.assertCurrent("a")
        self.assertFalse(os.path.exists(self.path + "-journal"), "the hot journal was not rolled back")
        report("%s, killed %.1fs after %r: sizes at the kill %s; reopened at 'a', integrity_check ok"
               % (journal_mode, delay, marker_name, sizes))

        # The database goes on: the same step runs to the end.
        self.db.conn.create_function("announce", 1, lambda what: 1)
        self.db.execute("UPDATE knobs SET spin = 0")
        self.assertEqual(self.upgrade("head"), log("upgrade a -> b, long step", "upgrade b -> c, create t_c"))
        self.assertEqual(self.db.rows("PRAGMA integrity_check"), [("ok",)])
        self.assertEqual(self.db.scalar("SELECT count(*) FROM big"), 200000)

    def test_killed_while_the_step_writes_rollback_journal(self):
        self.check_killed("delete", "started", 0.1)

    def test_killed_after_the_step_wrote_rollback_journal(self):
        self.check_killed("delete", "written", 0.3)

    def test_killed_while_the_step_writes_wal(self):
        self.check_killed("wal", "started", 0.1)

    def test_killed_after_the_step_wrote_wal(self):
        self.check_killed("wal", "written", 0.3)


# Inserts enough rows to need far more than a few free pages.
FILLING_STEP = ("CREATE TABLE filler (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);\n"
                "INSERT INTO filler (payload) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                "WHERE i < 20000) SELECT randomblob(200) FROM n;\n"
                "INSERT INTO t_a (id) VALUES (2);")


class SqliteFullDiskTest(NothingWrittenMixin, ScenarioTest):
    """PRAGMA max_page_count makes the disk full for this connection: the
    step fails with SQLite's SQLITE_FULL, naming the revision and its file,
    and nothing of the call remains."""

    def setUp(self):
        super().setUp()
        self.require_engine("sqlite", "PRAGMA max_page_count")
        self.revs = [rev("a"), rev("b", "a", message="fill the disk", upgrade=FILLING_STEP,
                                   downgrade="DROP TABLE filler;"), rev("c", "b")]
        self.root = self.project(*self.revs)
        self.upgrade("a")
        self.db.execute("INSERT INTO t_a (id) VALUES (1)")

    def fill(self, spare_pages=20):
        pages = self.db.scalar("PRAGMA page_count")
        self.assertEqual(self.db.scalar("PRAGMA max_page_count = %d" % (pages + spare_pages)), pages + spare_pages)

    def check_failure(self, error):
        self.assertEqual(error.code, "SQLITE_FULL")
        self.assertIn("upgrade of revision b", error.message)
        self.assertIn(self.path_of(self.root, self.revs[1]), error.message)
        self.assertIn("database or disk is full", error.message)
        self.assertEqual(self.db.rows("PRAGMA integrity_check"), [("ok",)])

    def test_full_in_the_middle_of_a_step(self):
        self.fill()
        error = self.assertFailsWithoutWriting("migrate_upgrade", "head")
        self.check_failure(error)
        self.assertEqual(self.db.rows("SELECT id FROM t_a"), [(1,)])
        self.assertCurrent("a")
        report("max_page_count = page_count + 20: %s" % error.message)
        # Room again: the same call succeeds.
        self.db.execute("PRAGMA max_page_count = 1073741823")
        self.assertEqual(self.upgrade("head"), log("upgrade a -> b, fill the disk", "upgrade b -> c, create t_c"))

    def test_full_inside_the_callers_transaction(self):
        self.fill()
        self.db.begin()
        self.db.execute("INSERT INTO t_a (id) VALUES (5)")
        before = full_state(self.db)
        with self.assertRaises(MigrateError) as caught:
            self.upgrade("head")
        self.assertEqual(full_state(self.db), before)
        self.assertTrue(self.db.in_transaction(), "the caller's transaction was lost")
        self.db.commit()
        self.assertEqual(caught.exception.code, "SQLITE_FULL")
        self.assertEqual(self.db.rows("SELECT id FROM t_a ORDER BY id"), [(1,), (5,)])  # the caller's own row stays
        self.assertCurrent("a")

    def test_full_with_transaction_per_migration(self):
        # Steps that committed before the full one stay; the full one leaves nothing.
        self.db.config("transaction_per_migration", "true")
        self.downgrade("base")
        self.db.execute("DELETE FROM alembic_version_log")
        self.fill(spare_pages=30)
        with self.assertRaises(MigrateError) as caught:
            self.upgrade("head")
        self.check_failure(caught.exception)
        self.assertState(["a"], ["t_a"])
        self.assertEqual([r[:3] for r in self.db.rows("SELECT direction, revision, to_revisions FROM "
                                                      "alembic_version_log ORDER BY id")],
                         [("upgrade", "a", "a")])

    def test_no_room_for_the_version_table(self):
        path = os.path.join(self.dir, "empty.db")
        empty = self.engine.connect({"path": path})
        self.addCleanup(empty.close)
        empty.use_script_location(self.root)
        self.assertEqual(empty.scalar("PRAGMA max_page_count = 1"), 1)
        error = self.assertFailsWithoutWriting("migrate_upgrade", "head", db=empty, contains="database or disk is full")
        self.assertEqual(error.code, "SQLITE_FULL")
        self.assertEqual(empty.tables(), [])
        report("max_page_count = 1 on an empty file: %s" % error.message)


class PostgresTerminatedBackendTest(NothingWrittenMixin, ScenarioTest):
    """pg_terminate_backend while a step runs: the connection ends, the
    server goes on, and the step's transaction never commits."""

    def setUp(self):
        super().setUp()
        self.require_engine("postgresql", "a server backend; SQLite's case is the killed process")
        self.db.execute("CREATE TABLE knobs (spin DOUBLE PRECISION NOT NULL)")
        self.db.execute("INSERT INTO knobs VALUES (60)")
        step = ("CREATE TABLE big (id SERIAL PRIMARY KEY, payload TEXT NOT NULL);\n"
                "INSERT INTO big (payload) SELECT md5(i::text) FROM generate_series(1, 200000) AS i;\n"
                "UPDATE ledger SET payload = md5(payload);\n"
                "INSERT INTO t_a (id) VALUES (2);\n"
                "SELECT pg_sleep((SELECT spin FROM knobs));")
        self.root = self.project(rev("a"), rev("b", "a", message="long step", upgrade=step, downgrade="DROP TABLE big;"),
                                 rev("c", "b"))
        self.db.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        self.db.execute("INSERT INTO ledger SELECT i, md5(i::text) FROM generate_series(1, 20000) AS i")
        self.upgrade("a")
        self.db.execute("INSERT INTO t_a (id) VALUES (1)")

    def data(self):
        return self.db.rows("SELECT id, payload FROM ledger ORDER BY id"), self.db.rows("SELECT id FROM t_a ORDER BY id")

    def test_terminated_during_a_step(self):
        before, data_before = full_state(self.db), self.data()
        deployer = self.engine.connect(self.db.spec)
        self.addCleanup(deployer.close)
        deployer.use_script_location(self.root)
        pid = deployer.scalar("SELECT pg_backend_pid()")
        outcome = {}

        def run():
            try:
                outcome["result"] = deployer.call("migrate_upgrade", "head")
            except MigrateError as e:
                outcome["error"] = e

        thread = threading.Thread(target=run)
        thread.start()
        deadline = time.monotonic() + 60
        while self.db.scalar("SELECT wait_event FROM pg_stat_activity WHERE pid = %d" % pid) != "PgSleep":
            self.assertLess(time.monotonic(), deadline, "the step never got to its pg_sleep")
            time.sleep(0.02)
        self.assertTrue(self.db.scalar("SELECT pg_terminate_backend(%d)" % pid))
        thread.join(60)
        self.assertFalse(thread.is_alive())
        self.assertIn("error", outcome, outcome)
        # psycopg2 reports the FATAL message or, having read it late, the closed socket
        self.assertRegex(outcome["error"].message, "terminating connection due to administrator command|"
                                                   "server closed the connection unexpectedly")
        self.assertEqual(full_state(self.db), before)
        self.assertEqual(self.data(), data_before)
        self.assertCurrent("a")
        report("pg_terminate_backend during the step: %r; the database is at 'a'" % outcome["error"].message)

        # The server and the database go on.
        self.db.execute("UPDATE knobs SET spin = 0")
        self.assertEqual(self.upgrade("head"), log("upgrade a -> b, long step", "upgrade b -> c, create t_c"))


if __name__ == "__main__":
    unittest.main()
