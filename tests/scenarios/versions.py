"""The migrate_versions table: every column, the is_current/is_applied view
of the version table, the hidden script_location argument, and Alembic .py
revisions read (never run) next to native ones."""

import os
import unittest

from .engines import VERSION_COLUMNS, MigrateError
from .scenario import CREATE_DATE, ScenarioTest, log, rev, write_file


class VersionsTableTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.revs = [
            rev("a", message="create account", labels="core"),
            rev("b", "a", message="add orders", create_date="2026-11-22 08:00:00"),
            rev("c", "b", message="add items", depends_on="a"),
        ]
        self.root = self.project(*self.revs)

    def rows(self, script_location=None):
        return {r["revision"]: r for r in self.db.versions(script_location)}

    def test_every_column(self):
        names, rows = self.db.select("SELECT * FROM migrate_versions")
        self.assertEqual(names, VERSION_COLUMNS)
        self.assertEqual(len(rows), 3)
        expected = {
            "a": {"revision": "a", "down_revision": None, "branch_labels": "core", "depends_on": None,
                  "message": "create account", "create_date": CREATE_DATE,
                  "path": self.path_of(self.root, self.revs[0]),
                  "is_head": False, "is_base": True, "is_branch_point": False, "is_merge_point": False,
                  "is_current": False, "is_applied": False},
            "b": {"revision": "b", "down_revision": "a", "branch_labels": None, "depends_on": None,
                  "message": "add orders", "create_date": "2026-11-22 08:00:00",
                  "path": self.path_of(self.root, self.revs[1]),
                  "is_head": False, "is_base": False, "is_branch_point": False, "is_merge_point": False,
                  "is_current": False, "is_applied": False},
            "c": {"revision": "c", "down_revision": "b", "branch_labels": None, "depends_on": "a",
                  "message": "add items", "create_date": CREATE_DATE,
                  "path": self.path_of(self.root, self.revs[2]),
                  "is_head": True, "is_base": False, "is_branch_point": False, "is_merge_point": False,
                  "is_current": False, "is_applied": False},
        }
        rows = self.rows()
        for row in rows.values():
            # the file's upgrade section, hashed; nothing is applied, so nothing is modified
            self.assertRegex(row.pop("checksum"), "^[0-9a-f]{64}$")
            self.assertIs(row.pop("modified"), False)
        self.assertEqual(rows, expected)
        self.assertState(None, [])  # reading never creates the version table

    def test_current_and_applied_follow_the_version_table(self):
        def flags():
            return {k: (r["is_current"], r["is_applied"]) for k, r in self.rows().items()}

        self.upgrade("b")
        self.assertEqual(flags(), {"a": (False, True), "b": (True, True), "c": (False, False)})
        self.upgrade("head")
        self.assertEqual(flags(), {"a": (False, True), "b": (False, True), "c": (True, True)})
        self.stamp("a")
        self.assertEqual(flags(), {"a": (True, True), "b": (False, False), "c": (False, False)})
        self.stamp("base")
        self.assertEqual(flags(), {"a": (False, False), "b": (False, False), "c": (False, False)})

    def test_unknown_rows_in_the_version_table_are_ignored(self):
        self.upgrade("a")
        self.db.execute("INSERT INTO alembic_version (version_num) VALUES ('zzzz')")
        self.assertEqual({k for k, r in self.rows().items() if r["is_current"]}, {"a"})

    def test_where_clauses_and_projections(self):
        self.upgrade("b")
        self.assertEqual(self.db.rows("SELECT revision FROM migrate_versions WHERE is_current = %s"
                                      % self.true()), [("b",)])
        self.assertEqual(self.db.rows("SELECT count(*) FROM migrate_versions"), [(3,)])

    def true(self):
        return "1" if self.engine.name == "sqlite" else "true"

    def test_other_script_location(self):
        other_revs = [rev("x", message="other one"), rev("y", "x", message="other two")]
        other = self.project(*other_revs, name="other", use=False)
        rows = self.rows(other)
        self.assertEqual(sorted(rows), ["x", "y"])
        self.assertEqual(rows["y"]["path"], self.path_of(other, other_revs[1]))
        self.assertEqual(rows["y"]["down_revision"], "x")
        # The session's own script location is unchanged.
        self.assertEqual(sorted(self.rows()), ["a", "b", "c"])
        self.assertEqual(self.db.config("script_location"), self.root)

    def test_other_script_location_reads_this_database_version_table(self):
        other = self.project(rev("a"), rev("q", "a"), name="other", use=False)
        self.upgrade("a")
        rows = self.rows(other)
        self.assertEqual({k: r["is_current"] for k, r in rows.items()}, {"a": True, "q": False})

    def test_missing_script_location(self):
        missing = os.path.join(self.dir, "nowhere")
        before = self.state()
        with self.assertRaises(MigrateError) as caught:
            self.db.versions(missing)
        self.assertIn("Path doesn't exist: '%s'" % missing, caught.exception.message)
        self.assertEqual(self.state(), before)

    def test_hidden_column_and_relative_location(self):
        self.require_engine("sqlite", "the hidden column and a script location relative to the working directory")
        names, _ = self.db.select("SELECT * FROM migrate_versions('%s')" % self.root)
        self.assertNotIn("script_location", names)
        self.assertEqual(self.db.rows("SELECT DISTINCT script_location FROM migrate_versions"), [(self.root,)])
        self.project(rev("x"), name="other", use=False)
        cwd = os.getcwd()
        os.chdir(self.dir)
        self.addCleanup(os.chdir, cwd)
        self.assertEqual(self.db.rows("SELECT revision, path, script_location FROM migrate_versions('other')"),
                         [("x", "other/versions/" + rev("x").filename, "other")])

    def test_sqlite_query_shapes(self):
        self.require_engine("sqlite", "the hidden column as a constraint")
        other = self.project(rev("x"), rev("y", "x"), name="other", use=False)
        # parent/child self-join
        self.assertEqual(self.db.rows("SELECT p.revision, c.revision FROM migrate_versions p "
                                      "JOIN migrate_versions c ON c.down_revision = p.revision ORDER BY 1"),
                         [("a", "b"), ("b", "c")])
        # the argument from another table, per row
        self.assertEqual(self.db.rows("SELECT t.loc = %s, count(*) FROM (SELECT %s AS loc UNION ALL SELECT %s) t, "
                                      "migrate_versions(t.loc) v GROUP BY 1 ORDER BY 1"
                                      % (self.db.literal(other), self.db.literal(self.root), self.db.literal(other))),
                         [(0, 3), (1, 2)])
        # the same argument twice, or two that disagree
        self.assertEqual(self.db.scalar("SELECT count(*) FROM migrate_versions WHERE script_location = %s "
                                        "AND script_location = %s" % (self.db.literal(other), self.db.literal(other))),
                         2)
        self.assertEqual(self.db.scalar("SELECT count(*) FROM migrate_versions WHERE script_location = %s "
                                        "AND script_location = %s" % (self.db.literal(other),
                                                                     self.db.literal(self.root))), 0)
        with self.assertRaises(MigrateError) as caught:
            self.db.rows("SELECT * FROM migrate_versions(NULL)")
        self.assertIn("must not be NULL", caught.exception.message)

    def test_flags_are_sqlite_integers(self):
        self.require_engine("sqlite", "0/1 flags")
        types = self.db.rows("SELECT DISTINCT typeof(is_head), typeof(is_base), typeof(is_branch_point), "
                             "typeof(is_merge_point), typeof(is_current), typeof(is_applied) FROM migrate_versions")
        self.assertEqual(types, [("integer",) * 6])


