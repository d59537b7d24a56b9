"""Settings: migrate_config, migrate.ini, the SQLite defaults
(MIGRATE_SCRIPT_LOCATION, the working directory), a renamed version table,
precedence session > ini > default, and transaction_per_migration."""

import os
import unittest

from .engines import MigrateError
from .scenario import ScenarioTest, log, rev


def failing_third_step():
    return [
        rev("a"),
        rev("b", "a"),
        rev("c", "b", upgrade="CREATE TABLE t_c (id INTEGER PRIMARY KEY);\nINSERT INTO missing_table VALUES (1);"),
    ]


class ConfigTest(ScenarioTest):
    def test_defaults(self):
        root = self.project(rev("a"))
        self.assertEqual(self.db.config("script_location"), root)
        self.assertEqual(self.db.config("version_table"), "alembic_version")
        self.assertEqual(self.db.config("transaction_per_migration"), "false")
        self.assertEqual(self.db.config("file_template"), "%(rev)s_%(slug)s")
        self.assertEqual(self.db.config("truncate_slug_length"), "40")
        self.assertEqual(self.db.config("target_schema"), root + "/schema")

    def test_set_read_and_unset(self):
        self.project(rev("a"))
        self.assertEqual(self.db.config("version_table", "my_versions"), "my_versions")
        self.assertEqual(self.db.config("version_table"), "my_versions")
        self.assertEqual(self.db.config("version_table", None), "alembic_version")
        self.assertEqual(self.db.config("version_table"), "alembic_version")

    def test_bad_keys_and_values_are_errors(self):
        self.project(rev("a"))
        with self.assertRaises(MigrateError) as caught:
            self.db.config("no_such_setting")
        self.assertIn("unknown setting 'no_such_setting'", caught.exception.message)
        with self.assertRaises(MigrateError) as caught:
            self.db.config("no_such_setting", "x")
        self.assertIn("unknown setting 'no_such_setting'", caught.exception.message)
        with self.assertRaises(MigrateError) as caught:
            self.db.config("transaction_per_migration", "maybe")
        self.assertIn("transaction_per_migration", caught.exception.message)
        self.assertEqual(self.db.config("transaction_per_migration"), "false")  # unchanged

    def test_session_settings_belong_to_their_session(self):
        root = self.project(rev("a"))
        self.db.config("version_table", "mine")
        other = self.engine.connect(self.db.spec)
        self.addCleanup(other.close)
        self.assertNotEqual(other.config("script_location"), root)
        self.assertEqual(other.config("version_table"), "alembic_version")


