"""A database that Alembic upgraded is read right by migrate, and new .sql
revisions written on top of the Alembic history upgrade with migrate."""
import os
import sqlite3
import unittest

from support import AlembicProject, TempDirTestCase, set_body, split_list, write_sql_revision


class AlembicHistory(TempDirTestCase):
    """Three Alembic revisions with real bodies, made by `alembic revision`."""

    def setUp(self):
        super().setUp()
        self.project = AlembicProject(self.tmp)
        self.r1, self.p1 = self.project.revision("create account table")
        set_body(self.p1, """
            op.create_table(
                "account",
                sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("name", sa.String(50), nullable=False),
            )""", 'op.drop_table("account")')
        self.r2, self.p2 = self.project.revision("seed account")
        set_body(self.p2, """op.execute("INSERT INTO account (id, name) VALUES (1, 'alice')")""",
                 'op.execute("DELETE FROM account")')
        self.r3, self.p3 = self.project.revision("add email")
        set_body(self.p3, 'op.add_column("account", sa.Column("email", sa.String(100)))',
                 'op.drop_column("account", "email")')
        self.db = self.project.database

    def add_sql_on_top(self):
        self.s1 = "5ca1ab1e0001"
        self.s1_path = write_sql_revision(
            self.project.versions, self.s1, down=[self.r3], message="create orders",
            upgrade="CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES account(id));",
            downgrade="DROP TABLE orders;")
        self.s2 = "5ca1ab1e0002"
        self.s2_path = write_sql_revision(
            self.project.versions, self.s2, down=[self.s1], message="first order",
            upgrade="INSERT INTO orders (id, account_id) VALUES (10, 1);",
            downgrade="DELETE FROM orders;")

    def test_reads_an_alembic_upgraded_database(self):
        self.project.run("upgrade", "head")
        m = self.migrate(self.db, self.project.script_location)
        self.assertEqual(m.current(), [self.r3])
        self.assertEqual(m.current(), self.project.current())
        self.assertEqual(m.heads(), [self.r3])
        self.assertEqual(m.heads(), self.project.heads())

        rows = m.versions()
        self.assertEqual(sorted(rows), sorted([self.r1, self.r2, self.r3]))
        expected = {
            self.r1: (None, "create account table", self.p1),
            self.r2: (self.r1, "seed account", self.p2),
            self.r3: (self.r2, "add email", self.p3),
        }
        for rev, (down, message, path) in expected.items():
            row = rows[rev]
            self.assertEqual(row["down_revision"], down, rev)
            self.assertEqual(row["message"], message, rev)
            self.assertEqual(os.path.realpath(row["path"]), os.path.realpath(path), rev)
            self.assertEqual(row["is_applied"], 1, rev)
            self.assertEqual(row["is_current"], 1 if rev == self.r3 else 0, rev)
            self.assertEqual(row["is_head"], 1 if rev == self.r3 else 0, rev)
            self.assertEqual(row["is_base"], 1 if rev == self.r1 else 0, rev)

    def test_partially_upgraded_database(self):
        self.project.run("upgrade", self.r2)
        m = self.migrate(self.db, self.project.script_location)
        self.assertEqual(m.current(), [self.r2])
        rows = m.versions()
        self.assertEqual({r: (v["is_current"], v["is_applied"]) for r, v in rows.items()},
                         {self.r1: (0, 1), self.r2: (1, 1), self.r3: (0, 0)})

    def test_sql_revisions_on_top_of_alembic_history(self):
        self.project.run("upgrade", "head")
        self.add_sql_on_top()
        m = self.migrate(self.db, self.project.script_location)
        self.assertEqual(m.heads(), [self.s2])
        log = m.upgrade("head")
        # the .py steps are applied already: only the .sql steps run
        self.assertEqual(log.splitlines(), [
            f"Running upgrade {self.r3} -> {self.s1}, create orders",
            f"Running upgrade {self.s1} -> {self.s2}, first order",
        ])
        self.assertEqual(m.version_table(), [self.s2])
        self.assertEqual(m.current(), [self.s2])
        self.assertEqual(m.conn.execute("SELECT id, account_id FROM orders").fetchall(), [(10, 1)])
        self.assertEqual(m.conn.execute("SELECT id, name, email FROM account").fetchall(), [(1, "alice", None)])
        rows = m.versions()
        self.assertEqual({r: (v["is_current"], v["is_applied"]) for r, v in rows.items()},
                         {self.r1: (0, 1), self.r2: (0, 1), self.r3: (0, 1), self.s1: (0, 1), self.s2: (1, 1)})
        self.assertEqual(rows[self.s1]["down_revision"], self.r3)
        self.assertEqual(rows[self.s1]["path"], self.s1_path)
        self.assertEqual(m.upgrade("head"), "")

    def assert_python_step_error(self, cm, rev, path, command="upgrade"):
        message = str(cm.exception)
        self.assertIn(rev, message)
        self.assertIn(os.path.basename(path), message)
        self.assertIn("Alembic Python revision", message)
        self.assertIn(command, message)

    def test_upgrade_that_needs_a_python_step_fails_and_writes_nothing(self):
        self.project.run("upgrade", self.r1)
        self.add_sql_on_top()
        m = self.migrate(self.db, self.project.script_location)
        tables_before = m.tables()
        with self.assertRaises(sqlite3.OperationalError) as cm:
            m.upgrade("head")
        # the first step that cannot run is r2, the first pending .py revision
        self.assert_python_step_error(cm, self.r2, self.p2)
        self.assertEqual(m.version_table(), [self.r1])
        self.assertEqual(m.tables(), tables_before)
        self.assertEqual(m.conn.execute("SELECT count(*) FROM account").fetchone()[0], 0)

    def test_upgrade_of_an_empty_database_creates_no_version_table(self):
        self.add_sql_on_top()
        m = self.migrate(self.db, self.project.script_location)
        with self.assertRaises(sqlite3.OperationalError) as cm:
            m.upgrade("head")
        self.assert_python_step_error(cm, self.r1, self.p1)
        self.assertEqual(m.tables(), [])
        self.assertIsNone(m.current())

    def test_downgrade_into_python_history_fails_and_writes_nothing(self):
        self.project.run("upgrade", "head")
        self.add_sql_on_top()
        m = self.migrate(self.db, self.project.script_location)
        m.upgrade("head")
        with self.assertRaises(sqlite3.OperationalError) as cm:
            m.call("migrate_downgrade", self.r2)
        # s2 and s1 could be undone, r3 cannot: the whole call is refused
        self.assert_python_step_error(cm, self.r3, self.p3, "downgrade")
        self.assertEqual(m.version_table(), [self.s2])
        self.assertIn("orders", m.tables())
        # down to the top of the Alembic history is only .sql steps
        self.assertEqual(m.call("migrate_downgrade", self.r3).splitlines(), [
            f"Running downgrade {self.s2} -> {self.s1}, first order",
            f"Running downgrade {self.s1} -> {self.r3}, create orders",
        ])
        self.assertEqual(m.version_table(), [self.r3])
        self.assertEqual(self.project.current(), [self.r3])

    def test_stamp_over_python_history_then_upgrade(self):
        # The schema of r1..r3 made some other way; stamping runs nothing.
        self.add_sql_on_top()
        m = self.migrate(self.db, self.project.script_location)
        m.conn.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, "
                       "email VARCHAR(100))")
        m.call("migrate_stamp", self.r3)
        self.assertEqual(self.project.current(), [self.r3])
        self.assertEqual(m.upgrade("head").count("Running upgrade"), 2)
        self.assertEqual(m.version_table(), [self.s2])


