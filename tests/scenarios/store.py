"""The script store `<version_table>_scripts (path, body)` and the setting
script_source = database: every reading function works from the store with
the same results, checksums and errors as from the folder (errors name the
stored path), with no folder anywhere; writing functions refuse it."""

import os
import shutil
import tempfile
import uuid

from .engines import MigrateError
from .scenario import ScenarioTest, log, rev

STORE = "alembic_version_scripts"
LOG = "alembic_version_log"
NO_CHANGES = "No new upgrade operations detected."


def project_files(root):
    """{relative path: text} of every file under a script location."""
    out = {}
    for folder, _, names in os.walk(root):
        for name in names:
            full = os.path.join(folder, name)
            with open(full, encoding="utf-8") as f:
                out[os.path.relpath(full, root)] = f.read()
    return out


def history():
    return [
        rev("a", message="create account"),
        rev("b", "a", message="add orders", upgrade="CREATE TABLE t_b (id INTEGER PRIMARY KEY, note TEXT);\n"
                                                    "INSERT INTO t_b (id, note) VALUES (1, 'it''s $$ \\n');"),
        rev("c", "b", labels="feature"),
    ]


class StoreTest(ScenarioTest):
    def other_database(self):
        workdir = tempfile.mkdtemp(prefix="migrate-store-")
        os.chmod(workdir, 0o755)
        self.addCleanup(shutil.rmtree, workdir, True)
        session = self.engine.create_database(workdir)
        self.addCleanup(session.close)
        return session

    def fill_store(self, db, files, table=STORE):
        db.execute("CREATE TABLE IF NOT EXISTS %s (path TEXT PRIMARY KEY, body TEXT NOT NULL)" % db.identifier(table))
        for path, body in files.items():
            db.execute("INSERT INTO %s (path, body) VALUES (%s, %s)"
                       % (db.identifier(table), db.literal(path), db.literal(body)))

    def use_store(self, db):
        """script_source = database, and a script location that does not exist:
        nothing may come from a folder."""
        db.config("script_location", os.path.join(self.dir, "no-such-folder"))
        self.assertEqual(db.config("script_source", "database"), "database")

    def log_summary(self, db):
        return db.rows("SELECT direction, revision, from_revisions, to_revisions, message, checksum FROM %s "
                       "ORDER BY id" % db.identifier(LOG))

    def store_database(self, revisions, extra=None):
        """self.db, its store filled with a project of `revisions` (plus
        `extra` files), reading from the store; returns the project's files."""
        root = self.project(*revisions, use=False)
        files = project_files(root)
        files.update(extra or {})
        self.fill_store(self.db, files)
        self.use_store(self.db)
        return files


