"""A long step interrupted from outside: statement cancel, statement_timeout
and a killed backend end the call with PostgreSQL's own error (or the end of
the connection); nothing of the call is applied; the database stays at its
previous revision and the server goes on."""

import os
import shutil
import tempfile
import threading
import time
import unittest

import psycopg2
import psycopg2.errorcodes

from pg_support import DatabaseTest, connect, execute, rows, scalar, sql_revision


class InterruptedStepTest(DatabaseTest):
    def setUp(self):
        super().setUp()
        self.root = self.folder("migrations")
        versions = self.folder("migrations", "versions")
        sql_revision(versions, "a")
        sql_revision(versions, "b", ["a"])
        sql_revision(versions, "c", ["b"], upgrade="CREATE TABLE t_c (id INTEGER);\n"
                                                   "INSERT INTO t_a (id) VALUES (1);\n"
                                                   "SELECT pg_sleep(60);")
        self.deployer = self.session()
        self.use(self.deployer, self.root)
        scalar(self.deployer, "SELECT migrate_upgrade('a')")
        self.pid = scalar(self.deployer, "SELECT pg_backend_pid()")

    def start_upgrade(self):
        """migrate_upgrade('head') in a thread; returns (thread, outcome)."""
        outcome = {}

        def run():
            try:
                outcome["result"] = scalar(self.deployer, "SELECT migrate_upgrade('head')")
            except psycopg2.Error as e:
                outcome["error"] = e

        thread = threading.Thread(target=run)
        thread.start()
        return thread, outcome

    def wait_for(self, wait_event, timeout=30):
        """Until the deployer's backend waits on `wait_event` (PgSleep: inside
        step c; advisory: for the deployer lock)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            event = scalar(self.conn, "SELECT wait_event FROM pg_stat_activity WHERE pid = %s", (self.pid,))
            if event == wait_event:
                return
            time.sleep(0.02)
        self.fail("the deployer never waited on %s" % wait_event)

    def assertAtPreviousRevision(self, conn):
        self.assertEqual(scalar(conn, "SELECT migrate_current()"), "a")
        self.assertEqual(self.versions(conn), ["a"])
        self.assertEqual(self.tables(conn), ["alembic_version", "alembic_version_log", "t_a"])
        self.assertEqual(rows(conn, "SELECT id FROM t_a"), [])

    def test_cancel_during_a_step(self):
        thread, outcome = self.start_upgrade()
        self.wait_for("PgSleep")
        self.assertTrue(scalar(self.conn, "SELECT pg_cancel_backend(%s)", (self.pid,)))
        thread.join(30)
        error = outcome["error"]
        self.assertEqual(error.pgcode, psycopg2.errorcodes.QUERY_CANCELED)
        self.assertEqual(error.diag.message_primary, "canceling statement due to user request")
        # The backend is alive and the session goes on.
        self.assertEqual(scalar(self.deployer, "SELECT pg_backend_pid()"), self.pid)
        self.use(self.deployer, self.root)
        self.assertAtPreviousRevision(self.deployer)

    def test_statement_timeout_during_a_step(self):
        execute(self.deployer, "SET statement_timeout = '500ms'")
        thread, outcome = self.start_upgrade()
        thread.join(30)
        error = outcome["error"]
        self.assertEqual(error.pgcode, psycopg2.errorcodes.QUERY_CANCELED)
        self.assertEqual(error.diag.message_primary, "canceling statement due to statement timeout")
        execute(self.deployer, "RESET statement_timeout")
        self.assertAtPreviousRevision(self.deployer)

    def test_killed_backend_during_a_step(self):
        thread, outcome = self.start_upgrade()
        self.wait_for("PgSleep")
        self.assertTrue(scalar(self.conn, "SELECT pg_terminate_backend(%s)", (self.pid,)))
        thread.join(30)
        self.assertIsInstance(outcome["error"], psycopg2.OperationalError)
        self.assertTrue(self.deployer.closed)
        # The server goes on; a new session sees the previous revision.
        fresh = self.session()
        self.use(fresh, self.root)
        self.assertAtPreviousRevision(fresh)
        self.assertEqual(scalar(connect(), "SELECT 1"), 1)

    def test_cancel_while_waiting_for_the_deployer_lock(self):
        holder = self.session()
        self.use(holder, self.root)
        holder.autocommit = False
        self.assertEqual(scalar(holder, "SELECT migrate_stamp('b')"), "Running stamp_revision a -> b")
        thread, outcome = self.start_upgrade()
        self.wait_for("advisory")
        scalar(self.conn, "SELECT pg_cancel_backend(%s)", (self.pid,))
        thread.join(30)
        self.assertEqual(outcome["error"].pgcode, psycopg2.errorcodes.QUERY_CANCELED)
        holder.rollback()
        self.assertAtPreviousRevision(self.deployer)


class InterruptedLongCallTest(DatabaseTest):
    """migrate_versions over 100,000 revision files spends its time in C++
    loops (reading the folder, a row per revision) that run no SQL: they poll
    for interrupts, so a cancel or statement_timeout ends the call at once
    rather than when it would have finished. The interrupt comes late in the
    call (60% of an uninterrupted one), past its last SQL statement, where
    nothing but those polls would notice it."""

    MANY = 100000

    @classmethod
    def setUpClass(cls):
        cls.root = tempfile.mkdtemp(prefix="migrate-pg-many-")
        versions = os.path.join(cls.root, "versions")
        os.makedirs(versions)
        for folder in (cls.root, versions):
            os.chmod(folder, 0o755)
        for i in range(cls.MANY):
            down = "r%06d" % (i - 1) if i else ""
            with open(os.path.join(versions, "r%06d_step.sql" % i), "w") as f:
                f.write("-- step %d\n--\n-- Revision ID: r%06d\n-- Revises: %s\n\n-- migrate:upgrade\nSELECT 1;\n\n"
                        "-- migrate:downgrade\nSELECT 1;\n" % (i, i, down))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, True)

    def versions_call(self, conn):
        """SELECT count(*) FROM migrate_versions: (error or None, seconds)."""
        started = time.monotonic()
        try:
            scalar(conn, "SELECT count(*) FROM migrate_versions")
            return None, time.monotonic() - started
        except psycopg2.Error as e:
            return e, time.monotonic() - started

    def test_cancel_and_statement_timeout_during_migrate_versions(self):
        deployer = self.session()
        self.use(deployer, self.root)
        pid = scalar(deployer, "SELECT pg_backend_pid()")
        # The first call warms the file cache and keeps the graph for the
        # backend's next calls (the folder was written just now, so that
        # takes two): the call interrupted below is timed as a kept one.
        for _ in range(3):
            error, whole = self.versions_call(deployer)
            self.assertIsNone(error)
        slack = min(0.5, whole / 10)

        # pg_cancel_backend
        outcome = {}
        thread = threading.Thread(target=lambda: outcome.update(result=self.versions_call(deployer)))
        thread.start()
        time.sleep(whole * 0.6)
        cancelled = time.monotonic()
        self.assertTrue(scalar(self.conn, "SELECT pg_cancel_backend(%s)", (pid,)))
        thread.join(120)
        error, _ = outcome["result"]
        latency = time.monotonic() - cancelled
        self.assertIsNotNone(error, "the call ran to its end (%.1fs)" % whole)
        self.assertEqual(error.pgcode, psycopg2.errorcodes.QUERY_CANCELED)
        self.assertLess(latency, slack, "whole call %.1fs" % whole)
        self.assertEqual(scalar(deployer, "SELECT 1"), 1)

        # statement_timeout
        timeout_ms = max(int(whole * 1000 * 0.6), 50)
        execute(deployer, "SET statement_timeout = %d" % timeout_ms)
        error, elapsed = self.versions_call(deployer)
        self.assertIsNotNone(error, "the call ran to its end (%.1fs)" % whole)
        self.assertEqual(error.diag.message_primary, "canceling statement due to statement timeout")
        self.assertLess(elapsed, timeout_ms / 1000 + slack, "whole call %.1fs" % whole)


if __name__ == "__main__":
    unittest.main()
