"""Security (docs/reference.md section 8). SQLite: the functions with side effects and
migrate_versions are SQLITE_DIRECTONLY, so a view or trigger planted in an
untrusted database file cannot reach them."""

import sqlite3
import unittest

from .engines import MigrateError
from .scenario import ScenarioTest, rev

# Each function with side effects, called as a view or trigger would.
DIRECT_ONLY_CALLS = [
    ("migrate_upgrade", "migrate_upgrade('head')"),
    ("migrate_upgrade", "migrate_upgrade()"),
    ("migrate_downgrade", "migrate_downgrade('base')"),
    ("migrate_stamp", "migrate_stamp('head')"),
    ("migrate_config", "migrate_config('script_location', '/tmp')"),
    ("migrate_revision", "migrate_revision('planted')"),
    ("migrate_merge", "migrate_merge('heads', 'planted')"),
]


class SqliteDirectOnlyTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.require_engine("sqlite", "SQLITE_DIRECTONLY")
        self.root = self.project(rev("a"), rev("b", "a"))

    def plant(self, sql):
        """Writes schema the way an attacker would: a plain connection,
        without the extension."""
        plain = sqlite3.connect(self.db.spec["path"], isolation_level=None)
        try:
            plain.executescript(sql)
        finally:
            plain.close()

    def test_views_cannot_call_functions_with_side_effects(self):
        for i, (name, call) in enumerate(DIRECT_ONLY_CALLS):
            with self.subTest(call=call):
                self.plant("CREATE VIEW v%d AS SELECT %s AS x;" % (i, call))
                self.assertFailsSafely("SELECT * FROM v%d" % i, "unsafe use of %s()" % name)
        self.assertState(None, [])
        self.assertEqual(self.db.config("script_location"), self.root)

    def test_triggers_cannot_call_functions_with_side_effects(self):
        self.plant("CREATE TABLE bait (id INTEGER);")
        for i, (name, call) in enumerate(DIRECT_ONLY_CALLS):
            with self.subTest(call=call):
                self.plant("DROP TRIGGER IF EXISTS tr;\n"
                           "CREATE TRIGGER tr AFTER INSERT ON bait BEGIN SELECT %s; END;" % call)
                self.assertFailsSafely("INSERT INTO bait (id) VALUES (%d)" % i, "unsafe use of %s()" % name)
        self.assertEqual(self.db.rows("SELECT id FROM bait"), [])
        self.assertState(None, ["bait"])

    def test_views_and_triggers_cannot_read_migrate_versions(self):
        self.plant("CREATE VIEW planted AS SELECT revision, path FROM migrate_versions;")
        self.assertFailsSafely("SELECT * FROM planted", "unsafe use of virtual table \"migrate_versions\"")
        self.plant("CREATE TABLE bait (id INTEGER);\n"
                   "CREATE TABLE loot (path TEXT);\n"
                   "CREATE TRIGGER tr AFTER INSERT ON bait BEGIN\n"
                   "  INSERT INTO loot SELECT path FROM migrate_versions;\n"
                   "END;")
        self.assertFailsSafely("INSERT INTO bait (id) VALUES (1)", "unsafe use of virtual table \"migrate_versions\"")
        self.assertEqual(self.db.rows("SELECT * FROM loot"), [])

    def test_direct_calls_still_work(self):
        self.plant("CREATE VIEW innocent AS SELECT 1 AS x;")
        self.upgrade("head")
        self.assertState(["b"], ["t_a", "t_b"])
        self.assertEqual(len(self.db.versions()), 2)

    def assertFailsSafely(self, sql, message):
        before = self.state()
        with self.assertRaises(MigrateError) as caught:
            self.db.execute(sql)
        self.assertIn(message, caught.exception.message)
        self.assertEqual(self.state(), before)


if __name__ == "__main__":
    unittest.main()
