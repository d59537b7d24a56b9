"""Offline mode: migrate_upgrade_sql / migrate_downgrade_sql.

The text they return, run with the sqlite3 shell, must leave a database
exactly as the online call leaves another one (schema and version rows),
for every graph of the suite, for a single target (from the current
revision) and for from:to ranges; and it must agree with what Alembic's own
`--sql` output does to the same database. Calling them changes nothing.
"""
import os
import re
import shutil
import sqlite3
import unittest

from graphs import (A, B, C, D, E1, F2, L1, MA, MB, R0, R1, R3, branched, depends, linear, merged)
from support import (AlembicProject, MigrateError, Rev, TempDirTestCase, database_state, run_sqlite3_shell,
                     split_log, write_file, write_py_revisions)

# Successful upgrade/downgrade sequences over the graphs of graphs.py.
SEQUENCES = {
    "linear": (linear, [
        ("upgrade", "+1"), ("upgrade", "+2"), ("downgrade", "-1"), ("upgrade", "b2e+2"), ("downgrade", "c3d2"),
        ("upgrade", "head"), ("downgrade", "base"), ("upgrade", "heads"), ("downgrade", "base+1"),
        ("downgrade", "base"),
    ]),
    "branched": (branched, [
        ("upgrade", "left@head"), ("upgrade", "right@+1"), ("upgrade", "right@+1"), ("downgrade", "right@-1"),
        ("upgrade", "right@head"), ("downgrade", "left@-1"), ("downgrade", "right@base"), ("upgrade", "right"),
        ("upgrade", "heads"), ("downgrade", "left@base"), ("upgrade", "heads"), ("downgrade", "right@-2"),
        ("upgrade", "lef"),
    ]),
    "merged": (merged, [
        ("upgrade", "6b"), ("upgrade", "7c"), ("upgrade", "8d"), ("upgrade", "heads"), ("downgrade", "-1"),
        ("downgrade", "6b"), ("upgrade", "head"), ("downgrade", "7c0000000000"), ("upgrade", "8d"),
        ("downgrade", "base"), ("upgrade", "9e-1"), ("downgrade", "5a"),
    ]),
    "depends": (depends, [
        ("upgrade", "app@head"), ("downgrade", "lib@base"), ("upgrade", E1), ("upgrade", "lib@+1"),
        ("upgrade", "app@+1"), ("downgrade", "app@-1"), ("upgrade", "heads"), ("downgrade", F2),
        ("downgrade", "app@base"), ("upgrade", "heads"), ("downgrade", "base"),
    ]),
}

# from:to ranges per graph: (command, range); the database the text runs on
# is first brought online to `from`.
RANGES = {
    "linear": (linear, [
        ("upgrade", "base:c3d2"), ("upgrade", f"{A}:heads"), ("upgrade", "b2e1:d4c3"), ("upgrade", "base:head"),
        ("downgrade", f"{D}:{A}"), ("downgrade", "c3d2:base"), ("downgrade", f"{B}:a1f0"),
    ]),
    "branched": (branched, [
        ("upgrade", "base:left@head"), ("upgrade", f"{L1}:heads"), ("upgrade", f"{R0}:right@head"),
        ("downgrade", f"{R3}:{R1}"), ("downgrade", f"{R3}:base"),
        ("downgrade", "left@head:base"), ("upgrade", "1e17:+1"), ("downgrade", "2e17:-1"),
    ]),
    "merged": (merged, [
        ("upgrade", "base:heads"), ("upgrade", f"{MB}:heads"), ("upgrade", f"{MA}:8d"), ("downgrade", "9e:6b"),
        ("downgrade", "8d:base"),
    ]),
    "depends": (depends, [
        ("upgrade", "base:app@head"), ("upgrade", "base:heads"), ("downgrade", "e3:base"), ("upgrade", f"{F2}:e3"),
    ]),
}


BODIES = """-- statements the sqlite3 shell must see whole
--
-- Revision ID: bb02
-- Revises: bb01
-- Create Date: 2026-01-02 03:04:05.000000

-- migrate:upgrade
CREATE TABLE item (id INTEGER PRIMARY KEY, note TEXT DEFAULT 'a;b -- not a comment');
CREATE TABLE audit (msg TEXT);
CREATE TRIGGER item_insert AFTER INSERT ON item BEGIN
  INSERT INTO audit VALUES ('inserted; ' || new.id || ' -- still text');
END;
INSERT INTO item (id) VALUES (1);
-- a section that ends in a comment

-- migrate:downgrade
DROP TRIGGER item_insert;
DROP TABLE audit;
DROP TABLE item
"""


