"""Offline SQL on PostgreSQL (docs/reference.md section 7): the text of
migrate_upgrade_sql / migrate_downgrade_sql, run with psql in a database of
its own, gives the same schema and version rows as the online call, on a
history with a dollar-quoted function and trigger, a branch and a merge."""

import os
import subprocess

from pg_support import DatabaseTest, connect, execute, rows, scalar, sql_revision, write_file

PSQL = os.path.join(os.environ.get("MIGRATE_PG_BINDIR", "/usr/lib/postgresql/15/bin"), "psql")

# Everything of the public schema but the extension's own objects and the
# audit log's rows (their times differ), without oids.
SCHEMA = """
    WITH rel AS (
        SELECT c.oid, c.relname, c.relkind FROM pg_class c
         WHERE c.relnamespace = 'public'::regnamespace
           AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e'))
    SELECT 'relation', relname, relkind::text FROM rel
    UNION ALL
    SELECT 'column', rel.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod) || a.attnotnull::text
      FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT 'constraint', conname, pg_get_constraintdef(k.oid) FROM rel JOIN pg_constraint k ON k.conrelid = rel.oid
    UNION ALL
    SELECT 'index', rel.relname, pg_get_indexdef(i.indexrelid) FROM rel JOIN pg_index i ON i.indrelid = rel.oid
    UNION ALL
    SELECT 'trigger', t.tgname, pg_get_triggerdef(t.oid) FROM rel JOIN pg_trigger t ON t.tgrelid = rel.oid
     WHERE NOT t.tgisinternal
    UNION ALL
    SELECT 'function', p.proname, md5(p.prosrc) FROM pg_proc p
     WHERE p.pronamespace = 'public'::regnamespace AND p.proname NOT LIKE 'migrate\\_%%'
    ORDER BY 1, 2, 3"""

FUNCTION = """CREATE TABLE audit (account_id INTEGER);
CREATE FUNCTION audit_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit VALUES (NEW.id); -- a semicolon inside the body
    RETURN NEW;
END
$$;
CREATE TRIGGER audit_account AFTER INSERT ON account FOR EACH ROW EXECUTE FUNCTION audit_account();"""


class OfflineSqlTest(DatabaseTest):
    def setUp(self):
        super().setUp()
        self.root = self.folder("migrations")
        versions = self.folder("migrations", "versions")
        sql_revision(versions, "a1", upgrade="CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL);",
                     downgrade="DROP TABLE account;")
        sql_revision(versions, "b2", ["a1"], message="audit trigger", upgrade=FUNCTION,
                     downgrade="DROP TRIGGER audit_account ON account;\nDROP FUNCTION audit_account();\n"
                               "DROP TABLE audit;")
        sql_revision(versions, "c3", ["a1"], message="side branch")
        sql_revision(versions, "d4", ["b2", "c3"], message="merge", upgrade="", downgrade="")
        # The offline twin: a second database at the same revision.
        self.offline_db = self.dbname + "_offline"
        admin = connect()
        execute(admin, 'CREATE DATABASE "%s"' % self.offline_db)
        admin.close()
        self.addCleanup(self.drop_offline)
        self.offline = connect(self.offline_db)
        self.addCleanup(self.offline.close)
        execute(self.offline, "CREATE EXTENSION migrate")
        self.use(self.conn, self.root)
        self.use(self.offline, self.root)

    def drop_offline(self):
        admin = connect()
        execute(admin, 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % self.offline_db)
        admin.close()

    def psql(self, script):
        path = os.path.join(self.dir, "offline.sql")
        write_file(path, script)
        done = subprocess.run([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.offline_db, "-f", path],
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)

    def state(self, conn):
        versions = (sorted(r[0] for r in rows(conn, "SELECT version_num FROM alembic_version"))
                    if scalar(conn, "SELECT to_regclass('alembic_version')") else None)
        return rows(conn, SCHEMA), versions

    def step(self, online, offline):
        """Runs `online` here and the SQL of `offline` with psql there; the two
        databases must agree."""
        scalar(self.conn, "SELECT %s" % online)
        self.psql(scalar(self.offline, "SELECT %s" % offline))
        here, there = self.state(self.conn), self.state(self.offline)
        self.assertEqual(here, there, "after %s" % online)
        return here

    def test_upgrade_and_downgrade_scripts_match_the_online_calls(self):
        schema, versions = self.step("migrate_upgrade('b2')", "migrate_upgrade_sql('b2')")
        self.assertEqual(versions, ["b2"])
        self.assertIn(("trigger", "audit_account"), [r[:2] for r in schema])
        # Two heads, then their merge, from the current revision.
        _, versions = self.step("migrate_upgrade('c3')", "migrate_upgrade_sql('c3')")
        self.assertEqual(versions, ["b2", "c3"])
        _, versions = self.step("migrate_upgrade('heads')", "migrate_upgrade_sql('heads')")
        self.assertEqual(versions, ["d4"])
        # Down through the merge to one branch, then to base.
        _, versions = self.step("migrate_downgrade('b2')", "migrate_downgrade_sql('d4:b2')")
        self.assertEqual(versions, ["b2", "c3"])  # c3 is no ancestor of b2: it stays, as in Alembic
        schema, versions = self.step("migrate_downgrade('base')", "migrate_downgrade_sql('base')")
        self.assertEqual(versions, [])
        self.assertNotIn("account", [r[1] for r in schema])

    def test_a_range_from_base_matches_a_full_upgrade(self):
        _, versions = self.step("migrate_upgrade('heads')", "migrate_upgrade_sql('base:heads')")
        self.assertEqual(versions, ["d4"])

    def test_per_migration_transactions_give_the_same_result(self):
        execute(self.offline, "SET migrate.transaction_per_migration = 'true'")
        script = scalar(self.offline, "SELECT migrate_upgrade_sql('heads')")
        self.assertEqual(script.count("BEGIN;"), 4)
        self.psql(script)
        scalar(self.conn, "SELECT migrate_upgrade('heads')")
        self.assertEqual(self.state(self.conn), self.state(self.offline))


if __name__ == "__main__":
    import unittest

    unittest.main()
