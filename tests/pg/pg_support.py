"""Shared helpers of the PostgreSQL Python tests: connections to the test
cluster (PGHOST, PGPORT, PGUSER from with_cluster.sh), a fresh database per
test, and script locations the server (running as another user) can read."""

import os
import shutil
import tempfile
import unittest
import uuid

import psycopg2


def connect(dbname="postgres", autocommit=True):
    conn = psycopg2.connect(dbname=dbname)
    conn.autocommit = autocommit
    return conn


def scalar(conn, sql, params=()):
    """The first value of the first row; None for NULL or no result."""
    with conn.cursor() as cur:
        cur.execute(sql, params)
        if cur.description is None:
            return None
        row = cur.fetchone()
        return row[0] if row else None


def execute(conn, sql, params=()):
    with conn.cursor() as cur:
        cur.execute(sql, params)


def rows(conn, sql, params=()):
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchall()


def write_file(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o644)


def sql_revision(folder, rev, down=(), message=None, upgrade=None, downgrade=None):
    """A native revision file; by default it creates and drops table t_<rev>."""
    message = message or "create t_%s" % rev
    upgrade = upgrade if upgrade is not None else "CREATE TABLE t_%s (id INTEGER PRIMARY KEY);" % rev
    downgrade = downgrade if downgrade is not None else "DROP TABLE t_%s;" % rev
    path = os.path.join(folder, "%s_%s.sql" % (rev, message.replace(" ", "_")))
    write_file(path, "-- %s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-11-21 10:15:00.000000\n\n"
                     "-- migrate:upgrade\n%s\n\n-- migrate:downgrade\n%s\n"
               % (message, rev, ", ".join(down), upgrade, downgrade))
    return path


class DatabaseTest(unittest.TestCase):
    """A fresh database with the extension (self.dbname, self.conn) and a
    scratch folder readable by the server (self.dir) per test."""

    maxDiff = None

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="migrate-pg-test-")
        os.chmod(self.dir, 0o755)
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.dbname = "test_" + uuid.uuid4().hex[:12]
        admin = connect()
        with admin.cursor() as cur:
            cur.execute('CREATE DATABASE "%s"' % self.dbname)
        admin.close()
        self.addCleanup(self.drop_database)
        self.conn = self.session()
        with self.conn.cursor() as cur:
            cur.execute("CREATE EXTENSION migrate")

    def drop_database(self):
        admin = connect()
        with admin.cursor() as cur:
            cur.execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % self.dbname)
        admin.close()

    def session(self):
        """Another connection to the test's database, closed after the test."""
        conn = connect(self.dbname)
        self.addCleanup(conn.close)
        return conn

    def folder(self, *parts):
        path = os.path.join(self.dir, *parts)
        os.makedirs(path, exist_ok=True)
        for depth in range(len(parts)):
            os.chmod(os.path.join(self.dir, *parts[:depth + 1]), 0o755)
        return path

    def use(self, conn, script_location):
        scalar(conn, "SELECT migrate_config('script_location', %s)", (script_location,))

    def versions(self, conn=None):
        return sorted(r[0] for r in rows(conn or self.conn, "SELECT version_num FROM alembic_version"))

    def tables(self, conn=None):
        return [r[0] for r in rows(conn or self.conn, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                                                      "ORDER BY tablename")]
