"""The audit log `<version_table>_log`: one row per step that
migrate_upgrade, migrate_downgrade or migrate_stamp ran, written in the
step's transaction; and the drift it lets migrate_versions (checksum,
modified) and migrate_check see."""

import datetime
import hashlib
import os
import shutil
import unittest

from .engines import MigrateError
from .scenario import ScenarioTest, rev, write_file

LOG = "alembic_version_log"
LOG_COLUMNS = ["id", "applied_at", "direction", "revision", "from_revisions", "to_revisions", "message",
               "checksum", "duration_ms", "role"]
NO_CHANGES = "No new upgrade operations detected."


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# A section is its lines between the markers, each with its '\n': Rev writes
# the upgrade text and a blank line, then the downgrade text.
def upgrade_checksum(r):
    return sha256(r.upgrade + "\n\n")


def downgrade_checksum(r):
    return sha256(r.downgrade + "\n")


def summary(row):
    """What a log row says of its step (not when it ran, how long, or who)."""
    return (row["direction"], row["revision"], row["from_revisions"], row["to_revisions"], row["message"],
            row["checksum"])


def failing_third_step():
    return [rev("a"), rev("b", "a"),
            rev("c", "b", upgrade="CREATE TABLE t_c (id INTEGER PRIMARY KEY);\nINSERT INTO missing_table VALUES (1);")]


class AuditTest(ScenarioTest):
    def log_rows(self, table=LOG):
        names, rows = self.db.select("SELECT * FROM %s ORDER BY id" % self.db.identifier(table))
        self.assertEqual(names, LOG_COLUMNS)
        return [dict(zip(names, row)) for row in rows]

    def role(self):
        """The role the log names: PostgreSQL's current_user; SQLite has none."""
        return self.db.scalar("SELECT current_user") if self.engine.name == "postgresql" else None

    def assertLogged(self, expected, table=LOG):
        """The log holds exactly `expected`, in order: (direction, revision,
        from_revisions, to_revisions, message, checksum) per step; and every
        row is numbered, timed and stamped with the role."""
        rows = self.log_rows(table)
        self.assertEqual([summary(r) for r in rows], expected)
        self.assertEqual([r["id"] for r in rows], list(range(1, len(rows) + 1)))
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        times = [datetime.datetime.strptime(r["applied_at"], "%Y-%m-%d %H:%M:%S.%f") for r in rows]
        self.assertEqual(times, sorted(times))
        for row, applied_at in zip(rows, times):
            # UTC: a local time would be hours off (unless the machine runs on UTC)
            self.assertLess(abs((now - applied_at).total_seconds()), 300, row)
            self.assertIsInstance(row["duration_ms"], float, row)
            self.assertGreaterEqual(row["duration_ms"], 0, row)
            self.assertEqual(row["role"], self.role(), row)
        return rows


class LogRowsTest(AuditTest):
    def setUp(self):
        super().setUp()
        self.revs = [
            rev("a", message="create account"),
            rev("b", "a", message="add orders", upgrade="CREATE TABLE t_b (id INTEGER PRIMARY KEY);\n"
                                                        "INSERT INTO t_b (id) VALUES (1);"),
            rev("c", "b", message="add items"),
        ]
        self.project(*self.revs)
        self.a, self.b, self.c = self.revs

    def upgrades(self):
        return [("upgrade", "a", "", "a", "create account", upgrade_checksum(self.a)),
                ("upgrade", "b", "a", "b", "add orders", upgrade_checksum(self.b)),
                ("upgrade", "c", "b", "c", "add items", upgrade_checksum(self.c))]

    def test_reading_or_a_call_with_nothing_to_do_makes_no_log(self):
        self.current()
        self.db.versions()
        self.assertEqual(self.downgrade("base"), "")
        self.assertEqual(self.stamp("base"), "")
        self.assertEqual(self.db.tables(), [])

    def test_upgrade_logs_each_step_with_its_section(self):
        self.upgrade("head")
        self.assertEqual(self.db.columns(LOG), LOG_COLUMNS)
        self.assertLogged(self.upgrades())

    def test_downgrade_logs_the_downgrade_section(self):
        self.upgrade("head")
        self.downgrade("a")
        self.assertLogged(self.upgrades() + [
            ("downgrade", "c", "c", "b", "add items", downgrade_checksum(self.c)),
            ("downgrade", "b", "b", "a", "add orders", downgrade_checksum(self.b)),
        ])

    def test_stamps_are_logged_without_checksum(self):
        self.stamp("b")
        self.stamp("c")
        self.stamp("base")
        self.assertLogged([("stamp", "b", "", "b", "", None), ("stamp", "c", "b", "c", "", None),
                           ("stamp", "c", "c", "", "", None)])
        self.assertState([], [])  # a stamp runs no section

    def test_the_log_outlives_a_downgrade_to_base(self):
        self.upgrade("head")
        self.downgrade("base")
        self.assertState([], [])
        self.assertLogged(self.upgrades() + [("downgrade", r.id, r.id, down, r.message, downgrade_checksum(r))
                                             for r, down in ((self.c, "b"), (self.b, "a"), (self.a, ""))])

    def test_the_callers_rollback_takes_the_log_rows_with_it(self):
        self.upgrade("a")
        self.db.begin()
        self.upgrade("head")
        self.db.rollback()
        self.assertLogged(self.upgrades()[:1])


