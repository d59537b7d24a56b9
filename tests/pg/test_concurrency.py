"""One deployer at a time (docs/reference.md section 8) on PostgreSQL: sessions calling
migrate_upgrade('head') at the same moment serialise on the advisory lock
taken before the version table is read. Every step runs once, the version
table ends right, and no session fails: the losers wait, then find nothing
left to do."""

import threading
import time
import unittest

import psycopg2

from pg_support import DatabaseTest, execute, rows, scalar, sql_revision


def recording(folder, rev, down=(), extra=""):
    """A step that records in table `applied` that it ran."""
    return sql_revision(folder, rev, down, upgrade="%sCREATE TABLE t_%s (id INTEGER PRIMARY KEY);\n"
                                                   "INSERT INTO applied (step) VALUES ('%s');" % (extra, rev, rev))


FULL_LOG = ("Running upgrade  -> a, create t_a\n"
            "Running upgrade a -> b, create t_b\n"
            "Running upgrade b -> c, create t_c")


class ConcurrentUpgradeTest(DatabaseTest):
    def setUp(self):
        super().setUp()
        execute(self.conn, "CREATE TABLE applied (step TEXT NOT NULL)")
        self.root = self.folder("migrations")
        versions = self.folder("migrations", "versions")
        recording(versions, "a")
        # b keeps the winner inside its run while the others arrive.
        recording(versions, "b", ["a"], extra="SELECT pg_sleep(0.5);\n")
        recording(versions, "c", ["b"])

    def deploy(self, count, before=None):
        """`count` sessions call migrate_upgrade('head') together; returns
        each one's result or exception."""
        sessions = [self.session() for _ in range(count)]
        for s in sessions:
            self.use(s, self.root)
        barrier = threading.Barrier(count)
        outcomes = [None] * count

        def deployer(i):
            barrier.wait()
            try:
                outcomes[i] = scalar(sessions[i], "SELECT migrate_upgrade('head')")
            except psycopg2.Error as e:
                outcomes[i] = e

        threads = [threading.Thread(target=deployer, args=(i,)) for i in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        return outcomes

    def applied(self):
        return sorted(r[0] for r in rows(self.conn, "SELECT step FROM applied"))

    def check(self, outcomes, full_log):
        errors = [o for o in outcomes if isinstance(o, Exception)]
        self.assertEqual(errors, [])
        self.assertEqual(sorted(outcomes), [""] * (len(outcomes) - 1) + [full_log])
        self.assertEqual(self.applied(), ["a", "b", "c"])
        self.assertEqual(self.versions(), ["c"])
        self.assertEqual(self.tables(), ["alembic_version", "alembic_version_log", "applied", "t_a", "t_b", "t_c"])
        # the audit log agrees: each step logged once, by the session that ran it
        self.assertEqual(sorted(r[0] for r in rows(self.conn, "SELECT revision FROM alembic_version_log")),
                         ["a", "b", "c"])

    def test_two_sessions_on_a_fresh_database(self):
        self.check(self.deploy(2), FULL_LOG)

    def test_eight_sessions_on_a_fresh_database(self):
        self.check(self.deploy(8), FULL_LOG)

    def test_eight_sessions_from_a_partial_upgrade(self):
        self.use(self.conn, self.root)
        scalar(self.conn, "SELECT migrate_upgrade('a')")
        self.check(self.deploy(8), "Running upgrade a -> b, create t_b\nRunning upgrade b -> c, create t_c")

    def test_the_lock_lasts_until_the_callers_transaction_ends(self):
        """A call inside an open transaction keeps the lock until COMMIT: a
        second deployer waits for the commit, then sees the new version."""
        first, second = self.session(), self.session()
        for s in (first, second):
            self.use(s, self.root)
        first.autocommit = False
        self.assertEqual(scalar(first, "SELECT migrate_upgrade('head')"), FULL_LOG)
        result = {}

        def deployer():
            result["value"] = scalar(second, "SELECT migrate_upgrade('head')")
            result["at"] = time.monotonic()

        thread = threading.Thread(target=deployer)
        thread.start()
        time.sleep(0.5)
        self.assertTrue(thread.is_alive(), "the second deployer did not wait for the lock")
        committed_at = time.monotonic()
        first.commit()
        thread.join(60)
        self.assertEqual(result["value"], "")
        self.assertGreaterEqual(result["at"], committed_at)
        self.assertEqual(self.applied(), ["a", "b", "c"])

    def test_other_version_tables_do_not_wait(self):
        """The lock key is the version table's name: a deployer of another
        version table in the same database goes on."""
        first, second = self.session(), self.session()
        for s in (first, second):
            self.use(s, self.root)
        scalar(second, "SELECT migrate_config('version_table', 'other_versions')")
        first.autocommit = False
        scalar(first, "SELECT migrate_upgrade('a')")
        execute(second, "SET lock_timeout = '2s'")
        self.assertEqual(scalar(second, "SELECT migrate_stamp('c')"), "Running stamp_revision  -> c")
        first.rollback()


if __name__ == "__main__":
    unittest.main()
