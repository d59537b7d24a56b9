"""Least privilege (docs/reference.md section 8): EXECUTE is revoked from
PUBLIC; a deployer role granted the functions reads and writes scripts
inside the superuser-only migrate.script_roots without pg_read_server_files,
and is refused (SQLSTATE 42501) outside them, through `..` and through
symbolic links that lead out."""

import os
import pwd
import stat
import unittest
import uuid

import psycopg2
import psycopg2.errorcodes

from pg_support import DatabaseTest, connect, execute, rows, scalar, sql_revision


class ScriptRootsTest(DatabaseTest):
    def setUp(self):
        suffix = uuid.uuid4().hex[:8]
        self.deployer, self.stranger = "deployer_" + suffix, "stranger_" + suffix
        admin = connect()
        for role in (self.deployer, self.stranger):
            execute(admin, 'CREATE ROLE "%s"' % role)
        admin.close()
        self.addCleanup(self.drop_roles)  # after the database is dropped
        super().setUp()
        execute(self.conn, 'GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO "%s"' % self.deployer)
        execute(self.conn, 'GRANT CREATE ON SCHEMA public TO "%s", "%s"' % (self.deployer, self.stranger))
        self.root = self.folder("root")
        self.inside = self.migrations("root", "app")
        self.outside = self.migrations("outside")
        # The deployer's session: roots set by the superuser, then SET ROLE.
        # The library is loaded first: before, migrate.* are placeholders
        # anyone may set (docs/postgresql.md: session_preload_libraries).
        self.session_ = self.session()
        execute(self.session_, "LOAD 'migrate'")
        execute(self.session_, "SET migrate.script_roots = %s", (" /nonexistent , " + self.root,))
        execute(self.session_, 'SET ROLE "%s"' % self.deployer)

    def migrations(self, *parts):
        versions = self.folder(*parts, "versions")
        if os.getuid() == 0:  # the server (postgres) writes revisions there
            os.chown(versions, pwd.getpwnam("postgres").pw_uid, -1)
        sql_revision(versions, "a")
        sql_revision(versions, "b", ["a"])
        return os.path.dirname(versions)

    def drop_roles(self):
        admin = connect()
        for role in (self.deployer, self.stranger):
            execute(admin, 'DROP ROLE IF EXISTS "%s"' % role)
        admin.close()

    def locate(self, path):
        """SET, not migrate_config: that reads the folder, and would refuse."""
        execute(self.session_, "SET migrate.script_location = %s", (path,))

    def refused(self, sql, params=()):
        with self.assertRaises(psycopg2.Error) as caught:
            scalar(self.session_, sql, params)
        self.assertEqual(caught.exception.pgcode, psycopg2.errorcodes.INSUFFICIENT_PRIVILEGE)
        return caught.exception.pgerror

    def test_upgrade_and_write_inside_a_root(self):
        self.use(self.session_, self.inside)
        self.assertEqual(scalar(self.session_, "SELECT migrate_upgrade('head')"),
                         "Running upgrade  -> a, create t_a\nRunning upgrade a -> b, create t_b")
        self.assertEqual(scalar(self.session_, "SELECT migrate_current()"), "b")
        self.assertEqual(scalar(self.session_, "SELECT count(*) FROM migrate_versions"), 2)
        path = scalar(self.session_, "SELECT migrate_revision('next step')")
        self.assertTrue(path.startswith(os.path.join(self.inside, "versions") + "/"), path)
        self.assertEqual(scalar(self.session_, "SELECT migrate_heads()"), os.path.basename(path)[:12])
        # Readable by all who can read the folder (the server's umask is 0077).
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o644)
        os.chmod(os.path.dirname(path), 0o775)
        merge = scalar(self.session_, "SELECT migrate_revision('group step', false, 'head=b splice=true')")
        self.assertEqual(stat.S_IMODE(os.stat(merge).st_mode), 0o664)
        self.assertEqual(rows(self.conn, "SELECT tableowner FROM pg_tables WHERE tablename = 't_b'"),
                         [(self.deployer,)])

    def test_refused_outside_every_root(self):
        self.locate(self.outside)
        message = self.refused("SELECT migrate_upgrade('head')")
        self.assertIn("is not inside migrate.script_roots", message)
        for sql in ("SELECT migrate_heads()", "SELECT migrate_current()", "SELECT * FROM migrate_versions",
                    "SELECT migrate_upgrade_sql('head')", "SELECT migrate_revision('x')",
                    "SELECT migrate_merge('heads', 'm')", "SELECT migrate_diff()",
                    "SELECT migrate_config('version_table')"):
            self.refused(sql)
        self.refused("SELECT * FROM migrate_versions(%s)", (self.outside,))
        self.assertEqual(scalar(self.conn, "SELECT to_regclass('alembic_version')"), None)

    def test_refused_through_dot_dot(self):
        self.locate(os.path.join(self.root, "..", "outside"))
        self.refused("SELECT migrate_upgrade('head')")

    def test_refused_through_a_symlink_out(self):
        os.symlink(self.outside, os.path.join(self.root, "link"))
        self.locate(os.path.join(self.root, "link"))
        self.refused("SELECT migrate_heads()")

    def test_refused_for_a_symlinked_file_out(self):
        secret = os.path.join(self.outside, "versions", "a_create_t_a.sql")
        os.symlink(secret, os.path.join(self.inside, "versions", "c_link.sql"))
        self.locate(self.inside)
        self.assertIn("symbolic link out of migrate.script_roots", self.refused("SELECT migrate_heads()"))

    def test_target_schema_outside(self):
        self.locate(self.inside)
        execute(self.session_, "SET migrate.target_schema = %s", (self.outside,))
        self.refused("SELECT migrate_diff()")

    def test_file_template_naming_another_folder(self):
        self.locate(self.inside)
        execute(self.session_, "SET migrate.file_template = '../../%%(rev)s'")
        self.refused("SELECT migrate_revision('x')")

    def test_the_roots_are_the_superusers(self):
        with self.assertRaises(psycopg2.Error) as caught:
            execute(self.session_, "SET migrate.script_roots = '/'")
        self.assertEqual(caught.exception.pgcode, psycopg2.errorcodes.INSUFFICIENT_PRIVILEGE)

    def test_pg_read_server_files_reads_anywhere(self):
        execute(self.conn, 'GRANT pg_read_server_files TO "%s"' % self.deployer)
        self.use(self.session_, self.outside)
        self.assertEqual(scalar(self.session_, "SELECT migrate_heads()"), "b")

    @unittest.skipUnless(os.getuid() == 0, "the server must run as another user than the test")
    def test_a_folder_the_server_cannot_enter(self):
        os.chmod(self.root, 0o700)  # the test's own user (root) owns it
        self.addCleanup(os.chmod, self.root, 0o755)
        self.use(self.conn, self.inside)
        with self.assertRaises(psycopg2.Error) as caught:
            scalar(self.conn, "SELECT migrate_heads()")
        self.assertIn("Permission denied: '%s'" % self.inside, caught.exception.pgerror)
        self.assertNotIn("Path doesn't exist", caught.exception.pgerror)

    def test_a_role_without_grants(self):
        conn = self.session()
        execute(conn, "LOAD 'migrate'")
        execute(conn, "SET migrate.script_roots = %s", (self.root,))
        execute(conn, 'SET ROLE "%s"' % self.stranger)
        for function in ("migrate_heads()", "migrate_upgrade('head')", "migrate_config('version_table')"):
            with self.assertRaises(psycopg2.Error) as caught:
                scalar(conn, "SELECT " + function)
            self.assertEqual(caught.exception.pgcode, psycopg2.errorcodes.INSUFFICIENT_PRIVILEGE)
            self.assertIn("permission denied for function", caught.exception.pgerror)
        with self.assertRaises(psycopg2.Error) as caught:
            scalar(conn, "SELECT * FROM migrate_versions")
        self.assertIn("permission denied for function migrate_versions", caught.exception.pgerror)


if __name__ == "__main__":
    unittest.main()