class AlembicRevisionsTest(ScenarioTest):
    """An Alembic versions/ folder: its .py files are read for the graph and
    never run; new .sql revisions on top upgrade normally."""

    def setUp(self):
        super().setUp()
        self.py = [
            rev("1975ea83b712", message="create account table", python=True,
                upgrade="CREATE TABLE account (id INTEGER PRIMARY KEY)", downgrade="DROP TABLE account"),
            rev("27c6a30d7c24", "1975ea83b712", message="add a column", labels="main", python=True,
                upgrade="ALTER TABLE account ADD COLUMN name VARCHAR(20)",
                downgrade="ALTER TABLE account DROP COLUMN name"),
        ]
        self.sql = rev("3a1f0c2b9d8e", "27c6a30d7c24", message="native step on top")
        self.root = self.project(*self.py, self.sql)

    def test_python_revisions_are_listed(self):
        rows = {r["revision"]: r for r in self.db.versions()}
        self.assertEqual(sorted(rows), ["1975ea83b712", "27c6a30d7c24", "3a1f0c2b9d8e"])
        second = rows["27c6a30d7c24"]
        self.assertEqual(second["message"], "add a column")
        self.assertEqual(second["down_revision"], "1975ea83b712")
        self.assertEqual(second["branch_labels"], "main")
        self.assertEqual(second["create_date"], CREATE_DATE)
        self.assertEqual(second["path"], self.path_of(self.root, self.py[1]))
        self.assertEqual(self.heads(), "3a1f0c2b9d8e")

    def test_upgrade_on_top_of_an_alembic_history(self):
        # What Alembic left behind: its schema and its version row.
        self.db.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(20))")
        self.assertEqual(self.stamp("27c6a30d7c24"), log("stamp_revision  -> 27c6a30d7c24"))
        self.assertEqual(self.upgrade("head"), log("upgrade 27c6a30d7c24 -> 3a1f0c2b9d8e, native step on top"))
        self.assertState(["3a1f0c2b9d8e"], ["account", "t_3a1f0c2b9d8e"])
        self.assertEqual(self.downgrade("-1"), log("downgrade 3a1f0c2b9d8e -> 27c6a30d7c24, native step on top"))
        self.assertState(["27c6a30d7c24"], ["account"])

    def test_running_a_python_step_is_refused_before_anything_changes(self):
        error = self.assertFailsCleanly("migrate_upgrade", "head",
                                        contains=["Alembic Python revision", "1975ea83b712",
                                                  self.path_of(self.root, self.py[0])])
        self.assertNotIn("3a1f0c2b9d8e", error.message)
        self.assertState(None, [])

    def test_downgrading_into_a_python_step_is_refused(self):
        self.db.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(20))")
        self.stamp("27c6a30d7c24")
        self.upgrade("head")
        self.assertFailsCleanly("migrate_downgrade", "1975ea83b712",
                                contains=["Alembic Python revision", "27c6a30d7c24",
                                          self.path_of(self.root, self.py[1])])
        # The .sql step above it was not undone either.
        self.assertState(["3a1f0c2b9d8e"], ["account", "t_3a1f0c2b9d8e"])



