"""Deploy bundles (migrate_bundle): one SQL script, run by the engine's own
shell (psql -v ON_ERROR_STOP=1 -f, or sqlite3 -bail -cmd '.load ...'), loads
the script location's files into the script store and upgrades from it in one
transaction. The folder is one the database server cannot read (root-owned,
mode 700, where the tests run as root): only the bundle's text travels. The
bundle is written by the SQLite extension in this process, as a developer or
CI machine would, for the engine under test."""

import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid

import pg_cluster

from .engines import MigrateError, sqlite_extension_path
from .scenario import ScenarioTest, log, rev, write_file, write_project

STORE = "alembic_version_scripts"
LOG = "alembic_version_log"
NO_CHANGES = "No new upgrade operations detected."

# Text no quoting may lose or end early: dollar quotes and tags the bundle
# might choose, quotes, backslashes, psql's :variables and meta-commands,
# sqlite3 dot-commands and terminators at the start of a line.
HAZARDS = ("$$ $b$ $b1$ $b2$ ' '' \\ \\\\ E'\\n' :foo :'bar' :\"baz\" \\. \\echo oops\n"
           ".tables\n/\ngo\n;\n-- $b\n")


def hazard_revision():
    # The text goes into a string literal of the step (quotes doubled; the
    # newlines stay) and, escaped, into a comment.
    upgrade = ("CREATE TABLE t_h (id INTEGER PRIMARY KEY, note TEXT);\n"
               "INSERT INTO t_h (id, note) VALUES (1, '%s');\n"
               "-- %s" % (HAZARDS.replace("'", "''"), HAZARDS.replace("\n", "\\n")))
    return rev("h", "b", message="hazards $b$ ' \\", upgrade=upgrade)


class BundleTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.pg = self.engine.name == "postgresql"
        self.dialect = "postgresql" if self.pg else "sqlite"

    # ---- the project, unreadable by the server --------------------------------------

    def private_project(self, *revisions, name="migrations", ini=None):
        root = write_project(os.path.join(self.dir, name), revisions, ini)
        os.chmod(root, 0o700)
        return root

    def readable_copy(self, root):
        copy = os.path.join(self.dir, "readable-" + uuid.uuid4().hex[:6])
        shutil.copytree(root, copy)
        for folder, _, names in os.walk(copy):
            os.chmod(folder, 0o755)
            for n in names:
                os.chmod(os.path.join(folder, n), 0o644)
        return copy

    def write_bundle(self, root, *args):
        """migrate_bundle(args) of the SQLite extension in this process."""
        conn = sqlite3.connect(":memory:")
        try:
            conn.enable_load_extension(True)
            conn.load_extension(sqlite_extension_path())
            conn.execute("SELECT migrate_config('script_location', ?)", (root,))
            args = args or ("heads", self.dialect)
            return conn.execute("SELECT migrate_bundle(%s)" % ", ".join("?" for _ in args), args).fetchone()[0]
        finally:
            conn.close()

    # ---- running it ------------------------------------------------------------------

    def run_bundle(self, text, db=None, role=None, options=None):
        """Runs a bundle with the engine's shell; returns the CompletedProcess."""
        db = db or self.db
        path = os.path.join(self.dir, "deploy-%s.sql" % uuid.uuid4().hex[:6])
        write_file(path, text)
        env = dict(os.environ)
        env.pop("MIGRATE_SCRIPT_LOCATION", None)
        if self.pg:
            settings = pg_cluster.connection_settings()
            if options:
                env["PGOPTIONS"] = options
            command = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", settings["host"], "-p", settings["port"],
                       "-U", role or settings["user"], "-d", db.spec["dbname"], "-f", path]
            return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
        command = [os.environ.get("SQLITE3_SHELL", "sqlite3"), "-bail", "-cmd",
                   ".load " + os.path.abspath(sqlite_extension_path()), db.spec["path"]]
        with open(path, encoding="utf-8") as stdin:
            return subprocess.run(command, stdin=stdin, capture_output=True, text=True, timeout=120, env=env)

    def deploy(self, text, **kw):
        done = self.run_bundle(text, **kw)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertNotIn("ERROR", done.stderr)
        return done

    # ---- what a database holds ---------------------------------------------------------

    def log_summary(self, db=None):
        db = db or self.db
        return db.rows("SELECT direction, revision, from_revisions, to_revisions, message, checksum FROM %s "
                       "ORDER BY id" % db.identifier(LOG))

    def stored(self, db=None):
        db = db or self.db
        return dict(db.rows("SELECT path, body FROM %s" % db.identifier(STORE)))

    def user_snapshot(self, db):
        return [row for row in db.snapshot() if not any(STORE in str(cell) for cell in row)]

    def online_from_files(self, root):
        """Another database upgraded online from a readable copy of `root`."""
        workdir = tempfile.mkdtemp(prefix="migrate-bundle-")
        os.chmod(workdir, 0o755)
        self.addCleanup(shutil.rmtree, workdir, True)
        other = self.engine.create_database(workdir)
        self.addCleanup(other.close)
        other.use_script_location(self.readable_copy(root))
        other.call("migrate_upgrade", "heads")
        return other

    def use_store_without_files(self):
        self.db.config("script_location", os.path.join(self.dir, "no-such-folder"))
        self.db.config("script_source", "database")