class RenamedVersionTableTest(ScenarioTest):
    def test_session_version_table(self):
        self.project(rev("a"), rev("b", "a"))
        self.db.config("version_table", "deploy_versions")
        self.assertEqual(self.upgrade("a"), log("upgrade  -> a, create t_a"))
        self.assertEqual(self.db.version_rows("deploy_versions"), ["a"])
        self.assertNotIn("alembic_version", self.db.tables())
        self.assertCurrent("a")
        self.assertEqual({r["revision"]: r["is_current"] for r in self.db.versions()}, {"a": True, "b": False})
        # Under the default name the database looks unmigrated.
        self.db.config("version_table", None)
        self.assertCurrent(None)
        self.assertFalse(any(r["is_current"] for r in self.db.versions()))
        self.db.config("version_table", "deploy_versions")
        self.assertEqual(self.upgrade("head"), log("upgrade a -> b, create t_b"))
        self.assertState(["b"], ["t_a", "t_b"], version_table="deploy_versions")

    def test_version_table_name_is_quoted(self):
        self.project(rev("a"))
        odd = 'deploy "v" table'
        self.db.config("version_table", odd)
        self.assertEqual(self.upgrade("head"), log("upgrade  -> a, create t_a"))
        self.assertState(["a"], ["t_a"], version_table=odd)
        self.assertCurrent("a")
        self.assertEqual(self.downgrade("base"), log("downgrade a -> , create t_a"))
        self.assertState([], [], version_table=odd)

    def test_ini_version_table_and_precedence(self):
        self.project(rev("a"), rev("b", "a"), ini={"version_table": "ini_versions"})
        self.assertEqual(self.db.config("version_table"), "ini_versions")
        self.upgrade("a")
        self.assertEqual(self.db.version_rows("ini_versions"), ["a"])
        self.assertNotIn("alembic_version", self.db.tables())
        # session > ini
        self.db.config("version_table", "session_versions")
        self.assertEqual(self.db.config("version_table"), "session_versions")
        self.assertCurrent(None)
        self.stamp("b")
        self.assertEqual(self.db.version_rows("session_versions"), ["b"])
        self.assertEqual(self.db.version_rows("ini_versions"), ["a"])
        # unset: the ini again
        self.db.config("version_table", None)
        self.assertEqual(self.db.config("version_table"), "ini_versions")
        self.assertCurrent("a")

    def test_ini_only_reads_the_migrate_section(self):
        ini = ("# deployment settings\n"
               "[alembic]\n"
               "version_table = wrong\n"
               "\n"
               "[migrate]\n"
               "; a comment\n"
               "version_table = right\n")
        self.project(rev("a"), ini=ini)
        self.assertEqual(self.db.config("version_table"), "right")

    def test_bad_ini_is_an_error_naming_the_file(self):
        root = self.project(rev("a"), ini="[migrate]\nno_such_key = 1\n")
        self.assertFailsCleanly("migrate_upgrade", "head",
                                contains=[os.path.join(root, "migrate.ini") + ":2", "no_such_key"])
        self.assertState(None, [])


class ScriptLocationTest(ScenarioTest):
    def test_path_with_space_and_quote(self):
        root = self.project(rev("a"), name="deploy's migrations")
        self.assertEqual(self.db.config("script_location"), root)
        self.assertEqual(self.upgrade("head"), log("upgrade  -> a, create t_a"))
        self.assertState(["a"], ["t_a"])
        self.assertEqual([r["path"] for r in self.db.versions()], [self.path_of(root, rev("a"))])
        self.assertEqual([r["revision"] for r in self.db.versions(root)], ["a"])

    def test_switching_projects_in_one_session(self):
        first = self.project(rev("a"), name="first")
        second = self.project(rev("x"), name="second")
        self.db.use_script_location(first)
        self.assertEqual(self.heads(), "a")
        self.db.use_script_location(second)
        self.assertEqual(self.heads(), "x")
        self.assertEqual(self.upgrade("head"), log("upgrade  -> x, create t_x"))
        self.assertState(["x"], ["t_x"])


class TransactionPerMigrationTest(ScenarioTest):
    def test_default_is_all_or_nothing(self):
        self.project(*failing_third_step())
        error = self.assertFailsCleanly("migrate_upgrade", "head", contains="revision c")
        self.assertRegex(error.message, self.engine.missing_table_message("missing_table"))
        self.assertState(None, [])

    def test_session_setting_keeps_the_steps_before_the_failure(self):
        self.require_engine("sqlite", "a PostgreSQL function runs in the caller's transaction: it cannot commit per step")
        root = self.project(*failing_third_step())
        self.db.config("transaction_per_migration", "true")
        with self.assertRaises(MigrateError) as caught:
            self.upgrade("head")
        self.assertIn("revision c", caught.exception.message)
        self.assertIn(self.path_of(root, failing_third_step()[2]), caught.exception.message)
        self.assertState(["b"], ["t_a", "t_b"])
        self.assertFalse(self.db.in_transaction())

    def test_ini_setting_keeps_the_steps_before_the_failure(self):
        self.require_engine("sqlite", "a PostgreSQL function runs in the caller's transaction: it cannot commit per step")
        self.project(*failing_third_step(), ini={"transaction_per_migration": "true"})
        with self.assertRaises(MigrateError):
            self.upgrade("head")
        self.assertState(["b"], ["t_a", "t_b"])
        # session > ini
        self.db.execute("DROP TABLE t_a")
        self.db.execute("DROP TABLE t_b")
        self.db.execute("DELETE FROM alembic_version")
        self.db.config("transaction_per_migration", "false")
        with self.assertRaises(MigrateError):
            self.upgrade("head")
        self.assertState([], [])

    def test_per_migration_downgrade(self):
        self.require_engine("sqlite", "a PostgreSQL function runs in the caller's transaction: it cannot commit per step")
        revs = [rev("a"), rev("b", "a", downgrade="DROP TABLE missing_table;"), rev("c", "b")]
        self.project(*revs)
        self.upgrade("head")
        self.db.config("transaction_per_migration", "true")
        with self.assertRaises(MigrateError) as caught:
            self.downgrade("base")
        self.assertIn("revision b", caught.exception.message)
        self.assertState(["b"], ["t_a", "t_b"])

    def test_inside_a_caller_transaction_it_cannot_commit_per_step(self):
        self.project(*failing_third_step())
        self.db.config("transaction_per_migration", "true")
        self.db.begin()
        with self.assertRaises(MigrateError):
            self.upgrade("head")
        self.assertTrue(self.db.in_transaction())
        self.db.commit()
        self.assertState(None, [])


