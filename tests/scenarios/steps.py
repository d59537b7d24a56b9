"""What a step's SQL can and cannot do, and what its errors say: a step cannot
end or escape the run's transaction (SQLite), a failing statement is named by
its line in the revision file, a relative downgrade from several heads warns
as Alembic does, and SQLite finds its version table whatever its case."""

import os
import sqlite3
import unittest

from .engines import MigrateError, sqlite_extension_path
from .scenario import ScenarioTest, log, rev, write_file


def _file(id, revises, body):
    """A native revision file whose text after its five header lines is `body`."""
    return "-- %s\n--\n-- Revision ID: %s\n-- Revises: %s\n\n%s" % (id, id, revises, body)


class TransactionEscapeTest(ScenarioTest):
    """docs/reference.md section 8: COMMIT, END, ROLLBACK, or RELEASE /
    ROLLBACK TO of a savepoint the step did not open are refused, naming the
    revision, and nothing of the run remains."""

    def setUp(self):
        super().setUp()
        self.require_engine("sqlite", "PostgreSQL's SPI refuses transaction control itself")

    def test_the_issue_step_b(self):
        b = rev("b", "a", upgrade="CREATE TABLE t_b(i); COMMIT; CREATE TABLE t_b2(i); SELECT no_such_function();")
        root = self.project(rev("a"), b)
        self.assertFailsCleanly("migrate_upgrade", "head", contains=["revision b", self.path_of(root, b), "COMMIT"])
        self.assertState(None, [])

    def test_each_escape_is_refused(self):
        for i, statement in enumerate(["COMMIT", "END", "END TRANSACTION", "ROLLBACK", "BEGIN", "begin immediate",
                                       "/* c */ Commit", "RELEASE migrate_run", "ROLLBACK TO migrate_run",
                                       "RELEASE SAVEPOINT outer_sp", "ROLLBACK TRANSACTION TO SAVEPOINT outer_sp"]):
            for in_transaction in (False, True):
                with self.subTest(statement=statement, in_transaction=in_transaction):
                    b = rev("b", "a", upgrade="CREATE TABLE t_b (i INTEGER);\n%s;\nCREATE TABLE t_c (i INTEGER);"
                            % statement)
                    root = self.project(rev("a"), b, name="m%d_%d" % (i, in_transaction))
                    if in_transaction:
                        self.db.execute("SAVEPOINT outer_sp")
                    self.assertFailsCleanly("migrate_upgrade", "head",
                                            contains=["revision b", self.path_of(root, b) + ", line 11",
                                                      "would end or escape the run's transaction"])
                    if in_transaction:
                        self.db.execute("ROLLBACK TO outer_sp")
                        self.db.execute("RELEASE outer_sp")
                    self.assertState(None, [])

    def test_savepoints_of_the_step_itself_are_fine(self):
        b = rev("b", "a", upgrade="SAVEPOINT s1; CREATE TABLE t_b (i INTEGER); SAVEPOINT \"S2\";\n"
                                  "CREATE TABLE t_x (i INTEGER); ROLLBACK TO s2; RELEASE S1;")
        self.project(rev("a"), b)
        self.assertEqual(self.upgrade("head"), log("upgrade  -> a, create t_a", "upgrade a -> b, create t_b"))
        self.assertState(["b"], ["t_a", "t_b"])