class DeployTest(BundleTest):
    def test_a_bundle_upgrades_a_fresh_database_as_the_online_call_does(self):
        revisions = [rev("a", message="create account"), rev("b", "a", message="add orders"), hazard_revision()]
        root = self.private_project(*revisions)
        bundle = self.write_bundle(root)
        self.deploy(bundle)
        self.assertEqual(self.db.version_rows(), ["h"])
        self.assertEqual(self.user_tables(), ["t_a", "t_b", "t_h"])
        self.assertEqual(self.db.scalar("SELECT note FROM t_h"), HAZARDS)

        # The store holds the files byte for byte.
        with open(os.path.join(root, "versions", revisions[2].filename), encoding="utf-8") as f:
            self.assertEqual(self.stored()["versions/" + revisions[2].filename], f.read())
        self.assertEqual(sorted(self.stored()), sorted("versions/" + r.filename for r in revisions))

        online = self.online_from_files(root)
        self.assertEqual(self.log_summary(), self.log_summary(online))
        self.assertEqual(self.user_snapshot(self.db), self.user_snapshot(online))
        self.assertEqual(self.db.version_rows(), online.version_rows())

        # Again: nothing changes, no step runs, no log row is written.
        before = (self.db.snapshot(), self.log_summary(), self.stored())
        self.deploy(bundle)
        self.assertEqual((self.db.snapshot(), self.log_summary(), self.stored()), before)

    def test_one_more_revision_is_one_more_step(self):
        revisions = [rev("a"), rev("b", "a")]
        root = self.private_project(*revisions)
        self.deploy(self.write_bundle(root))
        write_project(root, [rev("c", "b")])
        os.chmod(root, 0o700)
        self.deploy(self.write_bundle(root))
        self.assertEqual(self.db.version_rows(), ["c"])
        self.assertEqual([row[1] for row in self.log_summary()], ["a", "b", "c"])

    def test_files_removed_from_the_location_leave_the_store(self):
        revisions = [rev("a"), rev("b", "a")]
        root = self.private_project(*revisions, ini={"transaction_per_migration": "false"})
        self.deploy(self.write_bundle(root))
        os.remove(os.path.join(root, "migrate.ini"))
        self.deploy(self.write_bundle(root))
        self.assertEqual(sorted(self.stored()), sorted("versions/" + r.filename for r in revisions))

    def test_a_failing_step_leaves_nothing(self):
        root = self.private_project(rev("a"), rev("b", "a", upgrade="INSERT INTO missing_table VALUES (1);"))
        before = self.db.snapshot()
        done = self.run_bundle(self.write_bundle(root))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("missing_table", done.stderr)
        self.assertEqual(self.db.snapshot(), before)
        self.assertNotIn(STORE, self.db.tables())
        self.assertIsNone(self.db.version_rows())

    def test_a_target(self):
        root = self.private_project(rev("a"), rev("b", "a"))
        self.deploy(self.write_bundle(root, "a", self.dialect))
        self.assertEqual(self.db.version_rows(), ["a"])
        self.assertEqual(len(self.stored()), 2)

    def test_writing_a_bundle_checks_the_location_and_the_target(self):
        root = self.private_project(rev("a"))
        for args, message in [(("zzzz", "sqlite"), "Can't locate revision identified by 'zzzz'"),
                              (("heads", "oracle"), "dialect"),
                              (("", "sqlite"), "")]:
            with self.assertRaises(sqlite3.Error) as caught:
                self.write_bundle(root, *args)
            self.assertIn(message, str(caught.exception))

    def test_standard_conforming_strings_off(self):
        self.require_engine("postgresql", "a PostgreSQL setting")
        revisions = [rev("a"), rev("b", "a"), hazard_revision()]
        root = self.private_project(*revisions)
        self.deploy(self.write_bundle(root), options="-c standard_conforming_strings=off")
        for r in revisions:
            with open(os.path.join(root, "versions", r.filename), encoding="utf-8") as f:
                self.assertEqual(self.stored()["versions/" + r.filename], f.read())
        online = self.online_from_files(root)
        self.assertEqual(self.log_summary(), self.log_summary(online))