class SqliteDefaultsTest(ScenarioTest):
    """SQLite: script_location defaults to ./migrations, and the environment
    variable MIGRATE_SCRIPT_LOCATION replaces that default."""

    def setUp(self):
        super().setUp()
        self.require_engine("sqlite", "the default script location is a property of the process")
        cwd = os.getcwd()
        self.addCleanup(os.chdir, cwd)
        saved = os.environ.pop("MIGRATE_SCRIPT_LOCATION", None)
        self.addCleanup(self.restore_environment, saved)

    @staticmethod
    def restore_environment(saved):
        os.environ.pop("MIGRATE_SCRIPT_LOCATION", None)
        if saved is not None:
            os.environ["MIGRATE_SCRIPT_LOCATION"] = saved

    def fresh_session(self):
        session = self.engine.connect(self.db.spec)
        self.addCleanup(session.close)
        return session

    def test_default_is_migrations_in_the_working_directory(self):
        self.project(rev("a"), use=False)
        os.chdir(self.dir)
        session = self.fresh_session()
        self.assertEqual(session.config("script_location"), "migrations")
        self.assertEqual(session.call("migrate_upgrade", "head"), log("upgrade  -> a, create t_a"))
        self.assertEqual(session.version_rows(), ["a"])
        self.assertEqual(session.rows("SELECT path FROM migrate_versions"),
                         [("migrations/versions/" + rev("a").filename,)])

    def test_environment_variable_replaces_the_default(self):
        root = self.project(rev("e"), name="from_env", use=False)
        self.project(rev("w"), use=False)  # ./migrations, which the variable overrides
        os.chdir(self.dir)
        os.environ["MIGRATE_SCRIPT_LOCATION"] = root
        session = self.fresh_session()
        self.assertEqual(session.config("script_location"), root)
        self.assertEqual(session.call("migrate_heads"), "e")
        self.assertEqual(session.call("migrate_upgrade", "head"), log("upgrade  -> e, create t_e"))
        self.assertEqual(session.version_rows(), ["e"])
        self.assertEqual(session.tables(), ["alembic_version", "alembic_version_log", "t_e"])
        # A session value wins over the variable.
        self.assertEqual(session.config("script_location", "migrations"), "migrations")
        self.assertEqual(session.call("migrate_heads"), "w")
        # Unset: the variable again.
        self.assertEqual(session.config("script_location", None), root)

    def test_empty_environment_variable_is_ignored(self):
        self.project(rev("a"), use=False)
        os.chdir(self.dir)
        os.environ["MIGRATE_SCRIPT_LOCATION"] = ""
        self.assertEqual(self.fresh_session().config("script_location"), "migrations")


if __name__ == "__main__":
    unittest.main()
