"""All or nothing (docs/reference.md section 8): a failing step leaves no step's changes
and no version-table change; inside the caller's transaction the call joins
it; and SQLite's foreign-key procedure."""

import unittest

from .engines import MigrateError
from .scenario import ScenarioTest, log, rev

FAILING_SQL = "INSERT INTO missing_table (id) VALUES (1);"


class AllOrNothingTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.revs = [
            rev("a", message="create t_a"),
            rev("b", "a", upgrade="CREATE TABLE t_b (id INTEGER PRIMARY KEY);\nINSERT INTO t_a (id) VALUES (7);",
                downgrade="DELETE FROM t_a;\nDROP TABLE t_b;"),
            rev("c", "b", upgrade="CREATE TABLE t_c (id INTEGER PRIMARY KEY);\n" + FAILING_SQL + "\n"
                                  "CREATE TABLE never (id INTEGER);"),
        ]
        self.root = self.project(*self.revs)

    def check_failure_message(self, error, revision, command="upgrade"):
        self.assertIn("%s of revision %s" % (command, revision.id), error.message)
        self.assertIn(self.path_of(self.root, revision), error.message)
        self.assertRegex(error.message, self.engine.missing_table_message("missing_table"))

    def test_failure_on_a_fresh_database_leaves_nothing(self):
        error = self.assertFailsCleanly("migrate_upgrade", "head")
        self.check_failure_message(error, self.revs[2])
        self.assertState(None, [])  # not even the version table

    def test_failure_keeps_the_state_before_the_call(self):
        self.assertEqual(self.upgrade("a"), log("upgrade  -> a, create t_a"))
        error = self.assertFailsCleanly("migrate_upgrade", "head")
        self.check_failure_message(error, self.revs[2])
        self.assertState(["a"], ["t_a"])
        self.assertEqual(self.db.rows("SELECT id FROM t_a"), [])  # b's INSERT is undone too

    def test_failing_downgrade_is_undone(self):
        revs = [rev("a"), rev("b", "a", downgrade=FAILING_SQL), rev("c", "b")]
        root = self.project(*revs, name="down")
        self.upgrade("head")
        error = self.assertFailsCleanly("migrate_downgrade", "base")
        self.assertIn("downgrade of revision b", error.message)
        self.assertIn(self.path_of(root, revs[1]), error.message)
        self.assertState(["c"], ["t_a", "t_b", "t_c"])

    def test_call_joins_the_callers_transaction(self):
        self.upgrade("a")
        self.db.begin()
        self.db.execute("INSERT INTO t_a (id) VALUES (1)")
        self.assertEqual(self.upgrade("b"), log("upgrade a -> b, create t_b"))
        self.assertTrue(self.db.in_transaction())
        self.assertState(["b"], ["t_a", "t_b"])  # visible inside the transaction
        self.db.rollback()
        self.assertState(["a"], ["t_a"])
        self.assertEqual(self.db.rows("SELECT id FROM t_a"), [])

    def test_callers_commit_keeps_the_call(self):
        self.db.begin()
        self.upgrade("b")
        self.db.commit()
        self.assertState(["b"], ["t_a", "t_b"])
        self.assertEqual(self.db.rows("SELECT id FROM t_a"), [(7,)])

    def test_failure_inside_the_callers_transaction_undoes_only_the_call(self):
        self.require_engine("sqlite", "on PostgreSQL an ERROR aborts the caller's transaction block (tests/pg covers savepoints)")
        self.upgrade("a")
        self.db.begin()
        self.db.execute("INSERT INTO t_a (id) VALUES (1)")
        error = self.assertFailsCleanly("migrate_upgrade", "head")
        self.check_failure_message(error, self.revs[2])
        self.assertTrue(self.db.in_transaction())
        self.assertEqual(self.db.rows("SELECT id FROM t_a"), [(1,)])  # the caller's own work stays
        self.db.commit()
        self.assertState(["a"], ["t_a"])
        self.assertEqual(self.db.rows("SELECT id FROM t_a"), [(1,)])

    def test_failure_inside_the_callers_transaction_on_a_fresh_database(self):
        self.require_engine("sqlite", "on PostgreSQL an ERROR aborts the caller's transaction block (tests/pg covers savepoints)")
        self.db.begin()
        self.db.execute("CREATE TABLE mine (id INTEGER)")
        self.assertFailsCleanly("migrate_upgrade", "head", contains="revision c")
        self.assertTrue(self.db.in_transaction())
        self.assertState(None, ["mine"])  # no version table, the caller's table kept
        self.db.commit()
        self.assertState(None, ["mine"])

    def test_callers_savepoint(self):
        self.db.begin()
        self.db.execute("SAVEPOINT mine")
        self.upgrade("b")
        self.db.execute("ROLLBACK TO mine")
        self.assertState(None, [])
        self.upgrade("a")
        self.db.execute("RELEASE mine")
        self.db.commit()
        self.assertState(["a"], ["t_a"])

    def test_stamp_joins_the_callers_transaction(self):
        self.db.begin()
        self.stamp("b")
        self.assertEqual(self.db.version_rows(), ["b"])
        self.db.rollback()
        self.assertState(None, [])


class SqliteStatementsInProgressTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.require_engine("sqlite", "SQLite's statement-level transactions")
        self.project(rev("a"), rev("b", "a"))
        self.db.execute("CREATE TABLE deploy_log (line TEXT)")
        self.db.execute("INSERT INTO deploy_log (line) VALUES ('start')")

    def test_inside_a_statement_that_writes_is_refused_up_front(self):
        for sql in ["INSERT INTO deploy_log (line) SELECT migrate_upgrade('head')",
                    "CREATE TABLE output AS SELECT migrate_upgrade('head') AS line",
                    "UPDATE deploy_log SET line = migrate_stamp('head')"]:
            with self.subTest(sql=sql):
                before = self.state()
                with self.assertRaises(MigrateError) as caught:
                    self.db.execute(sql)
                self.assertIn("cannot run inside a statement that writes", caught.exception.message)
                self.assertEqual(self.state(), before)
        self.db.begin()
        with self.assertRaises(MigrateError) as caught:
            self.db.execute("INSERT INTO deploy_log (line) SELECT migrate_upgrade('head')")
        self.assertIn("cannot run inside a statement that writes", caught.exception.message)
        self.db.rollback()
        self.assertState(None, ["deploy_log"])

    def test_reading_functions_may_feed_a_write(self):
        self.upgrade("a")
        self.db.execute("INSERT INTO deploy_log (line) SELECT migrate_current() || ' of ' || migrate_heads()")
        self.assertEqual(self.db.rows("SELECT line FROM deploy_log"), [("start",), ("a of b",)])

    def test_an_open_reading_cursor_does_not_stop_a_run(self):
        self.db.execute("INSERT INTO deploy_log (line) VALUES ('more')")
        cursor = self.db.conn.execute("SELECT line FROM deploy_log ORDER BY rowid")
        self.assertEqual(cursor.fetchone(), ("start",))
        self.assertEqual(self.upgrade("head"), log("upgrade  -> a, create t_a", "upgrade a -> b, create t_b"))
        self.assertEqual(cursor.fetchone(), ("more",))
        cursor.close()
        self.assertState(["b"], ["deploy_log", "t_a", "t_b"])