class AfterBundleTest(BundleTest):
    def test_the_database_carries_its_own_history(self):
        revisions = [rev("a"), rev("b", "a"), rev("c", "b")]
        root = self.private_project(*revisions, name="app")
        os.makedirs(os.path.join(root, "schema"))
        write_file(os.path.join(root, "schema", "app.sql"),
                   "".join("CREATE TABLE t_%s (id INTEGER PRIMARY KEY);\n" % r.id for r in revisions))
        self.deploy(self.write_bundle(root))
        shutil.rmtree(root)  # no files anywhere
        self.use_store_without_files()
        self.assertEqual(self.db.call("migrate_check"), NO_CHANGES)
        rows = self.db.versions()
        self.assertEqual([(r["revision"], r["is_current"], r["modified"]) for r in rows],
                         [("a", False, False), ("b", False, False), ("c", True, False)])
        self.assertEqual(self.db.call("migrate_downgrade", "-1"), log("downgrade c -> b, create t_c"))
        self.assertEqual(self.db.version_rows(), ["b"])
        self.assertEqual(self.user_tables(), ["t_a", "t_b"])

    def test_a_changed_applied_revision_is_flagged_and_never_rerun(self):
        revisions = [rev("a"), rev("b", "a")]
        root = self.private_project(*revisions)
        self.deploy(self.write_bundle(root))
        changed = rev("a", upgrade="CREATE TABLE t_changed (id INTEGER PRIMARY KEY);")
        write_project(root, [changed])
        os.chmod(root, 0o700)
        self.deploy(self.write_bundle(root))
        self.assertNotIn("t_changed", self.db.tables())
        self.use_store_without_files()
        rows = {r["revision"]: r for r in self.db.versions()}
        self.assertTrue(rows["a"]["modified"])
        self.assertFalse(rows["b"]["modified"])
        with self.assertRaises(MigrateError) as caught:
            self.db.call("migrate_check")
        self.assertIn("modified_revision", caught.exception.message)


