"""Interoperability with the real Alembic on PostgreSQL (python3-alembic over
psycopg2): a database Alembic upgraded is read right and upgraded further by
migrate, and a database migrate upgraded is read right by `alembic current`.

Alembic cannot load .sql files, so where Alembic must know migrate's
revisions it is given .py twins: the same ids and links, bodies running the
same SQL through op.execute."""

import os
import re
import subprocess
import sys
import unittest

from pg_support import DatabaseTest, connect, execute, rows, scalar, write_file

PYTHON = os.environ.get("MIGRATE_PYTHON") or sys.executable


def revision_header(rev, down, message):
    return "-- %s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-11-21 10:15:00.000000\n\n" % (
        message, rev, ", ".join(down))


def write_sql(folder, rev, down, message, upgrade, downgrade):
    write_file(os.path.join(folder, "%s_rev.sql" % rev),
               revision_header(rev, down, message) + "-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n"
               % (upgrade, downgrade))


def write_py(folder, rev, down, message, upgrade, downgrade):
    down_literal = "None" if not down else repr(down[0]) if len(down) == 1 else repr(tuple(down))
    write_file(os.path.join(folder, "%s_rev.py" % rev),
               '"""%s\n\nRevision ID: %s\nRevises: %s\nCreate Date: 2026-11-21 10:15:00.000000\n\n"""\n'
               "from alembic import op\n\n"
               "revision = %r\ndown_revision = %s\nbranch_labels = None\ndepends_on = None\n\n\n"
               "def upgrade():\n    op.execute(%r)\n\n\n"
               "def downgrade():\n    op.execute(%r)\n"
               % (message, rev, ", ".join(down), rev, down_literal, upgrade, downgrade))


def table_step(rev, down, message=None):
    return dict(rev=rev, down=down, message=message or "create t_%s" % rev,
                upgrade="CREATE TABLE t_%s (id INTEGER PRIMARY KEY);" % rev, downgrade="DROP TABLE t_%s;" % rev)


BRANCHED = [
    table_step("a1", []),
    table_step("b2", ["a1"], "left"),
    table_step("c3", ["a1"], "right"),
    table_step("d4", ["b2", "c3"], "merge"),
]