class AlembicBranches(TempDirTestCase):
    def test_two_heads_applied_by_alembic_then_sql_merge(self):
        project = AlembicProject(self.tmp)
        base, base_path = project.revision("base")
        set_body(base_path, 'op.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")')
        left, left_path = project.revision("left", "--head", base, "--splice")
        set_body(left_path, 'op.execute("CREATE TABLE l (id INTEGER)")')
        right, right_path = project.revision("right", "--head", base, "--splice")
        set_body(right_path, 'op.execute("CREATE TABLE r (id INTEGER)")')
        project.run("upgrade", "heads")

        m = self.migrate(project.database, project.script_location)
        self.assertEqual(m.current(), sorted([left, right]))
        self.assertEqual(m.current(), project.current())
        self.assertEqual(m.heads(), project.heads())
        rows = m.versions()
        self.assertEqual(rows[base]["is_branch_point"], 1)
        self.assertEqual({r for r, v in rows.items() if v["is_current"]}, {left, right})

        merge = "5ca1ab1e00aa"
        write_sql_revision(project.versions, merge, down=[left, right], message="merge sides",
                           upgrade="CREATE TABLE merged (id INTEGER);", downgrade="DROP TABLE merged;")
        self.assertEqual(m.heads(), [merge])
        self.assertEqual(m.upgrade("head"), f"Running upgrade {left}, {right} -> {merge}, merge sides")
        self.assertEqual(m.version_table(), [merge])
        row = m.versions()[merge]
        self.assertEqual((row["is_merge_point"], row["is_current"]), (1, 1))
        self.assertEqual(split_list(row["down_revision"]), [left, right])


class CustomVersionTable(TempDirTestCase):
    def test_version_table_setting_matches_alembic_version_table(self):
        project = AlembicProject(self.tmp, version_table="app_versions")
        r1, p1 = project.revision("one")
        set_body(p1, 'op.execute("CREATE TABLE one (id INTEGER)")')
        project.run("upgrade", "head")
        m = self.migrate(project.database, project.script_location)
        self.assertIsNone(m.current())  # no alembic_version table
        m.call("migrate_config", "version_table", "app_versions")
        self.assertEqual(m.current(), [r1])
        s1 = "5ca1ab1e00bb"
        write_sql_revision(project.versions, s1, down=[r1], message="two",
                           upgrade="CREATE TABLE two (id INTEGER);", downgrade="DROP TABLE two;")
        self.assertEqual(m.upgrade(), f"Running upgrade {r1} -> {s1}, two")
        self.assertEqual(m.version_table("app_versions"), [s1])
        self.assertNotIn("alembic_version", m.tables())


if __name__ == "__main__":
    unittest.main()
