"""SQLite only: the extension as a user meets it, in the sqlite3 shell
(`.load ./build/migrate`, then SELECTs)."""

import os
import subprocess
import unittest

from .scenario import ScenarioTest, rev

SHELL = os.environ.get("SQLITE3_SHELL", "sqlite3")


class SqliteShellTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.require_engine("sqlite", "the sqlite3 shell")
        self.extension = os.path.abspath(os.environ["MIGRATE_SQLITE_EXTENSION"])
        self.database = self.db.spec["path"]  # self.db sees what the shell did
        self.revs = [rev("a", message="create account"), rev("b", "a", message="add orders")]

    def shell(self, *args, stdin=None, cwd=None, env=None):
        environment = dict(os.environ)
        environment.pop("MIGRATE_SCRIPT_LOCATION", None)
        environment.update(env or {})
        return subprocess.run([SHELL, *args], input=stdin, cwd=cwd or self.dir, env=environment,
                              capture_output=True, text=True, timeout=60)

    def test_readme_flow_with_arguments(self):
        # `.load ./migrate`: the shell adds the suffix and finds sqlite3_migrate_init.
        root = self.project(*self.revs, use=False)
        build = os.path.dirname(self.extension)
        load = "./" + os.path.splitext(os.path.basename(self.extension))[0]
        done = self.shell(self.database, ".load " + load,
                          "SELECT migrate_config('script_location', '%s');" % root,
                          "SELECT migrate_upgrade('head');", "SELECT migrate_current();", cwd=build)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines(), [
            root,
            "Running upgrade  -> a, create account",
            "Running upgrade a -> b, add orders",
            "b",
        ])
        self.assertEqual(done.stderr, "")
        self.assertState(["b"], ["t_a", "t_b"])

    def test_script_on_stdin(self):
        root = self.project(*self.revs, use=False)
        script = (".load %s\n"
                  ".mode list\n"
                  "SELECT migrate_config('script_location', '%s');\n"
                  "SELECT migrate_upgrade('+1');\n"
                  ".tables\n"
                  "SELECT revision, down_revision, is_head, is_current, is_applied FROM migrate_versions "
                  "ORDER BY revision;\n"
                  "SELECT migrate_downgrade('base');\n"
                  "SELECT count(*) FROM alembic_version;\n") % (self.extension, root)
        done = self.shell(self.database, stdin=script)
        self.assertEqual(done.returncode, 0, done.stderr)
        lines = done.stdout.splitlines()
        self.assertEqual(lines[0], root)
        self.assertEqual(lines[1], "Running upgrade  -> a, create account")
        self.assertEqual(lines[2].split(), ["alembic_version", "alembic_version_log", "t_a"])
        self.assertEqual(lines[3:], ["a||0|1|1", "b|a|1|0|0", "Running downgrade a -> , create account", "0"])

    def test_error_is_reported_and_nothing_is_written(self):
        self.project(*self.revs, use=False)
        done = self.shell(self.database, ".bail on", ".load " + self.extension,
                          "SELECT migrate_upgrade('zzzz');", "SELECT 'not reached';",
                          env={"MIGRATE_SCRIPT_LOCATION": os.path.join(self.dir, "migrations")})
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("Can't locate revision identified by 'zzzz'", done.stderr)
        self.assertNotIn("not reached", done.stdout)
        self.assertEqual(self.db.tables(), [])

    def test_environment_variable_and_working_directory(self):
        root = self.project(*self.revs, use=False)
        # MIGRATE_SCRIPT_LOCATION names the folder ...
        done = self.shell(self.database, ".load " + self.extension, "SELECT migrate_heads();",
                          cwd="/", env={"MIGRATE_SCRIPT_LOCATION": root})
        self.assertEqual((done.returncode, done.stdout, done.stderr), (0, "b\n", ""))
        # ... and without it, ./migrations of the working directory is used.
        done = self.shell(self.database, ".load " + self.extension, "SELECT migrate_upgrade('a');",
                          "SELECT path FROM migrate_versions WHERE revision = 'a';")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines(),
                         ["Running upgrade  -> a, create account", "migrations/versions/" + self.revs[0].filename])


if __name__ == "__main__":
    unittest.main()