class OtherStepsTest(AuditTest):
    def test_merge_steps_list_every_parent(self):
        m = rev("m", "b1, b2", message="merge")
        self.project(rev("a"), rev("b1", "a"), rev("b2", "a"), m)
        self.upgrade("heads")
        self.downgrade("b1")
        # the order of b1 and b2 is the planner's business
        rows = self.assertLogged([summary(r) for r in self.log_rows()])
        self.assertEqual([summary(r) for r in rows[3:]], [
            ("upgrade", "m", "b1,b2", "m", "merge", upgrade_checksum(m)),
            ("downgrade", "m", "m", "b1,b2", "merge", downgrade_checksum(m)),
        ])
        self.assertEqual(len(rows), 5)

    def test_duration_times_the_step(self):
        self.project(rev("a", upgrade=self.engine.sleep_sql(0.2)))
        self.upgrade("head")
        self.assertGreaterEqual(self.log_rows()[0]["duration_ms"], 200)


class ManyStepsTest(AuditTest):
    def test_a_long_run_logs_every_step_in_order(self):
        # A run's rows are written in statements of 500 rows: the first run
        # fills two, the next one goes on from their ids.
        revs = [rev("r0000")] + [rev("r%04d" % i, "r%04d" % (i - 1), upgrade="SELECT 1;", downgrade="SELECT 1;")
                                 for i in range(1, 1001)]
        self.project(*revs)
        self.upgrade("r0999")
        self.upgrade("head")
        self.assertEqual(self.current(), "r1000")
        rows = self.assertLogged([("upgrade", r.id, prev, r.id, r.message, upgrade_checksum(r))
                                  for prev, r in zip([""] + [r.id for r in revs], revs)])
        self.assertEqual(len(rows), 1001)
        self.downgrade("r0998")
        self.assertEqual(self.current(), "r0998")
        self.assertEqual([summary(r)[:4] for r in self.log_rows()[1001:]],
                         [("downgrade", "r1000", "r1000", "r0999"), ("downgrade", "r0999", "r0999", "r0998")])


class AllOrNothingLogTest(AuditTest):
    def test_a_failed_first_run_leaves_no_log_table(self):
        self.project(*failing_third_step())
        self.assertFailsCleanly("migrate_upgrade", "head", contains="revision c")
        self.assertEqual(self.db.tables(), [])

    def test_a_failed_run_adds_no_row(self):
        revs = failing_third_step()
        self.project(*revs)
        self.upgrade("a")
        self.assertFailsCleanly("migrate_upgrade", "head", contains="revision c")
        self.assertLogged([("upgrade", "a", "", "a", "create t_a", upgrade_checksum(revs[0]))])

    def test_transaction_per_migration_keeps_the_rows_of_committed_steps(self):
        self.require_engine("sqlite", "a PostgreSQL function runs in the caller's transaction: it cannot commit per step")
        revs = failing_third_step()
        self.project(*revs)
        self.db.config("transaction_per_migration", "true")
        with self.assertRaises(MigrateError):
            self.upgrade("head")
        self.assertState(["b"], ["t_a", "t_b"])
        self.assertLogged([("upgrade", "a", "", "a", "create t_a", upgrade_checksum(revs[0])),
                           ("upgrade", "b", "a", "b", "create t_b", upgrade_checksum(revs[1]))])


class VersionTableNameTest(AuditTest):
    def test_the_log_is_named_after_the_version_table(self):
        odd = 'deploy "v" table'
        r = rev("a")
        self.project(r)
        self.db.config("version_table", odd)
        self.upgrade("head")
        self.assertEqual(self.db.tables(), sorted([odd, odd + "_log", "t_a"]))
        self.assertLogged([("upgrade", "a", "", "a", "create t_a", upgrade_checksum(r))], table=odd + "_log")


