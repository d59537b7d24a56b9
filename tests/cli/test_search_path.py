"""On PostgreSQL the command line's own statements (lock, version table, log)
run with search_path pinned to pg_catalog, pg_temp, whatever the steps set;
the steps see the session's search_path, and what one sets there stays for
the next ones, as in one psql script (docs/cli.md)."""
import unittest

from cli_support import ENGINE, CliTestCase, Rev

# Exact matches of what the tool's statements call (MAX(id) and + on the log's
# ids, = on version_num), each drawing from a trap sequence when it runs.
TRAPS = """
CREATE SEQUENCE public.trap;
CREATE FUNCTION public.trap_int(integer, integer) RETURNS integer LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''public.trap'')::integer';
CREATE FUNCTION public.trap_eq(text, text) RETURNS boolean LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''public.trap'') IS NULL';
CREATE AGGREGATE public.max(integer) (SFUNC = public.trap_int, STYPE = integer);
CREATE OPERATOR public.+ (LEFTARG = integer, RIGHTARG = integer, FUNCTION = public.trap_int);
CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.trap_eq);
"""


@unittest.skipUnless(ENGINE == "postgresql", "PostgreSQL's search_path")
class SearchPath(CliTestCase):
    def scalar(self, url, sql):
        conn = self.dbs.connect(url)
        try:
            cur = conn.cursor()
            cur.execute(sql)
            return cur.fetchone()[0]
        finally:
            conn.close()

    def test_a_step_that_puts_public_first_reaches_none_of_the_tools_statements(self):
        url = self.dbs.new()
        self.dbs.execute(url, TRAPS)
        project = self.migrate_project(
            [Rev("a", upgrade=["CREATE TABLE t_a (id INTEGER PRIMARY KEY)", "SET search_path = public, pg_catalog"]),
             Rev("b", "a"), Rev("c", "b")], url=url)
        for args in (["upgrade", "b"], ["upgrade", "head"], ["downgrade", "a"], ["upgrade", "head"]):
            r = project.run(*args)
            self.assertEqual(r.status, 0, r)
        self.assertEqual(self.dbs.state(url), (["c"], ["t_a", "t_b", "t_c"]))
        self.assertEqual(self.scalar(url, "SELECT pg_catalog.count(*) FROM public.alembic_version_log"), 7)
        self.assertFalse(self.scalar(url, "SELECT is_called FROM public.trap"))

    def test_what_a_step_sets_stays_for_the_next_steps(self):
        url = self.dbs.new()
        project = self.migrate_project(
            [Rev("a", upgrade=["CREATE SCHEMA app", "SET search_path = app, public"], downgrade=["DROP SCHEMA app"]),
             Rev("b", "a"), Rev("c", "b")], url=url)
        r = project.run("upgrade", "head")
        self.assertEqual(r.status, 0, r)
        self.assertEqual(self.scalar(url, "SELECT pg_catalog.string_agg(table_schema || '.' || table_name, ',' "
                                          "ORDER BY table_name) FROM information_schema.tables "
                                          "WHERE table_name IN ('t_b', 't_c')"), "app.t_b,app.t_c")
        self.assertEqual(self.dbs.state(url), (["c"], []))


if __name__ == "__main__":
    unittest.main()
