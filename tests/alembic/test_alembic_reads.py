"""A database that migrate upgraded with .sql revisions is read right by
Alembic. Alembic cannot load .sql files, so it is given an equivalent graph:
an Alembic project whose version location holds .py twins of the .sql
revisions (same ids and links, bodies that run the same SQL)."""
import unittest

from support import AlembicProject, TempDirTestCase, version_rows, write_pair

LINEAR = [
    dict(rev="a1b2c3d4e5f6", down=(), message="create account",
         upgrade="CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL);",
         downgrade="DROP TABLE account;"),
    dict(rev="b2c3d4e5f6a1", down=("a1b2c3d4e5f6",), message="add email",
         upgrade="ALTER TABLE account ADD COLUMN email VARCHAR(100);",
         downgrade="ALTER TABLE account DROP COLUMN email;"),
    dict(rev="c3d4e5f6a1b2", down=("b2c3d4e5f6a1",), message="seed",
         upgrade="INSERT INTO account (id, name) VALUES (1, 'alice');",
         downgrade="DELETE FROM account;"),
]

BRANCHED = [
    dict(rev="base0", down=(), message="base", upgrade="CREATE TABLE t (id INTEGER);", downgrade="DROP TABLE t;"),
    dict(rev="left1", down=("base0",), message="left", upgrade="CREATE TABLE l (id INTEGER);",
         downgrade="DROP TABLE l;"),
    dict(rev="right1", down=("base0",), message="right", upgrade="CREATE TABLE r (id INTEGER);",
         downgrade="DROP TABLE r;"),
]
MERGE = dict(rev="merge2", down=("left1", "right1"), message="merge", upgrade="CREATE TABLE m (id INTEGER);",
             downgrade="DROP TABLE m;")