class SameResultsTest(StoreTest):
    def test_a_store_gives_what_the_folder_gives(self):
        revisions = history()
        root = self.project(*revisions, name="from_files", use=False)
        files_db = self.other_database()
        files_db.use_script_location(root)
        self.store_database(revisions)

        for db in (files_db, self.db):
            self.assertEqual(db.call("migrate_heads"), "c")
            self.assertIsNone(db.call("migrate_current"))
        expected_sql = files_db.call("migrate_upgrade_sql", "base:c")
        self.assertEqual(self.db.call("migrate_upgrade_sql", "base:c"), expected_sql)

        expected = log("upgrade  -> a, create account", "upgrade a -> b, add orders", "upgrade b -> c, create t_c")
        self.assertEqual(files_db.call("migrate_upgrade", "heads"), expected)
        self.assertEqual(self.upgrade("heads"), expected)
        self.assertEqual(self.db.version_rows(), ["c"])
        self.assertEqual(self.user_tables(), ["t_a", "t_b", "t_c"])
        self.assertEqual(self.user_tables(), sorted(t for t in files_db.tables()
                                                    if t not in ("alembic_version", LOG)))
        self.assertEqual(self.log_summary(self.db), self.log_summary(files_db))
        self.assertEqual(self.db.call("migrate_current"), "c")

        from_files = files_db.versions()
        from_store = self.db.versions()
        self.assertEqual([r["path"] for r in from_store], ["versions/" + r.filename for r in revisions])
        for row in from_files + from_store:
            del row["path"]
        self.assertEqual(from_store, from_files)

        self.assertEqual(self.downgrade("-1"), log("downgrade c -> b, create t_c"))
        self.assertEqual(self.db.call("migrate_downgrade_sql", "b:a"), files_db.call("migrate_downgrade_sql", "b:a"))
        self.stamp("a")
        self.assertEqual(self.db.version_rows(), ["a"])

    def test_migrate_ini_and_target_schema_come_from_the_store(self):
        self.store_database([rev("a")], extra={
            "migrate.ini": "[migrate]\ntarget_schema = model/app.sql\n",
            "model/app.sql": "CREATE TABLE t_a (id INTEGER PRIMARY KEY);\n",
        })
        self.assertEqual(self.db.config("target_schema"), "model/app.sql")
        self.upgrade()
        self.assertEqual(self.db.call("migrate_diff"), "")
        self.assertEqual(self.db.call("migrate_check"), NO_CHANGES)
        self.db.execute("UPDATE %s SET body = body || 'CREATE TABLE t_new (id INTEGER PRIMARY KEY);' "
                        "WHERE path = 'model/app.sql'" % STORE)
        self.assertIn("t_new", self.db.call("migrate_diff"))

    def test_the_default_target_schema_is_the_stored_schema_folder(self):
        self.store_database([rev("a")], extra={"schema/app.sql": "CREATE TABLE t_a (id INTEGER PRIMARY KEY);\n"})
        self.upgrade()
        self.assertEqual(self.db.call("migrate_check"), NO_CHANGES)

    def test_a_missing_stored_target_schema_names_the_store(self):
        self.store_database([rev("a")])
        error = self.assertFailsCleanly("migrate_diff", contains=["schema", STORE])
        self.assertNotIn("no-such-folder", error.message)


class StoreErrorsTest(StoreTest):
    def test_a_malformed_stored_revision_is_named_by_its_stored_path(self):
        bad = rev("b", "a")
        self.store_database([rev("a"), bad])
        self.db.execute("UPDATE %s SET body = replace(body, 'Revision ID: b', 'Revision ID: b:x') "
                        "WHERE path = 'versions/%s'" % (STORE, bad.filename))
        self.assertFailsCleanly("migrate_upgrade", "heads", contains=["versions/" + bad.filename, "b:x"])

    def test_a_failing_stored_step_is_named_by_its_stored_path(self):
        bad = rev("b", "a", upgrade="INSERT INTO missing_table VALUES (1);")
        self.store_database([rev("a"), bad])
        self.assertFailsCleanly("migrate_upgrade", "heads", contains=["versions/" + bad.filename, "revision b"])
        self.assertIsNone(self.db.version_rows())

    def test_no_store_is_a_clear_error(self):
        self.use_store(self.db)
        self.assertFailsCleanly("migrate_upgrade", "heads", contains=[STORE, "script_source"])
        self.assertFailsCleanly("migrate_heads", contains=[STORE])

    def test_a_store_without_revisions_has_no_heads(self):
        self.store_database([])
        self.assertEqual(self.heads(), "")

    def test_writing_functions_refuse_the_store(self):
        self.store_database([rev("a")])
        self.assertFailsCleanly("migrate_revision", "new", contains=["script_source", "database"])
        self.assertFailsCleanly("migrate_merge", "heads", "merge", contains=["script_source", "database"])

    def test_script_source_is_checked(self):
        with self.assertRaises(MigrateError) as caught:
            self.db.config("script_source", "tables")
        self.assertIn("script_source", caught.exception.message)
        self.assertEqual(self.db.config("script_source"), "files")

    def test_script_source_cannot_come_from_migrate_ini(self):
        self.project(rev("a"), ini={"script_source": "database"})
        self.assertFailsCleanly("migrate_upgrade", "heads", contains=["script_source", "migrate.ini"])

    def test_a_stored_migrate_ini_cannot_move_the_store(self):
        self.store_database([rev("a")], extra={"migrate.ini": "[migrate]\nversion_table = other_version\n"})
        self.assertFailsCleanly("migrate_upgrade", "heads", contains=["version_table", "other_version", STORE])

    def test_the_store_follows_the_version_table_setting(self):
        root = self.project(rev("a"), use=False)
        self.fill_store(self.db, project_files(root), table="deploys_scripts")
        self.use_store(self.db)
        self.db.config("version_table", "deploys")
        self.assertEqual(self.upgrade(), log("upgrade  -> a, create t_a"))
        self.assertEqual(self.db.version_rows("deploys"), ["a"])