# The audit log's columns that a script and the online call write alike:
# applied_at is when the script runs, and a script cannot time its steps.
LOG_COLUMNS = "id, direction, revision, from_revisions, to_revisions, message, checksum, role"


def table_rows(path):
    """{table: sorted rows} of the tables, the audit log's as LOG_COLUMNS."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: sorted(conn.execute(f'SELECT {LOG_COLUMNS if name == "alembic_version_log" else "*"} '
                                          f'FROM "{name}"').fetchall())
                for name in names}
    finally:
        conn.close()


def created_tables(text):
    """The tables an offline script creates, in order."""
    return re.findall(r'(?m)^CREATE TABLE IF NOT EXISTS "?(\w+)"? \(', text)


def running_comments(text):
    """The step comments of an offline script, without '-- '."""
    return [line[3:] for line in text.splitlines() if line.startswith("-- Running ")]


def strip_message(comment, revisions):
    """A step comment without its ', message' tail."""
    for r in revisions:
        if comment.endswith(", " + r.message):
            return comment[:-len(", " + r.message)]
    raise AssertionError(f"no revision message ends {comment!r}")


class OfflineTestCase(TempDirTestCase):

    def project(self, revisions, name="migrations"):
        return self.migrate_project(revisions, name)

    def run_text(self, database, text):
        code, err = run_sqlite3_shell(database, text)
        self.assertEqual(code, 0, f"sqlite3 failed on the offline script:\n{err}\n{text}")

    def bring_to(self, database, root, revision):
        """A database brought online to `revision` ('base': left empty)."""
        m = self.migrate(database, root)
        if revision != "base":
            m.call("migrate_upgrade", revision)
        return m


class OfflineMatchesOnline(OfflineTestCase):

    def check_sequence(self, graph, sequence):
        root = self.project(graph())
        online_db, offline_db = self.path("online.db"), self.path("offline.db")
        online = self.migrate(online_db, root)
        offline = self.migrate(offline_db, root)
        for number, (command, target) in enumerate(sequence, 1):
            where = f"command {number}: {command} {target!r}"
            before = database_state(offline_db)
            text = offline.call(f"migrate_{command}_sql", target)
            self.assertEqual(database_state(offline_db), before, f"{where}: the offline call changed the database")
            log = online.call(f"migrate_{command}", target)
            self.assertTrue(text.startswith("BEGIN;\n") and text.rstrip().endswith("COMMIT;"), f"{where}:\n{text}")
            self.assertEqual(running_comments(text), log.splitlines() if log else [], f"{where}: steps")
            self.run_text(offline_db, text)
            self.assertEqual(database_state(offline_db), database_state(online_db), where)

    def test_linear(self):
        self.check_sequence(*SEQUENCES["linear"])

    def test_branched(self):
        self.check_sequence(*SEQUENCES["branched"])

    def test_merged(self):
        self.check_sequence(*SEQUENCES["merged"])

    def test_depends_on(self):
        self.check_sequence(*SEQUENCES["depends"])

    def check_ranges(self, graph, ranges):
        root = self.project(graph())
        # The range alone decides: the connection asked is at another revision.
        elsewhere_db = self.path("elsewhere.db")
        elsewhere = self.bring_to(elsewhere_db, root, "heads")
        for number, (command, text_range) in enumerate(ranges):
            where = f"{command} {text_range!r}"
            start, target = text_range.split(":")
            online_db, offline_db = self.path(f"online{number}.db"), self.path(f"offline{number}.db")
            online = self.bring_to(online_db, root, start)
            shutil.copy(online_db, offline_db)
            text = elsewhere.call(f"migrate_{command}_sql", text_range)
            log = online.call(f"migrate_{command}", target)
            self.assertTrue(log, f"{where}: the online call did nothing; the range tests nothing")
            self.assertEqual(running_comments(text), log.splitlines(), f"{where}: steps")
            self.run_text(offline_db, text)
            self.assertEqual(database_state(offline_db), database_state(online_db), where)

    def test_ranges_linear(self):
        self.check_ranges(*RANGES["linear"])

    def test_ranges_branched(self):
        self.check_ranges(*RANGES["branched"])

    def test_ranges_merged(self):
        self.check_ranges(*RANGES["merged"])

    def test_ranges_depends_on(self):
        self.check_ranges(*RANGES["depends"])

    def test_errors_are_the_online_errors(self):
        root = self.project(branched())
        database = self.path("app.db")
        m = self.bring_to(database, root, "right@head")
        for command, target, alembic_text in [
            ("upgrade", "zzzz", "Can't locate revision identified by 'zzzz'"),
            ("upgrade", "head", "Multiple head revisions are present for given argument 'head'"),
            ("upgrade", "right@+1", "Relative revision +1 didn't produce 1 migrations"),
            ("downgrade", "-9", "Relative revision -9 didn't produce 9 migrations"),
            ("downgrade", "2e17", "Destination 2e17 is not a valid downgrade target from current head(s)"),
        ]:
            with self.subTest(command=command, target=target):
                before = database_state(database)
                with self.assertRaises(MigrateError) as online_error:
                    m.call(f"migrate_{command}", target)
                with self.assertRaises(MigrateError) as offline_error:
                    m.call(f"migrate_{command}_sql", target)
                self.assertIn(alembic_text, str(online_error.exception))
                self.assertEqual(str(offline_error.exception), str(online_error.exception))
                self.assertEqual(database_state(database), before)

    def test_range_errors(self):
        m = self.migrate(self.path("app.db"), self.project(linear()))
        with self.assertRaisesRegex(MigrateError, "Can't locate revision identified by 'zzzz'"):
            m.call("migrate_upgrade_sql", "zzzz:head")
        with self.assertRaisesRegex(MigrateError, "Can't locate revision identified by 'yyyy'"):
            m.call("migrate_upgrade_sql", "base:yyyy")
        self.assertEqual(database_state(self.path("app.db")), (None, {}))
        m = self.migrate(self.path("branched.db"), self.project(branched(), "branched"))
        # as Alembic's --sql: a range starts from one revision per branch, not 'heads'
        with self.assertRaisesRegex(MigrateError, "Multiple head revisions are present for given argument 'heads'"):
            m.call("migrate_downgrade_sql", "heads:0b5e")


class OfflineScript(OfflineTestCase):

    def test_shape(self):
        m = self.migrate(self.path("app.db"), self.project(linear()))
        text = m.call("migrate_upgrade_sql", "base:b2e1")
        statements = [s.strip() for s in text.split(";") if s.strip()]
        comments = [line for line in text.splitlines() if line.startswith("--")]
        self.assertEqual(statements[0], "BEGIN")
        self.assertRegex(statements[1], r'^CREATE TABLE IF NOT EXISTS "?alembic_version"? \(')
        self.assertEqual(statements[-1], "COMMIT")
        self.assertEqual(comments, [f"-- Running upgrade  -> {A}, step {A}", f"-- Running upgrade {A} -> {B}, step {B}"])
        self.assertEqual(created_tables(text), ["alembic_version", "alembic_version_log"])
        self.assertEqual(sum(s.startswith('INSERT INTO "alembic_version_log"') for s in statements), 2, "one per step")
        self.assertTrue(any(re.fullmatch(rf"""INSERT INTO "?alembic_version"? \(version_num\) VALUES \('{A}'\)""", s)
                            for s in statements), text)
        self.assertTrue(any(re.search(rf"^UPDATE \"?alembic_version\"? SET version_num='{B}' WHERE .*'{A}'$", s)
                            for s in statements), text)

        down = m.call("migrate_downgrade_sql", f"{B}:base")
        # the version table is there at B; the log is made if missing (Alembic ran the steps)
        self.assertEqual(created_tables(down), ["alembic_version_log"])
        self.assertNotRegex(down, r"DROP TABLE\s+\"?alembic_version", "online keeps the version table, so offline does")
        self.assertRegex(down, rf"DELETE FROM \"?alembic_version\"? WHERE .*'{A}'")
        self.assertEqual(database_state(self.path("app.db")), (None, {}), "the offline calls created something")

    def test_statements_are_copied_whole(self):
        # Triggers, literals holding ';' and '--', a section ending in a
        # comment, a last statement without its ';': the script runs them as
        # the online call does.
        root = self.project([Rev("bb01")])
        write_file(os.path.join(root, "versions", "bb02_bodies.sql"), BODIES)
        online_db, offline_db = self.path("online.db"), self.path("offline.db")
        online, offline = self.migrate(online_db, root), self.migrate(offline_db, root)
        for command, target in [("upgrade", "heads"), ("downgrade", "bb01"), ("upgrade", "bb02"), ("downgrade", "base")]:
            with self.subTest(command=command, target=target):
                text = offline.call(f"migrate_{command}_sql", target)
                online.call(f"migrate_{command}", target)
                self.run_text(offline_db, text)
                self.assertEqual(database_state(offline_db), database_state(online_db))
                self.assertEqual(table_rows(offline_db), table_rows(online_db))
        online.call("migrate_upgrade", "heads")
        self.assertEqual(table_rows(online_db)["audit"], [("inserted; 1 -- still text",)])

    def test_a_section_ending_in_a_comment(self):
        # The terminator goes after the last token, never inside a trailing
        # comment, whatever the comment holds.
        root = self.project([Rev("cc01", upgrade=["CREATE TABLE t_a (id int) -- the account table"],
                                 downgrade=["DROP TABLE t_a /* gone; */ -- it's 'done'"]),
                             Rev("cc02", "cc01")])
        online_db, offline_db = self.path("online.db"), self.path("offline.db")
        online, offline = self.migrate(online_db, root), self.migrate(offline_db, root)
        for command, target in [("upgrade", "heads"), ("downgrade", "base")]:
            with self.subTest(command=command):
                text = offline.call(f"migrate_{command}_sql", target)
                online.call(f"migrate_{command}", target)
                self.run_text(offline_db, text)
                self.assertEqual(database_state(offline_db), database_state(online_db))
                self.assertEqual(table_rows(offline_db), table_rows(online_db))
        self.assertIn("CREATE TABLE t_a (id int); -- the account table", offline.call("migrate_upgrade_sql", "base:heads"))

    def check_refused(self, database, text, expected_start):
        before, rows = database_state(database), table_rows(database)
        code, err = run_sqlite3_shell(database, text)
        self.assertNotEqual(code, 0, f"the script ran on a database elsewhere:\n{text}")
        self.assertIn(expected_start if expected_start.startswith("no such") else
                      f"the database is not at {expected_start} where this script starts", err)
        self.assertEqual(database_state(database), before)
        self.assertEqual(table_rows(database), rows)

    def test_a_script_checks_where_the_database_is(self):
        root = self.project(linear())
        for per_migration in ("false", "true"):
            with self.subTest(transaction_per_migration=per_migration):
                settings = {"transaction_per_migration": per_migration}
                database = self.path(f"app{per_migration}.db")
                m = self.migrate(database, root, settings)
                from_base, from_a = m.call("migrate_upgrade_sql", "base:c3d2"), m.call("migrate_upgrade_sql", f"{A}:{C}")
                down = m.call("migrate_downgrade_sql", f"{C}:{A}")
                # No version table yet: SQLite's own error stops the script.
                self.check_refused(database, from_a, "no such table: alembic_version")
                self.check_refused(database, down, "no such table: alembic_version")
                m.call("migrate_upgrade", B)
                self.check_refused(database, from_base, "base")
                self.check_refused(database, from_a, f"revision {A}")
                self.check_refused(database, down, f"revision {C}")
                m.call("migrate_downgrade", A)
                self.run_text(database, from_a)
                self.assertEqual(database_state(database)[0], [C])
                self.check_refused(database, from_a, f"revision {A}")  # run twice: the second stops
                self.run_text(database, down)
                m.call("migrate_downgrade", "base")
                self.run_text(database, from_base)  # at base with an empty version table
                self.assertEqual(database_state(database)[0], [C])

    def test_a_script_from_several_heads_checks_them_all(self):
        root = self.project(branched())
        database = self.path("app.db")
        m = self.bring_to(database, root, "heads")
        m.call("migrate_downgrade", "right@-1")
        heads = m.current()
        text = m.call("migrate_upgrade_sql", "heads")
        m.call("migrate_downgrade", "left@-1")
        self.check_refused(database, text, "revision " + ",".join(sorted(heads)))
        m.call("migrate_upgrade", "left@head")
        self.run_text(database, text)

    def test_dialect_argument(self):
        m = self.migrate(self.path("app.db"), self.project(linear()))
        own = m.call("migrate_upgrade_sql", "base:heads")
        self.assertEqual(m.call("migrate_upgrade_sql", "base:heads", "sqlite"), own)
        postgresql = m.call("migrate_upgrade_sql", "base:heads", "postgresql")
        self.assertNotEqual(postgresql, own)
        self.assertIn("DO $", postgresql)
        self.assertNotIn("strftime", postgresql)
        self.assertIn("current_user", postgresql)
        self.assertIn("DO $", m.call("migrate_downgrade_sql", f"{D}:base", "postgresql"))
        for bad in ("mysql", "", "PostgreSQL "):
            with self.subTest(dialect=bad):
                with self.assertRaisesRegex(MigrateError, "dialect .*'sqlite' or 'postgresql'"):
                    m.call("migrate_upgrade_sql", "base:heads", bad)
        self.assertEqual(database_state(self.path("app.db")), (None, {}))

    def test_a_step_outside_a_transaction_is_refused(self):
        # The sqlite3 shell cannot run it outside the script's transaction.
        root = self.project([Rev("dd01"), Rev("dd03", "dd02")])
        write_file(os.path.join(root, "versions", "dd02_vacuum.sql"),
                   "-- vacuum\n-- Revision ID: dd02\n-- Revises: dd01\n\n-- migrate:upgrade transaction:false\n"
                   "VACUUM;\n\n-- migrate:downgrade\n")
        database = self.path("app.db")
        m = self.migrate(database, root)
        for dialect in ("sqlite", None):
            with self.assertRaises(MigrateError) as caught:
                m.call("migrate_upgrade_sql", "base:heads", *([dialect] if dialect else []))
            for part in ("revision dd02", os.path.join(root, "versions", "dd02_vacuum.sql"), "transaction:false"):
                self.assertIn(part, str(caught.exception))
        self.assertIn("\\if :migrate_run_step", m.call("migrate_upgrade_sql", "base:heads", "postgresql"))
        self.run_text(database, m.call("migrate_upgrade_sql", "base:dd01"))
        self.assertEqual(database_state(database)[0], ["dd01"])

    def test_nothing_to_do(self):
        database = self.path("app.db")
        m = self.bring_to(database, self.project(linear()), "heads")
        before = database_state(database)
        text = m.call("migrate_upgrade_sql", "heads")
        self.assertEqual(running_comments(text), [])
        self.run_text(database, text)
        self.assertEqual(database_state(database), before)

    def test_version_table_setting(self):
        database = self.path("app.db")
        table = 'schema "log"; v1'  # quoted as an identifier in the script
        m = self.migrate(database, self.project(linear()), settings={"version_table": table})
        self.run_text(database, m.call("migrate_upgrade_sql", "c3d2"))
        self.assertEqual(database_state(database, table)[0], [C])
        self.assertIn(("table", table + "_log"), database_state(database, table)[1])
        self.assertEqual(m.call("migrate_current"), C)
        self.run_text(database, m.call("migrate_downgrade_sql", "a1f0"))
        self.assertEqual(database_state(database, table)[0], [A])
        self.assertEqual(database_state(database)[0], None, "no alembic_version")

    def test_transaction_per_migration(self):
        database = self.path("app.db")
        m = self.migrate(database, self.project(linear()), settings={"transaction_per_migration": "true"})
        text = m.call("migrate_upgrade_sql", "heads")
        self.assertEqual(len(re.findall(r"(?m)^BEGIN;$", text)), 4)
        self.assertEqual(len(re.findall(r"(?m)^COMMIT;$", text)), 4)
        self.assertEqual(created_tables(text), ["alembic_version", "alembic_version_log"])
        self.run_text(database, text)
        self.assertEqual(database_state(database)[0], [D])

    def check_failing_step(self, per_migration):
        revisions = linear()
        revisions[2].upgrade = ["CREATE TABLE t_c3 (id INTEGER)", "CREATE TABLE t_a1f0c3e2b7d4 (x INTEGER)"]
        root = self.project(revisions)
        settings = {"transaction_per_migration": per_migration}
        online_db, offline_db = self.path("online.db"), self.path("offline.db")
        online = self.migrate(online_db, root, settings)
        offline = self.migrate(offline_db, root, settings)
        text = offline.call("migrate_upgrade_sql", "heads")
        with self.assertRaisesRegex(MigrateError, "table t_a1f0c3e2b7d4 already exists"):
            online.call("migrate_upgrade", "heads")
        code, err = run_sqlite3_shell(offline_db, text)
        self.assertNotEqual(code, 0)
        self.assertIn("table t_a1f0c3e2b7d4 already exists", err)
        self.assertEqual(database_state(offline_db), database_state(online_db))
        self.assertEqual(table_rows(offline_db), table_rows(online_db))
        return database_state(online_db)

    def test_failing_step_in_one_transaction(self):
        self.assertEqual(self.check_failing_step("false"), (None, {}))

    def test_failing_step_with_transaction_per_migration(self):
        rows, objects = self.check_failing_step("true")
        self.assertEqual(rows, [B])
        self.assertEqual(sorted(name for _, name in objects), sorted(["alembic_version_log", "t_" + A, "t_" + B]))

    def test_python_steps_are_refused(self):
        revisions = linear()
        root = self.project([r for r in revisions if r.id != B])
        python_path = os.path.join(root, "versions", revisions[1].stem + ".py")
        write_file(python_path, revisions[1].py_text())
        database = self.path("app.db")
        m = self.migrate(database, root)
        for command, text_range in [("upgrade", "heads"), ("upgrade", "base:c3d2"), ("upgrade", f"{A}:{B}")]:
            with self.subTest(range=text_range):
                with self.assertRaises(MigrateError) as caught:
                    m.call(f"migrate_{command}_sql", text_range)
                message = str(caught.exception)
                for part in (B, python_path, "Alembic Python revision"):
                    self.assertIn(part, message)
        self.assertEqual(database_state(database), (None, {}))
        # Steps above the Python revision render: the database was brought
        # there by Alembic (stamped here).
        m.call("migrate_stamp", B)
        text = m.call("migrate_upgrade_sql", "heads")
        self.assertEqual(running_comments(text), [f"Running upgrade {B} -> {C}, step {C}",
                                                   f"Running upgrade {C} -> {D}, step {D}"])
        self.run_text(database, text)
        self.assertEqual(database_state(database)[0], [D])
        with self.assertRaisesRegex(MigrateError, "Alembic Python revision"):
            m.call("migrate_downgrade_sql", "base")
        self.run_text(database, m.call("migrate_downgrade_sql", f"{D}:{B}"))
        self.assertEqual(database_state(database)[0], [B])


class OfflineMatchesAlembicSql(OfflineTestCase):
    """migrate's offline script and Alembic's `--sql` output for the same
    range, each run with sqlite3 on a copy of the same database, leave the
    same schema and version rows. Alembic drops the version table at the end
    of a downgrade to base; migrate keeps it empty, as both do online."""

    def check(self, graph, ranges):
        revisions = graph()
        root = self.project(revisions)
        alembic = AlembicProject(self.tmp, self.path("unused.db"))
        write_py_revisions(alembic.versions, revisions)
        m = self.migrate(self.path("unused.db"), root)
        for number, (command, text_range) in enumerate(ranges):
            where = f"{command} {text_range!r}"
            start = text_range.split(":")[0]
            migrate_db, alembic_db = self.path(f"migrate{number}.db"), self.path(f"alembic{number}.db")
            self.bring_to(migrate_db, root, start).close()
            shutil.copy(migrate_db, alembic_db)
            _, alembic_text = alembic.run(command, "--sql", text_range)
            migrate_text = m.call(f"migrate_{command}_sql", text_range)
            # Alembic's comments carry no message
            without_message = [strip_message(c, revisions) for c in running_comments(migrate_text)]
            self.assertEqual(sorted(without_message), sorted(running_comments(alembic_text)), f"{where}: steps")
            self.run_text(migrate_db, migrate_text)
            self.run_text(alembic_db, alembic_text)
            # Both copies start with the log of the online steps to `start`, if any; only migrate's script adds to it.
            (migrate_state, log_sql), (alembic_state, _) = (split_log(database_state(migrate_db)),
                                                             split_log(database_state(alembic_db)))
            self.assertIsNotNone(log_sql, f"{where}: the audit log")
            if alembic_state[0] is None and re.search(r"DROP TABLE alembic_version", alembic_text):
                self.assertEqual(migrate_state[0], [], f"{where}: migrate keeps the version table, empty")
                alembic_state = ([], alembic_state[1])
            self.assertEqual(migrate_state, alembic_state, where)

    def test_linear(self):
        self.check(*RANGES["linear"])

    def test_branched(self):
        self.check(*RANGES["branched"])

    def test_merged(self):
        self.check(*RANGES["merged"])

    def test_depends_on(self):
        self.check(*RANGES["depends"])


if __name__ == "__main__":
    unittest.main()