class StepErrorLineTest(ScenarioTest):
    """A failing statement is named by its file line, not its line in the
    section."""

    def write(self, root, name, text):
        path = os.path.join(root, "versions", name)
        write_file(path, text)
        return path

    def test_syntax_error_names_the_file_line(self):
        root = self.project(rev("a"))
        path = self.write(root, "b.sql", _file("b", "a", "-- migrate:upgrade\nCREATE TABLE t_b (i INTEGER);\n\n"
                                                         "CREATE TABLE t_c (i INTEGER,\n   ) ;\n"
                                                         "-- migrate:downgrade\nDROP TABLE t_b;\n"))
        # line 10 holds the stray ")", where both engines place the error
        self.assertFailsCleanly("migrate_upgrade", "head", contains=["revision b", path + ", line 10"])
        self.assertState(None, [])

    def test_missing_table_names_the_file_line(self):
        root = self.project(rev("a"))
        path = self.write(root, "b.sql", _file("b", "a", "-- migrate:upgrade\nCREATE TABLE t_b (i INTEGER);\n"
                                                         "INSERT INTO t_b VALUES (1);\n\n"
                                                         "INSERT INTO\n  missing_table VALUES (1);\n"))
        error = self.assertFailsCleanly("migrate_upgrade", "head", contains=["revision b", path])
        # SQLite: the statement's first line; PostgreSQL: the table name's
        self.assertRegex(error.message, r"b\.sql, line (10|11)\)")

    def test_downgrade_lines_count_from_the_file(self):
        # (PostgreSQL names a line where its error has a position: an
        # unknown table in an INSERT has one, DROP TABLE's has not.)
        root = self.project(rev("a"))
        path = self.write(root, "b.sql", _file("b", "a", "-- migrate:upgrade\nCREATE TABLE t_b (i INTEGER);\n"
                                                         "-- migrate:downgrade\nDROP TABLE t_b;\nINSERT INTO nope VALUES (1);\n"))
        self.upgrade("head")
        self.assertFailsCleanly("migrate_downgrade", "a", contains=["revision b", path + ", line 10"])

    def test_an_error_without_a_position_names_the_statement_line(self):
        # PostgreSQL gives DROP TABLE's error no position: the failing
        # statement's first line is named, on both engines.
        root = self.project(rev("a"))
        path = self.write(root, "b.sql", _file("b", "a", "-- migrate:upgrade\nCREATE TABLE t_b (i INTEGER);\n"
                                                         "INSERT INTO t_b VALUES (1);\n\n"
                                                         "DROP TABLE\n  nope;\nCREATE TABLE t_c (i INTEGER);\n"))
        self.assertFailsCleanly("migrate_upgrade", "head", contains=["revision b", path + ", line 10"])
        self.assertState(None, [])

    def test_postgresql_context_names_the_file_line(self):
        self.require_engine("postgresql", "CONTEXT is PostgreSQL's")
        import psycopg2

        root = self.project(rev("a"))
        path = self.write(root, "b.sql", _file("b", "a", "-- migrate:upgrade\nSELECT 1;\n\nSELEC 2;\n"))
        with self.assertRaises(psycopg2.Error) as caught:
            with self.db.conn.cursor() as cursor:
                cursor.execute("SELECT migrate_upgrade('head')")
        self.assertIn("revision b, file %s, line 9" % path, caught.exception.diag.context)
        self.assertEqual(caught.exception.pgcode, "42601")


class AmbiguousDowngradeTest(ScenarioTest):
    WARNING = "downgrade -1 from multiple heads is ambiguous; this usage will be disallowed in a future release."

    def test_relative_downgrade_from_two_heads_warns(self):
        self.project(rev("a"), rev("b", "a"), rev("c", "a"))
        self.upgrade("heads")
        notices = getattr(self.db.conn, "notices", None)
        result = self.downgrade("-1")
        if self.engine.name == "postgresql":
            self.assertTrue(any(self.WARNING in n and n.startswith("WARNING") for n in notices), notices)
            self.assertNotIn("WARNING", result)
        else:
            self.assertEqual(result.splitlines()[0], "WARNING: " + self.WARNING)
        self.assertEqual(len(self.db.version_rows()), 1)

    def test_one_head_does_not_warn(self):
        self.project(rev("a"), rev("b", "a"))
        self.upgrade("head")
        self.assertEqual(self.downgrade("-1"), log("downgrade b -> a, create t_b"))


class SqliteVersionTableCaseTest(ScenarioTest):
    def test_a_version_table_in_another_case_is_the_version_table(self):
        self.require_engine("sqlite", "SQLite's names are case-insensitive")
        self.project(rev("a"), rev("b", "a"))
        self.db.execute('CREATE TABLE "Alembic_Version" (version_num VARCHAR(32) NOT NULL, '
                        'CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))')
        self.db.execute("INSERT INTO \"Alembic_Version\" VALUES ('a')")
        self.db.execute("CREATE TABLE t_a (id INTEGER PRIMARY KEY)")
        self.assertEqual(self.current(), "a")
        self.assertEqual(self.upgrade("head"), log("upgrade a -> b, create t_b"))
        self.assertEqual(self.db.rows('SELECT version_num FROM "Alembic_Version"'), [("b",)])


class SqliteRegistrationTest(unittest.TestCase):
    def test_a_function_that_cannot_be_registered_fails_the_load(self):
        # Replacing a function while a statement runs is refused (SQLITE_BUSY):
        # loading the extension again then must fail, not half-succeed.
        conn = sqlite3.connect(":memory:", isolation_level=None)
        self.addCleanup(conn.close)
        conn.enable_load_extension(True)
        conn.load_extension(sqlite_extension_path())
        cursor = conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5) "
                              "SELECT i FROM n")
        self.assertEqual(cursor.fetchone(), (1,))
        with self.assertRaises(sqlite3.Error) as caught:
            conn.load_extension(sqlite_extension_path())
        self.assertIn("migrate: cannot register", str(caught.exception))
        cursor.close()


if __name__ == "__main__":
    unittest.main()
