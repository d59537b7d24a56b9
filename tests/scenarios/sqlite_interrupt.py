"""SQLite only: sqlite3_interrupt() (Python's Connection.interrupt, the
shell's ^C) ends a long call at once. migrate_versions over many revision
files runs no SQL while it reads the folder and builds its rows; those loops
poll Database::check_interrupts, so the interrupt, sent late in the call
(60% of an uninterrupted one), is not left until the call ends."""

import os
import shutil
import sqlite3
import tempfile
import threading
import time
import unittest

MANY = 30000


class SqliteInterruptTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if os.environ.get("MIGRATE_TEST_ENGINE", "sqlite") != "sqlite":
            raise unittest.SkipTest("SQLite only")
        cls.dir = tempfile.mkdtemp(prefix="migrate-sqlite-interrupt-")
        versions = os.path.join(cls.dir, "migrations", "versions")
        os.makedirs(versions)
        for i in range(MANY):
            down = "r%06d" % (i - 1) if i else ""
            with open(os.path.join(versions, "r%06d_step.sql" % i), "w") as f:
                f.write("-- step %d\n--\n-- Revision ID: r%06d\n-- Revises: %s\n\n-- migrate:upgrade\nSELECT 1;\n\n"
                        "-- migrate:downgrade\nSELECT 1;\n" % (i, i, down))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, True)

    def connect(self):
        conn = sqlite3.connect(os.path.join(self.dir, "app.db"), check_same_thread=False)
        conn.enable_load_extension(True)
        conn.load_extension(os.path.abspath(os.environ["MIGRATE_SQLITE_EXTENSION"]))
        conn.execute("SELECT migrate_config('script_location', ?)", (os.path.join(self.dir, "migrations"),))
        self.addCleanup(conn.close)
        return conn

    def versions_call(self, conn):
        started = time.monotonic()
        try:
            conn.execute("SELECT count(*) FROM migrate_versions").fetchone()
            return None, time.monotonic() - started
        except sqlite3.OperationalError as e:
            return e, time.monotonic() - started

    def test_interrupt_during_migrate_versions(self):
        conn = self.connect()
        # The first call warms the file cache and keeps the graph for the
        # process's next calls (the folder was written just now, so that
        # takes two): the call interrupted below is timed as a kept one.
        for _ in range(3):
            error, whole = self.versions_call(conn)
            self.assertIsNone(error)
        timer = threading.Timer(whole * 0.6, conn.interrupt)
        timer.start()
        error, elapsed = self.versions_call(conn)
        timer.join()
        self.assertIsNotNone(error, "the call ran to its end (%.1fs)" % whole)
        self.assertIn("interrupted", str(error))
        self.assertLess(elapsed, whole * 0.6 + min(0.5, whole / 10), "whole call %.1fs" % whole)
        # The connection goes on.
        self.assertEqual(conn.execute("SELECT 1").fetchone(), (1,))


if __name__ == "__main__":
    unittest.main()
