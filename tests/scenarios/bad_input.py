"""Bad input: each case is a clear SQL error naming the file or revision, and
nothing is written (no version table is created, the schema is unchanged)."""

import os
import unittest

from .engines import MigrateError, SqliteSession
from .scenario import ScenarioTest, log, rev, write_file

NO_ID = """-- a file without its id
--
-- Revises:
-- Create Date: 2026-11-21 10:15:00

-- migrate:upgrade
CREATE TABLE t_x (id INTEGER);

-- migrate:downgrade
DROP TABLE t_x;
"""


class BrokenScriptsTest(ScenarioTest):
    """A broken versions/ folder fails every call that reads it, before the
    database is touched."""

    def assertEveryCallFails(self, *contains):
        for function, args in [("migrate_upgrade", ("head",)), ("migrate_upgrade", ("heads",)),
                               ("migrate_downgrade", ("base",)), ("migrate_stamp", ("heads",)),
                               ("migrate_heads", ())]:
            with self.subTest(function=function, args=args):
                self.assertFailsCleanly(function, *args, contains=contains)
        before = self.state()
        with self.assertRaises(MigrateError) as caught:
            self.db.versions()
        for text in contains:
            self.assertIn(text, caught.exception.message)
        self.assertEqual(self.state(), before)
        self.assertState(None, [])

    def test_file_without_revision_id(self):
        root = self.project(rev("a"))
        path = os.path.join(root, "versions", "b_no_id.sql")
        write_file(path, NO_ID)
        self.assertEveryCallFails(path, "Revision ID")

    def test_malformed_revision_id(self):
        root = self.project(rev("a"), rev("b-c", "a", filename="b_dash.sql"))
        self.assertEveryCallFails(os.path.join(root, "versions", "b_dash.sql"), "'-'", "b-c")

    def test_two_files_with_one_id(self):
        first, second = rev("a", filename="1_a.sql"), rev("a", message="again", filename="2_a.sql")
        root = self.project(first, second)
        self.assertEveryCallFails("Revision a is present more than once", self.path_of(root, first),
                                  self.path_of(root, second))

    def test_unknown_parent(self):
        child = rev("b", "zzzz")
        root = self.project(rev("a"), child)
        self.assertEveryCallFails("Revision zzzz referenced from b is not present", self.path_of(root, child))

    def test_unknown_dependency(self):
        child = rev("b", "a", depends_on="nothing")
        root = self.project(rev("a"), child)
        self.assertEveryCallFails("Revision nothing referenced from b is not present", self.path_of(root, child))

    def test_cycle(self):
        self.project(rev("x"), rev("y", "x"), rev("a", "b"), rev("b", "a"))
        self.assertEveryCallFails("Cycle is detected in revisions (a, b)")

    def test_dependency_cycle(self):
        self.project(rev("x"), rev("y", "x", depends_on="b"), rev("a", depends_on="b"), rev("b", depends_on="a"))
        self.assertEveryCallFails("Dependency cycle is detected in revisions (a, b)")

    def test_self_loop(self):
        loop = rev("a", "a")
        root = self.project(loop)
        self.assertEveryCallFails("Self-loop is detected in revisions (a)", self.path_of(root, loop))

    def test_branch_label_used_twice(self):
        second = rev("b", labels="main")
        root = self.project(rev("a", labels="main"), second)
        self.assertEveryCallFails("Branch name 'main'", self.path_of(root, second))

    def test_missing_script_location(self):
        missing = os.path.join(self.dir, "does_not_exist")
        self.db.use_script_location(missing)
        self.assertEveryCallFails("Path doesn't exist: '%s'" % missing)

    def test_script_location_without_versions_folder(self):
        root = os.path.join(self.dir, "empty")
        os.mkdir(root)
        os.chmod(root, 0o755)
        self.db.use_script_location(root)
        self.assertEveryCallFails(os.path.join(root, "versions"))

    def test_broken_file_does_not_stop_current(self):
        root = self.project(rev("a"))
        self.upgrade("a")
        write_file(os.path.join(root, "versions", "b_no_id.sql"), NO_ID)
        self.assertCurrent("a")  # current reads the version table only


class BadTargetTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.revs = [
            rev("ab12cd34ef56"),
            rev("ab98cd76ef54", "ab12cd34ef56"),
            rev("c0ffee000001", "ab12cd34ef56"),
        ]
        self.root = self.project(*self.revs)

    def test_unknown_target(self):
        for function in ["migrate_upgrade", "migrate_downgrade", "migrate_stamp"]:
            with self.subTest(function=function):
                self.assertFailsCleanly(function, "zzzz", contains="Can't locate revision identified by 'zzzz'")
        self.assertState(None, [])

    def test_ambiguous_prefix(self):
        self.assertFailsCleanly("migrate_upgrade", "ab", contains="Can't locate revision identified by 'ab'")
        self.assertState(None, [])

    def test_head_with_several_heads(self):
        self.assertFailsCleanly(
            "migrate_upgrade", "head",
            contains="Multiple head revisions are present for given argument 'head'; please specify a specific "
                     "target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads")
        self.assertState(None, [])
        self.upgrade("heads")
        self.assertFailsCleanly("migrate_downgrade", "head", contains="Multiple head revisions are present")
        self.assertState(["ab98cd76ef54", "c0ffee000001"],
                         ["t_ab12cd34ef56", "t_ab98cd76ef54", "t_c0ffee000001"])

    def test_version_table_naming_an_unknown_revision(self):
        self.upgrade("ab12cd34ef56")
        self.db.execute("UPDATE alembic_version SET version_num = 'feedbeef'")
        for function, target in [("migrate_upgrade", "heads"), ("migrate_downgrade", "base"),
                                 ("migrate_upgrade", "+1")]:
            with self.subTest(function=function, target=target):
                self.assertFailsCleanly(function, target, contains="Can't locate revision identified by 'feedbeef'")
        self.assertState(["feedbeef"], ["t_ab12cd34ef56"])

    def test_range_is_not_a_target(self):
        self.assertFailsCleanly("migrate_upgrade", "ab12:ab98", contains="Range revision not allowed")
        self.assertState(None, [])

    def test_null_target(self):
        self.assertFailsCleanly("migrate_upgrade", None, contains="must not be NULL")
        self.assertFailsCleanly("migrate_downgrade", None, contains="must not be NULL")
        self.assertState(None, [])


class BadStepTest(ScenarioTest):
    def test_step_failing_in_the_middle_of_its_sql(self):
        bad = rev("b", "a", upgrade="CREATE TABLE t_b (id INTEGER PRIMARY KEY);\n"
                                    "INSERT INTO missing_table (id) VALUES (1);\n"
                                    "CREATE TABLE t_b2 (id INTEGER);")
        root = self.project(rev("a"), bad, rev("c", "b"))
        error = self.assertFailsCleanly("migrate_upgrade", "head", contains=["revision b", self.path_of(root, bad)])
        self.assertRegex(error.message, self.engine.missing_table_message("missing_table"))
        self.assertState(None, [])

    def test_python_step_in_the_middle_is_refused_before_the_first_step(self):
        py = rev("b", "a", python=True, message="alembic step")
        root = self.project(rev("a"), py, rev("c", "b"))
        self.assertFailsCleanly("migrate_upgrade", "head",
                                contains=["Alembic Python revision", "revision b", self.path_of(root, py)])
        self.assertState(None, [])
        # Up to the Python step is fine.
        self.upgrade("a")
        self.assertState(["a"], ["t_a"])

    def test_second_upgrade_section_names_the_file(self):
        broken = rev("b", "a", upgrade="CREATE TABLE t_b (id INTEGER);\n-- migrate:upgrade\nSELECT 1;")
        root = self.project(rev("a"), broken)
        self.assertFailsCleanly("migrate_upgrade", "head", contains=[self.path_of(root, broken), "migrate:upgrade"])
        self.assertState(None, [])



def _file_with(id, revises, body):
    """A native revision file whose text after the header is `body`."""
    return "-- %s\n--\n-- Revision ID: %s\n-- Revises: %s\n\n%s" % (id, id, revises, body)