class AlembicReadsMigrate(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.migrations = self.folder("migrations")
        self.sql_versions = self.folder("migrations", "versions")
        self.twins = self.folder("twins")
        # The database migrate upgrades, and a reference database only Alembic touches.
        self.alembic = AlembicProject(self.tmp, "alembic", version_locations=[self.twins])
        self.reference = AlembicProject(self.tmp, "reference", database=f"{self.tmp}/reference.db",
                                        version_locations=[self.twins])
        self.m = self.migrate(self.alembic.database, self.migrations)

    def add(self, *revisions):
        for r in revisions:
            write_pair(self.sql_versions, self.twins, **r)

    def test_linear_history(self):
        self.add(*LINEAR)
        self.assertEqual(self.m.heads(), self.alembic.heads())
        log = self.m.upgrade("head").splitlines()
        self.assertEqual(self.alembic.current(), ["c3d4e5f6a1b2"])
        # migrate logs the steps exactly as Alembic does for the same graph
        self.assertEqual(log, self.reference.steps("upgrade", "head"))
        self.assertEqual(self.m.version_table(), version_rows(self.reference.database))
        # nothing left for Alembic to do
        self.assertEqual(self.alembic.steps("upgrade", "head"), [])

    def test_version_table_has_alembics_shape(self):
        self.add(LINEAR[0])
        self.m.upgrade("head")
        self.reference.run("upgrade", "head")
        ref = self.migrate(self.reference.database, self.migrations)

        def shape(m):
            info = m.conn.execute("PRAGMA table_info(alembic_version)").fetchall()
            indexes = [(unique, origin) for _, _, unique, origin, _ in
                       m.conn.execute("PRAGMA index_list(alembic_version)")]
            sql = m.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0]
            sql = " ".join(sql.replace('"', "").split())
            return info, indexes, "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)" in sql

        self.assertEqual(shape(self.m), shape(ref))
        self.assertTrue(shape(self.m)[2])

    def test_alembic_and_migrate_take_turns(self):
        self.add(*LINEAR)
        self.m.upgrade("b2c3d4e5f6a1")
        self.assertEqual(self.alembic.current(), ["b2c3d4e5f6a1"])
        self.assertEqual(self.alembic.steps("upgrade", "head"), ["Running upgrade b2c3d4e5f6a1 -> c3d4e5f6a1b2, seed"])
        self.assertEqual(self.m.current(), ["c3d4e5f6a1b2"])
        self.assertEqual(self.alembic.steps("downgrade", "-2"), [
            "Running downgrade c3d4e5f6a1b2 -> b2c3d4e5f6a1, seed",
            "Running downgrade b2c3d4e5f6a1 -> a1b2c3d4e5f6, add email",
        ])
        self.assertEqual(self.m.current(), ["a1b2c3d4e5f6"])
        self.assertEqual(self.m.upgrade("head").count("Running upgrade"), 2)
        self.assertEqual(self.m.conn.execute("SELECT id, name, email FROM account").fetchall(), [(1, "alice", None)])
        self.assertEqual(self.alembic.current(), ["c3d4e5f6a1b2"])

    def test_two_heads_then_merge(self):
        self.add(*BRANCHED)
        self.assertEqual(self.m.heads(), ["left1", "right1"])
        self.assertEqual(self.m.heads(), self.alembic.heads())
        log = self.m.upgrade("heads").splitlines()
        self.assertEqual(self.m.version_table(), ["left1", "right1"])
        self.assertEqual(self.alembic.current(), ["left1", "right1"])
        self.assertCountEqual(log, self.reference.steps("upgrade", "heads"))

        self.add(MERGE)
        self.assertEqual(self.m.heads(), self.alembic.heads())
        log = self.m.upgrade("head").splitlines()
        self.assertEqual(log, ["Running upgrade left1, right1 -> merge2, merge"])
        self.assertEqual(log, self.reference.steps("upgrade", "head"))
        self.assertEqual(self.alembic.current(), ["merge2"])
        self.assertEqual(self.m.version_table(), ["merge2"])

    def test_one_branch_by_migrate_the_other_by_alembic(self):
        self.add(*BRANCHED, MERGE)
        self.m.upgrade("left1")
        self.assertEqual(self.alembic.current(), ["left1"])
        self.assertEqual(self.alembic.steps("upgrade", "right1"), ["Running upgrade base0 -> right1, right"])
        self.assertEqual(self.m.current(), ["left1", "right1"])
        self.assertEqual(self.m.upgrade("head"), "Running upgrade left1, right1 -> merge2, merge")
        self.assertEqual(self.alembic.current(), ["merge2"])
        # Alembic undoes the merge, leaving two heads that migrate reads
        self.assertEqual(self.alembic.steps("downgrade", "left1"), ["Running downgrade merge2 -> left1, right1, merge"])
        self.assertEqual(self.m.current(), ["left1", "right1"])
        rows = self.m.versions()
        self.assertEqual({r for r, v in rows.items() if v["is_current"]}, {"left1", "right1"})
        self.assertEqual({r for r, v in rows.items() if v["is_applied"]}, {"base0", "left1", "right1"})
        self.assertEqual(self.m.upgrade("heads"), "Running upgrade left1, right1 -> merge2, merge")

    def test_stamps_read_by_alembic(self):
        self.add(*BRANCHED)
        states = []
        for target in ("heads", "left1", "base0", "right1", "base"):
            with self.subTest(stamp=target):
                self.m.call("migrate_stamp", target)
                self.reference.run("stamp", target)
                self.assertEqual(self.m.version_table(), version_rows(self.reference.database))
                states.append(self.alembic.current())
                self.assertEqual(states[-1], self.reference.current())
        self.assertEqual(states[0], ["left1", "right1"])
        self.assertEqual(states[-1], [])
        # stamps run no SQL: only migrate's own tables, the version table and its log
        self.assertEqual(self.m.tables(), ["alembic_version", "alembic_version_log"])

    def test_branch_labels_and_dependencies(self):
        self.add(
            dict(rev="core1", down=(), message="core", branch_labels=("core",),
                 upgrade="CREATE TABLE core (id INTEGER);", downgrade="DROP TABLE core;"),
            dict(rev="core2", down=("core1",), message="core two",
                 upgrade="CREATE TABLE core2 (id INTEGER);", downgrade="DROP TABLE core2;"),
            dict(rev="feat1", down=(), message="feature", branch_labels=("feature",), depends_on=("core1",),
                 upgrade="CREATE TABLE feat (id INTEGER);", downgrade="DROP TABLE feat;"),
        )
        self.assertEqual(self.m.heads(), self.alembic.heads())
        log = self.m.upgrade("feature@head").splitlines()
        self.assertEqual(log, self.reference.steps("upgrade", "feature@head"))
        # one row, feat1, which implies its dependency core1, as Alembic writes it
        self.assertEqual(self.m.version_table(), version_rows(self.reference.database))
        self.assertEqual(self.m.version_table(), ["feat1"])
        self.assertEqual(self.alembic.current(), self.reference.current())
        self.assertIn("feat1", self.alembic.current())
        self.assertEqual(self.m.upgrade("core@head").splitlines(), self.reference.steps("upgrade", "core@head"))
        self.assertEqual(self.m.version_table(), version_rows(self.reference.database))
        self.assertEqual(self.alembic.current(), ["core2", "feat1"])
        self.assertEqual(self.alembic.run("current").count("(head)"), 2)


if __name__ == "__main__":
    unittest.main()