class DriftTest(AuditTest):
    """An applied revision whose upgrade section changed since it ran is
    modified; migrate_check reports it."""

    def setUp(self):
        super().setUp()
        self.revs = [rev("a"), rev("b", "a"), rev("c", "b")]
        self.root = self.project(*self.revs)
        self.upgrade("head")
        # A target schema equal to the live one: only drift fails the check.
        schema = os.path.join(self.root, "schema")
        os.makedirs(schema)
        os.chmod(schema, 0o755)
        write_file(os.path.join(schema, "tables.sql"), "\n".join(r.upgrade for r in self.revs) + "\n")
        self.assertEqual(self.db.call("migrate_check"), NO_CHANGES)

    def rewrite(self, revision, **sections):
        """Writes `revision`'s file again with other sections; returns the new Rev."""
        new = rev(revision.id, revision.revises, upgrade=sections.get("upgrade", revision.upgrade),
                  downgrade=sections.get("downgrade", revision.downgrade))
        write_file(self.path_of(self.root, revision), new.text())
        return new

    def drift(self):
        return {r["revision"]: (r["checksum"], r["modified"]) for r in self.db.versions()}

    def test_checksums_of_the_files(self):
        self.assertEqual(self.drift(), {r.id: (upgrade_checksum(r), False) for r in self.revs})

    def test_editing_an_applied_upgrade_is_drift(self):
        b = self.rewrite(self.revs[1], upgrade=self.revs[1].upgrade + "\nINSERT INTO t_b (id) VALUES (1);")
        self.assertEqual(self.drift(), {"a": (upgrade_checksum(self.revs[0]), False), "b": (upgrade_checksum(b), True),
                                        "c": (upgrade_checksum(self.revs[2]), False)})
        with self.assertRaises(MigrateError) as caught:
            self.db.call("migrate_check")
        self.assertEqual(caught.exception.message.splitlines(), [
            "New upgrade operations detected:",
            "('modified_revision', 'b', '%s')" % self.path_of(self.root, b),
        ])
        # Running the edited section again records it: no longer modified.
        self.downgrade("a")
        self.upgrade("head")
        self.assertEqual(self.drift()["b"], (upgrade_checksum(b), False))
        self.assertEqual(self.db.call("migrate_check"), NO_CHANGES)

    def test_a_modified_revision_downgraded_below_is_not_applied(self):
        self.rewrite(self.revs[1], upgrade=self.revs[1].upgrade + "\n-- reviewed")
        self.assertTrue(self.drift()["b"][1])
        self.downgrade("a")
        self.assertFalse(self.drift()["b"][1])

    def test_editing_a_downgrade_or_an_unapplied_revision_is_not_drift(self):
        self.downgrade("b")
        self.rewrite(self.revs[1], downgrade="DROP TABLE IF EXISTS t_b;")
        c = self.rewrite(self.revs[2], upgrade="CREATE TABLE t_c (id INTEGER PRIMARY KEY, note TEXT);")
        self.assertEqual(self.drift(), {"a": (upgrade_checksum(self.revs[0]), False),
                                        "b": (upgrade_checksum(self.revs[1]), False),
                                        "c": (upgrade_checksum(c), False)})
        # As Alembic's check: below the heads the target cannot be compared.
        with self.assertRaises(MigrateError) as caught:
            self.db.call("migrate_check")
        self.assertEqual(caught.exception.message, "Target database is not up to date.")

    def test_drift_is_reported_without_a_target_schema(self):
        shutil.rmtree(os.path.join(self.root, "schema"))
        # Nothing to compare and nothing modified: the missing target is the error.
        with self.assertRaises(MigrateError) as caught:
            self.db.call("migrate_check")
        self.assertIn("target schema", caught.exception.message)
        b = self.rewrite(self.revs[1], upgrade=self.revs[1].upgrade + "\nINSERT INTO t_b (id) VALUES (1);")
        with self.assertRaises(MigrateError) as caught:
            self.db.call("migrate_check")
        self.assertEqual(caught.exception.message.splitlines(), [
            "New upgrade operations detected:",
            "('modified_revision', 'b', '%s')" % self.path_of(self.root, b),
        ])


class UnloggedHistoryTest(AuditTest):
    """A database another tool migrated (Alembic's version table, no log)."""

    def setUp(self):
        super().setUp()
        self.revs = [rev("a"), rev("b", "a"), rev("c", "b")]
        self.project(*self.revs)
        self.db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))")
        self.db.execute("INSERT INTO alembic_version (version_num) VALUES ('b')")
        for r in self.revs[:2]:
            self.db.execute(r.upgrade)

    def test_revisions_applied_without_log_are_not_modified(self):
        rows = {r["revision"]: r for r in self.db.versions()}
        self.assertEqual({k: (r["is_applied"], r["modified"]) for k, r in rows.items()},
                         {"a": (True, False), "b": (True, False), "c": (False, False)})
        self.assertNotIn(LOG, self.db.tables())

    def test_the_first_step_adds_the_log(self):
        self.upgrade("head")
        self.assertState(["c"], ["t_a", "t_b", "t_c"])
        self.assertLogged([("upgrade", "c", "b", "c", "create t_c", upgrade_checksum(self.revs[2]))])


if __name__ == "__main__":
    unittest.main()