class DirectiveTest(ScenarioTest):
    """docs/reference.md section 2: a directive never fails silently. A
    spacing or case variant of a known directive is that directive; anything
    else that looks like one fails every call that reads the folder, naming
    the file and line, before the database is touched."""

    def write_b(self, root, body):
        path = os.path.join(root, "versions", "b_second.sql")
        write_file(path, _file_with("b", "a", body))
        return path

    def test_variants_of_the_upgrade_directive_run_the_section(self):
        for marker in ["-- migrate: upgrade", "--migrate:upgrade", "-- Migrate:Upgrade", "    -- migrate:upgrade",
                       "-- MIGRATE : UPGRADE"]:
            with self.subTest(marker=marker):
                root = self.project(rev("a"), name="m%d" % len(os.listdir(self.dir)))
                self.write_b(root, "%s\nCREATE TABLE t_b (id INTEGER);\n\n-- Migrate : Downgrade\n"
                                   "DROP TABLE t_b;\n" % marker)
                self.assertEqual(self.upgrade("head"), log("upgrade  -> a, create t_a", "upgrade a -> b, b"))
                self.assertState(["b"], ["t_a", "t_b"])
                self.downgrade("base")
                self.assertState([], [])

    def test_a_misspelt_downgrade_directive_is_an_error_not_upgrade_sql(self):
        root = self.project(rev("a"))
        path = self.write_b(root, "-- migrate:upgrade\nCREATE TABLE t_b (id INTEGER);\n\n-- migrate:downgarde\n"
                                  "DROP TABLE t_b;\n")
        for function, args in [("migrate_upgrade", ("head",)), ("migrate_stamp", ("heads",)), ("migrate_heads", ())]:
            with self.subTest(function=function):
                self.assertFailsCleanly(function, *args, contains=[path, "line 9", "migrate:downgarde"])
        self.assertState(None, [])

    def test_bad_directives_name_file_and_line(self):
        cases = [
            ("-- migrate:upgarde\nCREATE TABLE t_b (id INTEGER);\n", "line 6", "unknown directive"),
            ("CREATE TABLE t_b (id INTEGER);\n", "", "no '-- migrate:upgrade' directive"),
            ("-- migrate:upgrade\nCREATE TABLE t_b (id INTEGER);\n-- migrate:upgrade\nSELECT 1;\n", "line 8",
             "a second '-- migrate:upgrade'"),
            ("-- migrate:downgrade\nDROP TABLE t_b;\n-- migrate:upgrade\nCREATE TABLE t_b (id INTEGER);\n",
             "line 6", "before '-- migrate:upgrade'"),
            ("-- migrate:upgrade transactions:false\nCREATE TABLE t_b (id INTEGER);\n", "line 6", "unknown option"),
        ]
        for i, (body, line, what) in enumerate(cases):
            with self.subTest(body=body):
                root = self.project(rev("a"), name="m%d" % i)
                path = self.write_b(root, body)
                self.assertFailsCleanly("migrate_upgrade", "a", contains=[path, line, what])
                self.assertFailsCleanly("migrate_heads", contains=[path, what])
                self.assertState(None, [])

    def test_transaction_false_is_read(self):
        # Running such a step in the database is another matter (section 9);
        # reading the folder accepts the directive in its spellings.
        root = self.project(rev("a"))
        self.write_b(root, "-- migrate:upgrade Transaction : False\nSELECT 1;\n-- migrate:downgrade transaction:false\n")
        self.assertEqual(self.heads(), "b")



class EmptyTargetTest(ScenarioTest):
    """docs/reference.md section 6: an empty or white-space target, `x@` or
    `@head` is an error that changes nothing, never base or heads."""

    def test_empty_and_malformed_targets(self):
        self.project(rev("a"), rev("b", "a", labels="feature"))
        self.upgrade("a")
        for function in ["migrate_upgrade", "migrate_downgrade", "migrate_stamp"]:
            for target in ["", " ", "\t\n", "feature@", "a@", "@head", "@heads", " @ head", "a,", ",b"]:
                with self.subTest(function=function, target=target):
                    self.assertFailsCleanly(function, target, contains=["revision"])
        self.assertState(["a"], ["t_a"])

    def test_alembic_message_for_a_label_without_revision(self):
        self.project(rev("a"), rev("b", "a"))
        self.assertFailsCleanly("migrate_upgrade", "x@", contains=["Can't locate revision identified by 'x'"])
        self.assertFailsCleanly("migrate_stamp", "x@", contains=["Can't locate revision identified by 'x'"])
        self.assertState(None, [])

    def test_empty_sides_of_an_offline_range(self):
        self.project(rev("a"), rev("b", "a"))
        for rng in ["", " ", "a:", ":b", ":", "a: ", "@head:b", "a:b@"]:
            with self.subTest(range=rng):
                self.assertFailsCleanly("migrate_upgrade_sql", rng, contains=["revision"])
        self.assertState(None, [])



class SqliteReadOnlyTest(ScenarioTest):
    def test_read_only_database(self):
        self.require_engine("sqlite", "a read-only connection")
        root = self.project(rev("a"), rev("b", "a"))
        self.upgrade("a")
        read_only = SqliteSession(self.engine, self.db.spec["path"], read_only=True)
        self.addCleanup(read_only.close)
        read_only.use_script_location(root)
        self.assertEqual(read_only.call("migrate_current"), "a")
        self.assertEqual(len(read_only.versions()), 2)
        for function, target in [("migrate_upgrade", "head"), ("migrate_stamp", "head"),
                                 ("migrate_downgrade", "base")]:
            with self.assertRaises(MigrateError) as caught:
                read_only.call(function, target)
            self.assertEqual(caught.exception.code, "SQLITE_READONLY")
            self.assertIn("attempt to write a readonly database", caught.exception.message)
        self.assertState(["a"], ["t_a"])


if __name__ == "__main__":
    unittest.main()
