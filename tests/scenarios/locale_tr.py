"""Case folding is ASCII-only whatever the locale (docs/reference.md section
8). Under tr_TR.UTF-8 the C library's tolower('I') is not 'i', and both hosts
set the locale: Python's sqlite3 from the environment, a PostgreSQL backend
from its database's LC_CTYPE. Header keys ("Revision ID"), directives and
settings must read the same there."""

import os
import subprocess
import sys
import unittest
import uuid

import pg_cluster

from .engines import sqlite_extension_path
from .scenario import ScenarioTest, log, rev, write_file

TURKISH = "tr_TR.UTF-8"

# Upper-case keys and directives: each has an I that Turkish folds otherwise.
HEADER_IN_CAPITALS = ("-- INITIAL\n--\n-- REVISION ID: a\n-- REVISES:\n\n-- MIGRATE:UPGRADE\n"
                      "CREATE TABLE t_a (id INTEGER);\n-- MIGRATE:DOWNGRADE\nDROP TABLE t_a;\n")

SQLITE_SCRIPT = r"""
import sqlite3, sys
conn = sqlite3.connect(sys.argv[2], isolation_level=None)
conn.enable_load_extension(True)
conn.load_extension(sys.argv[1])
conn.execute("SELECT migrate_config('script_location', ?)", (sys.argv[3],))
conn.execute("SELECT migrate_config('transaction_per_migration', 'TRUE')")
print(conn.execute("SELECT migrate_heads()").fetchone()[0])
print(conn.execute("SELECT migrate_upgrade('head')").fetchone()[0])
"""


def turkish_locale_available():
    names = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    return any(n.lower() in ("tr_tr.utf8", "tr_tr.utf-8") for n in names)


class TurkishLocaleTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        if not turkish_locale_available():
            self.skipTest("tr_TR.UTF-8 is not installed (tests/install-deps.sh generates it)")
        self.root = self.project(rev("b", "a"), use=False)
        write_file(os.path.join(self.root, "versions", "a_initial.sql"), HEADER_IN_CAPITALS)

    def test_sqlite_under_a_turkish_locale(self):
        self.require_engine("sqlite", "Python's sqlite3 in a process under LC_ALL")
        env = dict(os.environ, LC_ALL=TURKISH)
        done = subprocess.run([sys.executable, "-c", SQLITE_SCRIPT, sqlite_extension_path(),
                               os.path.join(self.dir, "turkish.db"), self.root],
                              env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.splitlines(), ["b", "Running upgrade  -> a, INITIAL",
                                                    "Running upgrade a -> b, create t_b"])

    def test_postgresql_database_with_a_turkish_ctype(self):
        self.require_engine("postgresql", "a database's LC_CTYPE")
        dbname = "turkish_" + uuid.uuid4().hex[:12]
        pg_cluster._admin(f'CREATE DATABASE "{dbname}" TEMPLATE template0 ENCODING \'UTF8\' '
                          f"LC_CTYPE '{TURKISH}' LC_COLLATE '{TURKISH}'")
        self.addCleanup(pg_cluster.drop_database, dbname)
        conn = pg_cluster.connect(dbname)
        self.addCleanup(conn.close)
        with conn.cursor() as cursor:
            cursor.execute("CREATE EXTENSION migrate")
            cursor.execute("SELECT migrate_config('script_location', %s)", (self.root,))
            cursor.execute("SELECT migrate_config('transaction_per_migration', 'FALSE')")
            cursor.execute("SELECT migrate_heads()")
            self.assertEqual(cursor.fetchone()[0], "b")
            cursor.execute("SELECT migrate_upgrade('head')")
            self.assertEqual(cursor.fetchone()[0], log("upgrade  -> a, INITIAL", "upgrade a -> b, create t_b"))
            cursor.execute("SELECT migrate_current()")
            self.assertEqual(cursor.fetchone()[0], "b")


if __name__ == "__main__":
    unittest.main()