class PostgresBundleTest(BundleTest):
    def setUp(self):
        super().setUp()
        self.require_engine("postgresql", "roles, psql and the PostgreSQL extension")

    def test_both_extensions_write_the_same_bundles(self):
        revisions = [rev("a"), rev("b", "a"), hazard_revision()]
        root = self.private_project(*revisions)
        copy = self.readable_copy(root)
        self.db.use_script_location(copy)
        self.assertEqual(self.db.call("migrate_bundle"), self.write_bundle(root, "heads", "postgresql"))
        self.assertEqual(self.db.call("migrate_bundle", "a", "sqlite"), self.write_bundle(root, "a", "sqlite"))

    def test_a_deployer_without_file_privileges_runs_it(self):
        role = "deployer_" + uuid.uuid4().hex[:8]
        self.db.execute("CREATE ROLE %s LOGIN" % role)
        self.addCleanup(self._drop_role, role)
        self.db.execute("GRANT CREATE ON SCHEMA public TO %s" % role)
        self.db.execute("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %s" % role)
        self.assertFalse(self.db.scalar("SELECT pg_has_role('%s', 'pg_read_server_files', 'USAGE')" % role))
        root = self.private_project(rev("a"), rev("b", "a"))
        self.deploy(self.write_bundle(root), role=role)
        self.assertEqual(self.db.version_rows(), ["b"])
        self.assertEqual(self.db.scalar("SELECT tableowner FROM pg_tables WHERE tablename = 't_b'"), role)
        self.deploy(self.write_bundle(root), role=role)

    def test_the_store_goes_beside_a_version_table_further_down_the_search_path(self):
        revisions = [rev("a"), rev("b", "a")]
        root = self.private_project(*revisions)
        self.deploy(self.write_bundle(root))
        self.db.execute("CREATE SCHEMA app")
        # the next deploy runs with a schema ahead of the version table's
        root = self.private_project(*revisions, rev("c", "b"), name="next")
        self.deploy(self.write_bundle(root), options="-c search_path=app,public")
        self.assertEqual(self.db.rows("SELECT version_num FROM public.alembic_version"), [("c",)])
        self.assertEqual(self.db.rows("SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                                      "WHERE c.relname = '%s'" % STORE), [("public",)])

    def _drop_role(self, role):
        try:
            self.db.execute("DROP OWNED BY %s" % role)
            self.db.execute("DROP ROLE %s" % role)
        except MigrateError:
            pass


class SqliteBundleTest(BundleTest):
    def setUp(self):
        super().setUp()
        self.require_engine("sqlite", "the sqlite3 shell")

    def test_a_bundle_inside_the_callers_shell_session(self):
        root = self.private_project(rev("a"))
        text = ".mode list\n" + self.write_bundle(root) + "SELECT migrate_current();\n"
        done = self.deploy(text)
        self.assertEqual(done.stdout.splitlines()[-1], "a")


def outside_transaction(id, revises, upgrade, downgrade):
    """A native revision whose sections run outside a transaction."""
    r = rev(id, revises, message="outside a transaction")
    r.sql_text = lambda: (
        "-- outside a transaction\n--\n-- Revision ID: %s\n-- Revises: %s\n\n"
        "-- migrate:upgrade transaction:false\n%s\n\n"
        "-- migrate:downgrade transaction:false\n%s\n" % (id, revises or "", upgrade, downgrade))
    return r


class OutsideTransactionTest(BundleTest):
    def setUp(self):
        super().setUp()
        # The directive's parser (transaction:false) may not be in this build
        # yet: offline SQL marks a step outside a transaction once it is.
        probe = self.project(rev("a"), outside_transaction("b", "a", "SELECT 1;", "SELECT 1;"), name="probe",
                             use=False)
        self.db.use_script_location(probe)
        try:
            parsed = "(outside a transaction)" in self.db.call("migrate_upgrade_sql", "base:b", "postgresql")
        finally:
            self.db.config("script_location", None)
        if not parsed:
            self.skipTest("the transaction:false directive is not parsed by this build")

    def index_step(self):
        if self.pg:
            return outside_transaction("b", "a", "CREATE INDEX CONCURRENTLY ix_a ON t_a (id);",
                                       "DROP INDEX CONCURRENTLY ix_a;")
        return outside_transaction("b", "a", "VACUUM;", "VACUUM;")

    def test_an_in_database_call_stops_before_anything_changes(self):
        revisions = [rev("a"), self.index_step(), rev("c", "b")]
        self.project(*revisions)
        error = self.assertFailsCleanly("migrate_upgrade", "heads",
                                        contains=["revision b", "transaction:false", "migrate_bundle", "migrate"])
        self.assertIn(revisions[1].filename, error.message)
        self.assertIsNone(self.db.version_rows())

    def test_a_sqlite_bundle_refuses_it_when_written(self):
        root = self.private_project(rev("a"), self.index_step(), rev("c", "b"))
        with self.assertRaises(sqlite3.Error) as caught:
            self.write_bundle(root, "heads", "sqlite")
        self.assertIn("revision b", str(caught.exception))
        self.assertIn("transaction:false", str(caught.exception))
        # Below the step, the bundle is written.
        self.assertIn("migrate_upgrade('a')", self.write_bundle(root, "a", "sqlite"))

    def test_a_postgresql_bundle_runs_it_on_its_own_and_records_it(self):
        self.require_engine("postgresql", "CREATE INDEX CONCURRENTLY")
        root = self.private_project(rev("a"), self.index_step(), rev("c", "b"))
        bundle = self.write_bundle(root)
        self.deploy(bundle)
        self.assertEqual(self.db.version_rows(), ["c"])
        self.assertTrue(self.db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_a'::regclass"))
        self.assertEqual([(row[0], row[1]) for row in self.log_summary()],
                         [("upgrade", "a"), ("upgrade", "b"), ("upgrade", "c")])
        before = (self.db.snapshot(), self.log_summary(), self.stored())
        self.deploy(bundle)
        self.assertEqual((self.db.snapshot(), self.log_summary(), self.stored()), before)

    def test_a_rerun_after_a_failure_resumes_without_running_a_step_twice(self):
        self.require_engine("postgresql", "CREATE INDEX CONCURRENTLY")
        broken = outside_transaction("b", "a", "CREATE INDEX CONCURRENTLY ix_a ON t_missing (id);",
                                     "DROP INDEX CONCURRENTLY ix_a;")
        root = self.private_project(rev("a"), broken, rev("c", "b"))
        done = self.run_bundle(self.write_bundle(root))
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("t_missing", done.stderr)
        self.assertEqual(self.db.version_rows(), ["a"])  # committed before the step outside a transaction
        write_project(root, [self.index_step()])
        os.chmod(root, 0o700)
        self.deploy(self.write_bundle(root))
        self.assertEqual(self.db.version_rows(), ["c"])
        self.assertEqual([row[1] for row in self.log_summary()], ["a", "b", "c"])
        self.assertTrue(self.db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'ix_a'::regclass"))