class StoreBesideTheVersionTableTest(StoreTest):
    """PostgreSQL: the store is the table beside the resolved version table,
    never another of its name that comes first on the search_path."""

    def setUp(self):
        super().setUp()
        self.require_engine("postgresql", "schemas and search_path")

    def relations(self, name):
        return [r[0] for r in self.db.rows(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = %s ORDER BY 1" % self.db.literal(name))]

    def test_a_store_earlier_on_the_search_path_is_not_read(self):
        real = project_files(self.project(rev("a"), rev("b", "a"), use=False, name="real"))
        lure = project_files(self.project(rev("a"), rev("b", "a", upgrade="CREATE TABLE pwned (id INTEGER);"),
                                          use=False, name="lure"))
        self.db.execute("CREATE SCHEMA deploy")
        self.db.execute("CREATE SCHEMA lure")
        self.db.execute("SET search_path = deploy, public")
        self.fill_store(self.db, real)
        self.use_store(self.db)
        self.assertEqual(self.upgrade("a"), log("upgrade  -> a, create t_a"))
        # Someone who may create tables in a schema ahead of deploy's plants a store there.
        self.db.execute("SET search_path = lure, deploy, public")
        self.fill_store(self.db, lure)
        self.assertEqual(self.relations(STORE), ["deploy", "lure"])
        self.assertEqual(self.upgrade("heads"), log("upgrade a -> b, create t_b"))
        self.assertEqual(self.relations("pwned"), [])
        self.assertEqual(self.relations("alembic_version"), ["deploy"])
        self.assertEqual(self.db.rows("SELECT version_num FROM deploy.alembic_version"), [("b",)])


class ModifiedTest(StoreTest):
    def test_an_applied_revision_changed_in_the_store_is_flagged_and_never_rerun(self):
        revisions = [rev("a"), rev("b", "a")]
        self.store_database(revisions)
        self.upgrade()
        self.db.execute("UPDATE %s SET body = replace(body, 'CREATE TABLE t_a', 'CREATE TABLE t_a2') "
                        "WHERE path = 'versions/%s'" % (STORE, revisions[0].filename))
        rows = {r["revision"]: r for r in self.db.versions()}
        self.assertTrue(rows["a"]["modified"])
        self.assertFalse(rows["b"]["modified"])
        self.assertEqual(self.upgrade(), "")
        self.assertNotIn("t_a2", self.db.tables())
        with self.assertRaises(MigrateError) as caught:
            self.db.call("migrate_check")
        self.assertIn("modified_revision", caught.exception.message)


class NoFilePrivilegeTest(StoreTest):
    def test_a_role_without_file_privileges_reads_the_store(self):
        self.require_engine("postgresql", "roles and pg_read_server_files")
        role = "deployer_" + uuid.uuid4().hex[:8]
        self.db.execute("CREATE ROLE %s" % role)
        self.addCleanup(self._drop_role, role)
        self.db.execute("GRANT CREATE ON SCHEMA public TO %s" % role)
        self.db.execute("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %s" % role)
        self.store_database([rev("a"), rev("b", "a")])
        self.db.execute("GRANT SELECT ON %s TO %s" % (STORE, role))
        self.db.execute("SET ROLE %s" % role)
        self.assertEqual(self.upgrade(), log("upgrade  -> a, create t_a", "upgrade a -> b, create t_b"))
        self.assertEqual(self.heads(), "b")
        self.assertEqual([r["revision"] for r in self.db.versions()], ["a", "b"])
        self.assertEqual(self.downgrade("-1"), log("downgrade b -> a, create t_b"))
        self.db.execute("RESET ROLE")

    def _drop_role(self, role):
        try:
            self.db.execute("RESET ROLE")
            self.db.execute("DROP OWNED BY %s" % role)
            self.db.execute("DROP ROLE %s" % role)
        except MigrateError:
            pass