class RevisionFileFormatTest(ScenarioTest):
    """docs/reference.md section 2 as files are really written."""

    def write(self, root, name, text):
        write_file(os.path.join(root, "versions", name), text)

    def test_crlf_case_and_white_space(self):
        root = self.project()
        text = ("\n"
                "-- Add the account table\n"
                "--\n"
                "-- revision id: 0f1e2d3c4b5a\n"
                "-- REVISES:\n"
                "-- Create date: 2026-01-02 03:04:05\n"
                "\n"
                "-- migrate:upgrade   \n"
                "CREATE TABLE account (id INTEGER PRIMARY KEY);\n"
                "-- migrate:downgrade\t\n"
                "DROP TABLE account;\n")
        self.write(root, "0f1e2d3c4b5a_account.sql", text.replace("\n", "\r\n"))
        row = self.db.versions()[0]
        self.assertEqual((row["revision"], row["message"], row["create_date"], row["down_revision"]),
                         ("0f1e2d3c4b5a", "Add the account table", "2026-01-02 03:04:05", None))
        self.assertEqual(self.upgrade("head"), log("upgrade  -> 0f1e2d3c4b5a, Add the account table"))
        self.assertState(["0f1e2d3c4b5a"], ["account"])
        self.assertEqual(self.downgrade("base"), log("downgrade 0f1e2d3c4b5a -> , Add the account table"))
        self.assertState([], [])

    def test_sections_may_be_empty_or_missing(self):
        root = self.project(rev("a"))
        self.write(root, "b.sql", "-- only an upgrade\n-- Revision ID: b\n-- Revises: a\n\n"
                                  "-- migrate:upgrade\nCREATE TABLE t_b (id INTEGER);\n")
        self.write(root, "c.sql", "-- nothing at all\n-- Revision ID: c\n-- Revises: b\n\n-- migrate:upgrade\n")
        self.assertEqual(self.upgrade("head"), log("upgrade  -> a, create t_a", "upgrade a -> b, only an upgrade",
                                                   "upgrade b -> c, nothing at all"))
        self.assertState(["c"], ["t_a", "t_b"])
        self.assertEqual(self.downgrade("a"), log("downgrade c -> b, nothing at all",
                                                  "downgrade b -> a, only an upgrade"))
        self.assertState(["a"], ["t_a", "t_b"])  # b has no downgrade SQL

    def test_non_ascii_text(self):
        self.project(rev("a", message="créer le compte ✓", upgrade="CREATE TABLE t_a (note VARCHAR(20));\n"
                                                                   "INSERT INTO t_a (note) VALUES ('naïve ✓');"))
        self.assertEqual(self.db.versions()[0]["message"], "créer le compte ✓")
        self.assertEqual(self.upgrade("head"), log("upgrade  -> a, créer le compte ✓"))
        self.assertEqual(self.db.rows("SELECT note FROM t_a"), [("naïve ✓",)])

    def test_other_files_are_ignored(self):
        root = self.project(rev("a"))
        versions = os.path.join(root, "versions")
        write_file(os.path.join(versions, "README.md"), "-- Revision ID: readme\n")
        write_file(os.path.join(versions, "notes.txt"), "-- Revision ID: notes\n")
        write_file(os.path.join(versions, "__init__.py"), "revision = 'init'\n")
        write_file(os.path.join(versions, ".a.sql.swp"), "-- Revision ID: swap\n")
        write_file(os.path.join(versions, ".hidden.sql"), "-- Revision ID: hidden\n")
        os.makedirs(os.path.join(versions, "__pycache__"))
        self.assertEqual([r["revision"] for r in self.db.versions()], ["a"])
        self.assertEqual(self.upgrade("head"), log("upgrade  -> a, create t_a"))

    def test_statement_text_is_left_to_the_database(self):
        self.require_engine("sqlite", "SQLite trigger syntax")
        upgrade = ("CREATE TABLE account (id INTEGER PRIMARY KEY, note TEXT);\n"
                   "CREATE TABLE audit (what TEXT);\n"
                   "CREATE TRIGGER account_audit AFTER INSERT ON account BEGIN\n"
                   "  INSERT INTO audit (what) VALUES ('insert; -- not a comment');\n"
                   "  INSERT INTO audit (what) VALUES ('second');\n"
                   "END;\n"
                   "INSERT INTO account (id, note) VALUES (1, '-- migrate:downgrade');")
        self.project(rev("a", upgrade=upgrade, downgrade="DROP TABLE audit;\nDROP TABLE account;"))
        self.upgrade("head")
        self.assertEqual(self.db.rows("SELECT what FROM audit ORDER BY rowid"),
                         [("insert; -- not a comment",), ("second",)])
        self.assertEqual(self.db.rows("SELECT note FROM account"), [("-- migrate:downgrade",)])
        self.downgrade("base")
        self.assertState([], [])


if __name__ == "__main__":
    unittest.main()