class AlembicProject:
    """`alembic init` with the database of the test as sqlalchemy.url and
    `versions` as its version location."""

    def __init__(self, root, dbname, versions):
        self.root = root
        self.ini = os.path.join(root, "alembic.ini")
        self.run("init", os.path.join(root, "alembic"))
        with open(self.ini) as f:
            ini = f.read()
        url = "postgresql+psycopg2://%s@/%s?host=%s&port=%s" % (
            os.environ.get("PGUSER", "postgres"), dbname, os.environ["PGHOST"], os.environ["PGPORT"])
        ini = re.sub(r"(?m)^sqlalchemy\.url = .*$", "sqlalchemy.url = " + url, ini)
        ini = re.sub(r"(?m)^version_path_separator = .*$", "version_path_separator = os", ini)
        ini = re.sub(r"(?m)^# version_locations = .*$", "version_locations = " + versions, ini)
        with open(self.ini, "w") as f:
            f.write(ini)

    def run(self, *args):
        """Runs an alembic command; returns (stdout, stderr)."""
        proc = subprocess.run([PYTHON, "-m", "alembic", "-c", self.ini] + list(args), cwd=self.root,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise AssertionError("alembic %s failed:\n%s\n%s" % (" ".join(args), proc.stdout, proc.stderr))
        return proc.stdout, proc.stderr

    def current(self):
        return sorted(line.split()[0] for line in self.run("current")[0].splitlines() if line.strip())

    def steps(self, *args):
        """The 'Running ...' lines Alembic logs (to standard error)."""
        return [line.split("] ", 1)[1] for line in self.run(*args)[1].splitlines() if "] Running " in line]


class AlembicInteropTest(DatabaseTest):
    def setUp(self):
        super().setUp()
        self.migrations = self.folder("migrations")
        self.versions_dir = self.folder("migrations", "versions")
        self.use(self.conn, self.migrations)

    def call(self, function, *args):
        placeholders = ", ".join(["%s"] * len(args))
        return scalar(self.conn, "SELECT %s(%s)" % (function, placeholders), args)

    def test_alembic_history_is_read_and_upgraded_further(self):
        """Alembic upgrades its .py history; migrate reads the database and
        runs a .sql revision on top."""
        for step in BRANCHED[:2]:
            write_py(self.versions_dir, **step)
        write_sql(self.versions_dir, "e5", ["b2"], "native on top",
                  "ALTER TABLE t_b2 ADD COLUMN name TEXT;", "ALTER TABLE t_b2 DROP COLUMN name;")
        alembic = AlembicProject(self.folder("project"), self.dbname, self.versions_dir)
        self.assertEqual(alembic.steps("upgrade", "head"),
                         ["Running upgrade  -> a1, create t_a1", "Running upgrade a1 -> b2, left"])
        self.assertEqual(alembic.current(), ["b2"])

        self.assertEqual(self.call("migrate_current"), "b2")
        self.assertEqual(self.call("migrate_heads"), "e5")
        self.assertEqual(rows(self.conn, "SELECT revision, is_current, is_applied FROM migrate_versions"),
                         [("a1", False, True), ("b2", True, True), ("e5", False, False)])
        self.assertEqual(self.call("migrate_upgrade", "head"), "Running upgrade b2 -> e5, native on top")
        self.assertEqual(self.versions(), ["e5"])
        self.assertEqual(rows(self.conn, "SELECT column_name FROM information_schema.columns "
                                         "WHERE table_name = 't_b2' ORDER BY ordinal_position"),
                         [("id",), ("name",)])
        # Down again to Alembic's head; below it the steps are Alembic's.
        self.assertEqual(self.call("migrate_downgrade", "b2"), "Running downgrade e5 -> b2, native on top")
        self.assertEqual(alembic.current(), ["b2"])

    def test_migrate_history_is_read_by_alembic(self):
        twins = self.folder("twins")
        for step in BRANCHED:
            write_sql(self.versions_dir, **step)
            write_py(twins, **step)
        alembic = AlembicProject(self.folder("project"), self.dbname, twins)
        self.call("migrate_upgrade", "b2")
        self.call("migrate_upgrade", "c3")
        self.assertEqual(self.call("migrate_current"), "b2,c3")
        self.assertEqual(alembic.current(), ["b2", "c3"])
        self.call("migrate_upgrade", "head")
        self.assertEqual(alembic.current(), ["d4"])
        self.assertEqual(alembic.steps("upgrade", "head"), [])
        # Alembic takes over where migrate stopped, and the reverse.
        alembic.run("downgrade", "a1")
        self.assertEqual(self.call("migrate_current"), "a1")
        self.assertEqual(self.tables(), ["alembic_version", "alembic_version_log", "t_a1"])
        self.assertEqual(self.call("migrate_upgrade", "heads"),
                         "Running upgrade a1 -> c3, right\nRunning upgrade a1 -> b2, left\n"
                         "Running upgrade b2, c3 -> d4, merge")
        self.assertEqual(alembic.current(), ["d4"])

    def test_same_steps_and_version_table_as_alembic(self):
        """On twin graphs migrate logs Alembic's lines and builds Alembic's
        version table (a reference database only Alembic touches)."""
        twins = self.folder("twins")
        for step in BRANCHED:
            write_sql(self.versions_dir, **step)
            write_py(twins, **step)
        reference = "ref_" + self.dbname
        execute(self.conn, 'CREATE DATABASE "%s"' % reference)
        self.addCleanup(execute, self.conn, 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % reference)
        alembic = AlembicProject(self.folder("project"), reference, twins)
        for command, target in [("upgrade", "b2"), ("upgrade", "heads"), ("downgrade", "a1"), ("upgrade", "heads"),
                                ("downgrade", "base")]:
            with self.subTest(command=command, target=target):
                self.assertEqual(self.call("migrate_" + command, target).splitlines(),
                                 alembic.steps(command, target))
        self.call("migrate_stamp", "a1")
        alembic.run("stamp", "a1")

        def shape(dbname):
            conn = connect(dbname)
            try:
                return rows(conn, """
                    SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                           (SELECT string_agg(c.conname || ' ' || pg_get_constraintdef(c.oid), ', ')
                              FROM pg_constraint c WHERE c.conrelid = a.attrelid)
                      FROM pg_attribute a
                     WHERE a.attrelid = 'alembic_version'::regclass AND a.attnum > 0""")
            finally:
                conn.close()

        self.assertEqual(shape(self.dbname), shape(reference))
        self.assertEqual(shape(self.dbname),
                         [("version_num", "character varying(32)", True,
                           "alembic_version_pkc PRIMARY KEY (version_num)")])


if __name__ == "__main__":
    unittest.main()
