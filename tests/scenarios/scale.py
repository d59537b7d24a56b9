"""Scale as untrusted input: 100,000 revisions, as a chain 100,000 deep and
as a bushy tree with 50,000 heads, upgraded and downgraded. The graph code is iterative (a stack
overflow would kill the process, or on PostgreSQL the backend and with it
every session of the server), and the time grows about linearly: each call
must finish well within two minutes.

MIGRATE_TEST_REPORT=1 prints what each test saw (docs/RELIABILITY.md)."""

import os
import shutil
import sys
import tempfile
import time
import unittest

from .scenario import ScenarioTest, log


def report(text):
    if os.environ.get("MIGRATE_TEST_REPORT"):
        print("\n    [report] " + text, file=sys.stderr)


MANY = 100000


class ManyRevisionsTest(ScenarioTest):
    """100,000 revisions as a chain 100,000 deep and as a bushy tree (50,000
    heads): no recursion (a stack overflow would kill the process, or the
    PostgreSQL backend), and time that grows about linearly."""

    # Each shape is written once for the class: 100,000 files take seconds.
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="migrate-many-")
        os.chmod(cls.folder, 0o755)
        cls.shapes = {}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, True)

    def shape(self, name, parent_of):
        if name not in self.shapes:
            root = os.path.join(self.folder, name)
            versions = os.path.join(root, "versions")
            os.makedirs(versions)
            started = time.monotonic()
            for i in range(MANY):
                parent = parent_of(i)
                with open(os.path.join(versions, "r%06d.sql" % i), "w") as f:
                    f.write("-- step %d\n--\n-- Revision ID: r%06d\n-- Revises: %s\n\n-- migrate:upgrade\n\n"
                            "-- migrate:downgrade\n" % (i, i, "" if parent is None else "r%06d" % parent))
            for folder in (root, versions):
                os.chmod(folder, 0o755)
            report("wrote %d revisions (%s) in %.1fs" % (MANY, name, time.monotonic() - started))
            self.shapes[name] = root
        self.root = self.shapes[name]
        self.db.use_script_location(self.root)
        return self.root

    def timed(self, what, function, *args):
        started = time.monotonic()
        value = self.db.call(function, *args)
        elapsed = time.monotonic() - started
        report("%s, %s: %s%r in %.1fs" % (self.engine.name, what, function, args, elapsed))
        self.assertLess(elapsed, 120, "%s%r took %.0fs" % (function, args, elapsed))
        return value

    def test_chain_100000_deep(self):
        self.shape("chain", lambda i: i - 1 if i else None)
        last = "r%06d" % (MANY - 1)
        self.assertEqual(self.timed("chain", "migrate_heads"), last)
        result = self.timed("chain", "migrate_upgrade", "head")
        self.assertEqual(len(result.splitlines()), MANY)
        self.assertEqual(self.db.version_rows(), [last])
        self.assertEqual(self.db.scalar("SELECT count(*) FROM alembic_version_log"), MANY)
        self.assertEqual(self.timed("chain", "migrate_downgrade", "-1"),
                         log("downgrade r%06d -> r%06d, step %d" % (MANY - 1, MANY - 2, MANY - 1)))
        result = self.timed("chain", "migrate_downgrade", "base")
        self.assertEqual(len(result.splitlines()), MANY - 1)
        self.assertEqual(self.db.version_rows(), [])

    def test_tree_of_100000(self):
        # r0 is the base; r<i> revises r<(i-1)//2>: 50,000 heads, 17 deep.
        self.shape("tree", lambda i: (i - 1) // 2 if i else None)
        heads = self.timed("tree", "migrate_heads").split(",")
        self.assertEqual(len(heads), MANY // 2)
        result = self.timed("tree", "migrate_upgrade", "heads")
        self.assertEqual(len(result.splitlines()), MANY)
        self.assertEqual(len(self.db.version_rows()), MANY // 2)
        started = time.monotonic()
        self.assertEqual(self.db.scalar("SELECT count(*) FROM migrate_versions"), MANY)
        report("%s, tree: migrate_versions in %.1fs" % (self.engine.name, time.monotonic() - started))
        # Each step asks whether a revision is still below another of the
        # 50,000 heads; a search of every head's ancestors per step took hours.
        result = self.timed("tree", "migrate_downgrade", "base")
        self.assertEqual(len(result.splitlines()), MANY)
        self.assertEqual(self.db.version_rows(), [])


if __name__ == "__main__":
    unittest.main()
