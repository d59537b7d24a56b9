"""One resolved version table per call (docs/reference.md section 8): the
table is resolved once when the call starts (version_table_schema, else
where the name resolves, else the current schema), and that qualified name
serves every statement, the audit log and the deployer lock's key, whatever
the steps do to search_path and whatever the caller's current schema."""

import threading
import unittest
import uuid

import psycopg2

from pg_support import DatabaseTest, connect, execute, rows, scalar, sql_revision


class StepChangesSearchPathTest(DatabaseTest):
    """A step that sets search_path as pg_dump's output does."""

    def setUp(self):
        super().setUp()
        self.root = self.folder("migrations")
        versions = self.folder("migrations", "versions")
        sql_revision(versions, "a", upgrade="CREATE TABLE public.t_a (id INTEGER);", downgrade="DROP TABLE public.t_a;")
        sql_revision(versions, "b", ["a"], upgrade="SELECT pg_catalog.set_config('search_path', '', false);\n"
                                                   "CREATE TABLE public.t_b (id INTEGER);",
                     downgrade="SELECT pg_catalog.set_config('search_path', '', false);\nDROP TABLE public.t_b;")
        sql_revision(versions, "c", ["b"], upgrade="CREATE TABLE public.t_c (id INTEGER);",
                     downgrade="DROP TABLE public.t_c;")
        self.use(self.conn, self.root)

    def test_empty_search_path_set_by_a_step(self):
        self.assertEqual(scalar(self.conn, "SELECT migrate_upgrade('head')"),
                         "Running upgrade  -> a, create t_a\nRunning upgrade a -> b, create t_b\n"
                         "Running upgrade b -> c, create t_c")
        execute(self.conn, "RESET search_path")
        self.assertEqual(self.versions(), ["c"])
        self.assertEqual([r[0] for r in rows(self.conn, "SELECT revision FROM alembic_version_log ORDER BY id")],
                         ["a", "b", "c"])
        self.assertEqual(scalar(self.conn, "SELECT migrate_downgrade('base')"),
                         "Running downgrade c -> b, create t_c\nRunning downgrade b -> a, create t_b\n"
                         "Running downgrade a -> , create t_a")
        execute(self.conn, "RESET search_path")
        self.assertEqual(self.tables(), ["alembic_version", "alembic_version_log"])

    def test_a_same_named_table_on_the_new_search_path(self):
        """The step points search_path at a schema with its own
        alembic_version: the call keeps writing the table it started with."""
        scalar(self.conn, "SELECT migrate_upgrade('a')")
        execute(self.conn, "CREATE SCHEMA other; CREATE TABLE other.alembic_version (version_num VARCHAR(32) "
                           "PRIMARY KEY); INSERT INTO other.alembic_version VALUES ('zzz')")
        versions = self.folder("migrations", "versions")
        sql_revision(versions, "d", ["c"], upgrade="SELECT pg_catalog.set_config('search_path', 'other', false);")
        scalar(self.conn, "SELECT migrate_upgrade('head')")
        execute(self.conn, "RESET search_path")
        self.assertEqual(self.versions(), ["d"])
        self.assertEqual(rows(self.conn, "SELECT version_num FROM other.alembic_version"), [("zzz",)])
        self.assertEqual(self.tables(), ["alembic_version", "alembic_version_log", "t_a", "t_b", "t_c"])


class TwoRolesConcurrentTest(DatabaseTest):
    """4 + 4 sessions of two superusers, one with a schema of its own name
    (so its current schema differs), deploy at once: the version table in
    public is the one both resolve, so both take the same lock."""

    def setUp(self):
        suffix = uuid.uuid4().hex[:8]
        self.own, self.plain = "deployer_own_" + suffix, "deployer_plain_" + suffix
        admin = connect()
        for role in (self.own, self.plain):
            execute(admin, 'CREATE ROLE "%s" LOGIN SUPERUSER' % role)
        admin.close()
        self.addCleanup(self.drop_roles)  # runs after the database is dropped
        super().setUp()
        execute(self.conn, 'CREATE SCHEMA "%s" AUTHORIZATION "%s"' % (self.own, self.own))
        execute(self.conn, "CREATE TABLE public.applied (step TEXT NOT NULL)")
        self.root = self.folder("migrations")
        versions = self.folder("migrations", "versions")
        for rev, down, extra in (("a", [], ""), ("b", ["a"], "SELECT pg_sleep(0.5);\n"), ("c", ["b"], "")):
            sql_revision(versions, rev, down,
                         upgrade="%sCREATE TABLE public.t_%s (id INTEGER);\n"
                                 "INSERT INTO public.applied (step) VALUES ('%s');" % (extra, rev, rev))
        self.use(self.conn, self.root)
        scalar(self.conn, "SELECT migrate_upgrade('a')")  # public.alembic_version exists

    def drop_roles(self):
        admin = connect()
        for role in (self.own, self.plain):
            execute(admin, 'DROP ROLE IF EXISTS "%s"' % role)
        admin.close()

    def session_as(self, role):
        conn = psycopg2.connect(dbname=self.dbname, user=role)
        conn.autocommit = True
        self.addCleanup(conn.close)
        return conn

    def test_same_lock_whatever_the_current_schema(self):
        sessions = [self.session_as(self.own) for _ in range(4)] + [self.session_as(self.plain) for _ in range(4)]
        self.assertEqual(scalar(sessions[0], "SELECT current_schema()"), self.own)
        self.assertEqual(scalar(sessions[4], "SELECT current_schema()"), "public")
        for s in sessions:
            self.use(s, self.root)
        barrier = threading.Barrier(len(sessions))
        outcomes = [None] * len(sessions)

        def deployer(i):
            barrier.wait()
            try:
                outcomes[i] = scalar(sessions[i], "SELECT migrate_upgrade('head')")
            except psycopg2.Error as e:
                outcomes[i] = e

        threads = [threading.Thread(target=deployer, args=(i,)) for i in range(len(sessions))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual([o for o in outcomes if isinstance(o, Exception)], [])
        self.assertEqual(sorted(outcomes), [""] * 7 + ["Running upgrade a -> b, create t_b\n"
                                                       "Running upgrade b -> c, create t_c"])
        self.assertEqual(sorted(r[0] for r in rows(self.conn, "SELECT step FROM public.applied")), ["a", "b", "c"])
        self.assertEqual(self.versions(), ["c"])
        self.assertEqual(sorted(r[0] for r in rows(self.conn, "SELECT revision FROM public.alembic_version_log")),
                         ["a", "b", "c"])
        self.assertEqual(rows(self.conn, "SELECT tablename FROM pg_tables WHERE schemaname = %s", (self.own,)), [])


if __name__ == "__main__":
    unittest.main()
