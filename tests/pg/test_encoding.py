"""Script text is UTF-8 and is converted to the database's encoding
(docs/reference.md section 8): in a LATIN1 database a step inserting 'café'
stores café, a character LATIN1 lacks is an error naming the file with
nothing applied, and revision files the server writes are UTF-8."""

import os
import unittest
import uuid

import psycopg2

from pg_support import DatabaseTest, connect, execute, rows, scalar, sql_revision


class Latin1DatabaseTest(DatabaseTest):
    def setUp(self):
        # DatabaseTest's database, but LATIN1: created here instead.
        self.dbname_latin1 = "latin1_" + uuid.uuid4().hex[:12]
        super().setUp()
        admin = connect()
        execute(admin, 'CREATE DATABASE "%s" ENCODING \'LATIN1\' LC_COLLATE \'C\' LC_CTYPE \'C\' TEMPLATE template0'
                % self.dbname_latin1)
        admin.close()
        self.addCleanup(self.drop_latin1)
        self.db = psycopg2.connect(dbname=self.dbname_latin1)
        self.db.autocommit = True
        self.addCleanup(self.db.close)
        execute(self.db, "CREATE EXTENSION migrate")
        self.root = self.folder("migrations")
        self.versions_dir = self.folder("migrations", "versions")
        if os.getuid() == 0:  # the server (postgres) writes a revision there
            os.chmod(self.versions_dir, 0o777)
        sql_revision(self.versions_dir, "a", message="café table",
                     upgrade="CREATE TABLE word (w TEXT);\nINSERT INTO word VALUES ('café');",
                     downgrade="DROP TABLE word;")
        self.use(self.db, self.root)

    def drop_latin1(self):
        admin = connect()
        execute(admin, 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % self.dbname_latin1)
        admin.close()

    def test_text_converted_to_the_database_encoding(self):
        self.assertEqual(scalar(self.db, "SHOW server_encoding"), "LATIN1")
        self.assertEqual(scalar(self.db, "SELECT migrate_upgrade('head')"), "Running upgrade  -> a, café table")
        self.assertEqual(rows(self.db, "SELECT w, length(w), octet_length(w) FROM word"), [("café", 4, 4)])
        self.assertEqual(rows(self.db, "SELECT message FROM alembic_version_log"), [("café table",)])
        self.assertEqual(rows(self.db, "SELECT message FROM migrate_versions"), [("café table",)])
        path = scalar(self.db, "SELECT migrate_revision('crème brûlée')")
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")  # UTF-8, whatever the database's encoding
        self.assertTrue(text.startswith("-- crème brûlée\n"), text)
        self.assertIn(os.path.basename(path)[:12], scalar(self.db, "SELECT migrate_heads()"))

    def test_a_character_the_database_lacks(self):
        sql_revision(self.versions_dir, "b", ["a"], upgrade="INSERT INTO word VALUES ('5 €');")
        with self.assertRaises(psycopg2.Error) as caught:
            scalar(self.db, "SELECT migrate_upgrade('head')")
        self.assertEqual(caught.exception.pgcode, "22P05")  # untranslatable_character
        self.assertIn(os.path.join(self.versions_dir, "b_create_t_b.sql"), caught.exception.pgerror)
        self.assertIsNone(scalar(self.db, "SELECT migrate_current()"))
        self.assertIsNone(scalar(self.db, "SELECT to_regclass('word')"))


if __name__ == "__main__":
    unittest.main()