class SqliteForeignKeysTest(ScenarioTest):
    """docs/reference.md section 8: with PRAGMA foreign_keys=ON outside a transaction the run
    turns enforcement off, checks foreign_key_check before committing, and
    turns it back on."""

    SETUP = rev("a", message="parent and child", upgrade=(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY, name VARCHAR(20));\n"
        "CREATE TABLE child (id INTEGER PRIMARY KEY,\n"
        "    parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);\n"
        "INSERT INTO parent VALUES (1, 'one'), (2, 'two');\n"
        "INSERT INTO child VALUES (10, 1), (20, 2);"), downgrade="DROP TABLE child;\nDROP TABLE parent;")

    # Widen parent.name the SQLite way: rebuild the table.
    REBUILD = ("CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name VARCHAR(200));\n"
               "INSERT INTO parent_new (id, name) SELECT id, name FROM parent;\n"
               "DROP TABLE parent;\n"
               "ALTER TABLE parent_new RENAME TO parent;")

    def setUp(self):
        super().setUp()
        self.require_engine("sqlite", "PRAGMA foreign_keys")

    def foreign_keys(self):
        return self.db.scalar("PRAGMA foreign_keys")

    def test_rebuilding_a_parent_keeps_cascading_children(self):
        self.project(self.SETUP, rev("b", "a", message="rebuild parent", upgrade=self.REBUILD, downgrade=""))
        self.db.execute("PRAGMA foreign_keys = ON")
        self.upgrade("a")
        self.assertEqual(self.db.rows("SELECT id, parent_id FROM child ORDER BY id"), [(10, 1), (20, 2)])
        self.assertEqual(self.upgrade("head"), log("upgrade a -> b, rebuild parent"))
        self.assertEqual(self.db.rows("SELECT id, parent_id FROM child ORDER BY id"), [(10, 1), (20, 2)])
        self.assertIn("VARCHAR(200)", self.db.scalar("SELECT sql FROM sqlite_master WHERE name = 'parent'"))
        self.assertEqual(self.foreign_keys(), 1)
        self.assertEqual(self.db.rows("PRAGMA foreign_key_check"), [])
        # Enforcement is really back on.
        with self.assertRaises(MigrateError):
            self.db.execute("INSERT INTO child VALUES (30, 99)")

    def test_control_the_same_rebuild_outside_migrate_loses_the_children(self):
        self.project(self.SETUP)
        self.db.execute("PRAGMA foreign_keys = ON")
        self.upgrade("a")
        self.db.executescript(self.REBUILD)
        self.assertEqual(self.db.rows("SELECT id FROM child"), [])

    def test_a_run_that_leaves_a_violation_fails_and_is_undone(self):
        self.project(self.SETUP, rev("b", "a", message="orphan", upgrade=(
            "CREATE TABLE t_b (id INTEGER PRIMARY KEY);\n"
            "INSERT INTO child VALUES (30, 99);"), downgrade=""))
        self.db.execute("PRAGMA foreign_keys = ON")
        self.upgrade("a")
        error = self.assertFailsCleanly("migrate_upgrade", "head", contains=["FOREIGN KEY constraint failed", "child"])
        self.assertEqual(error.code, "SQLITE_CONSTRAINT")
        self.assertState(["a"], ["child", "parent"])
        self.assertEqual(self.db.rows("SELECT id FROM child ORDER BY id"), [(10,), (20,)])
        self.assertEqual(self.foreign_keys(), 1)

    def test_a_violation_from_a_fresh_database_leaves_nothing(self):
        self.project(self.SETUP, rev("b", "a", upgrade="INSERT INTO child VALUES (30, 99);", downgrade=""))
        self.db.execute("PRAGMA foreign_keys = ON")
        self.assertFailsCleanly("migrate_upgrade", "head", contains="FOREIGN KEY constraint failed")
        self.assertState(None, [])
        self.assertEqual(self.foreign_keys(), 1)

    def test_pragma_is_restored_after_a_failing_step(self):
        self.project(self.SETUP, rev("b", "a", upgrade=FAILING_SQL, downgrade=""))
        self.db.execute("PRAGMA foreign_keys = ON")
        self.assertFailsCleanly("migrate_upgrade", "head", contains="revision b")
        self.assertEqual(self.foreign_keys(), 1)

    def test_transaction_per_migration_checks_each_step(self):
        self.project(self.SETUP, rev("b", "a", upgrade="INSERT INTO child VALUES (30, 99);", downgrade=""))
        self.db.config("transaction_per_migration", "true")
        self.db.execute("PRAGMA foreign_keys = ON")
        with self.assertRaises(MigrateError) as caught:
            self.upgrade("head")
        self.assertIn("FOREIGN KEY constraint failed", caught.exception.message)
        self.assertState(["a"], ["child", "parent"])
        self.assertEqual(self.db.rows("SELECT id FROM child ORDER BY id"), [(10,), (20,)])
        self.assertEqual(self.foreign_keys(), 1)

    def test_inside_a_callers_transaction_enforcement_stays_on(self):
        # The pragma cannot change inside a transaction: the run is checked
        # statement by statement, as the caller asked.
        self.project(self.SETUP, rev("b", "a", upgrade="INSERT INTO child VALUES (30, 99);", downgrade=""))
        self.db.execute("PRAGMA foreign_keys = ON")
        self.upgrade("a")
        self.db.begin()
        self.assertFailsCleanly("migrate_upgrade", "head", contains=["revision b", "FOREIGN KEY constraint failed"])
        self.db.rollback()
        self.assertState(["a"], ["child", "parent"])
        self.assertEqual(self.foreign_keys(), 1)

    def test_pragma_off_stays_off(self):
        self.project(self.SETUP, rev("b", "a", upgrade=self.REBUILD, downgrade=""))
        self.assertEqual(self.foreign_keys(), 0)
        self.upgrade("head")
        self.assertEqual(self.foreign_keys(), 0)
        self.assertEqual(self.db.version_rows(), ["b"])

    def test_downgrade_follows_the_same_procedure(self):
        self.project(self.SETUP, rev("b", "a", message="rebuild parent", upgrade="", downgrade=self.REBUILD))
        self.db.execute("PRAGMA foreign_keys = ON")
        self.upgrade("head")
        self.assertEqual(self.downgrade("a"), log("downgrade b -> a, rebuild parent"))
        self.assertEqual(self.db.rows("SELECT id, parent_id FROM child ORDER BY id"), [(10, 1), (20, 2)])
        self.assertEqual(self.foreign_keys(), 1)


if __name__ == "__main__":
    unittest.main()
