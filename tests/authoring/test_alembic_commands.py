"""migrate agrees with Alembic on upgrade, downgrade and stamp.

Each graph is written twice with the same ids: as .py revisions running
their SQL through op.execute (for the real Alembic, in a subprocess) and as
.sql revisions (for migrate). The same commands run on two SQLite files, one
per tool; after every command both files must hold the same version rows and
the same schema objects (same SQL text), and both tools must log the same
steps. migrate reads files in file-name order and Alembic 1.8 in os.listdir
order, so the steps of one command are compared as a multiset, and the state
after it as a whole. A failing command must fail in both tools, migrate's
message containing Alembic's, and change nothing.

A sequence entry is (command, target, expectation): expectation OK, or
Alembic's error text (part of it), which also pins down that the test covers
what it means to; target is a string, or a list for a stamp of several
revisions. Crash(text) marks commands where Alembic 1.8 itself crashes
(docs/reference.md section 6: migrate gives a clear error instead, and changes nothing); RESYNC a
command after one, which both must run and which must leave the same state.
"""
import os
import re
import unittest

from graphs import D, E1, E2, F1, F2, L2, R1, branched, depends, idempotent, linear, merged
from support import (AlembicError, AlembicProject, MigrateError, Rev, TempDirTestCase, database_state, split_log,
                     version_table_columns, write_py_revisions)

OK = None
CRASH = "crash"  # what Alembic did when it crashed


class Crash:
    """Alembic 1.8 crashes (a traceback, no message); migrate must fail with
    a message holding `text` and change nothing."""

    def __init__(self, text):
        self.text = text


# Succeeds in both from the different rows an Alembic crash left: only the
# state after it is compared.
RESYNC = object()


def normalized_steps(lines):
    """Log lines ('Running upgrade a, b -> c, message') as a sorted list,
    the ids on each side of the arrow sorted too: a stamp lists the version
    table's rows in the order Alembic reads them from the table (insertion
    order), migrate in sorted order. The ids of these tests are 12 hex
    characters, which tells them from the message."""
    def normalized(line):
        verb, _, rest = line.removeprefix("Running ").partition(" ")
        left, _, right = rest.partition("->")
        tokens = right.strip().split(", ")
        ids = []
        while tokens and re.fullmatch(r"[0-9a-f]{12}", tokens[0]):
            ids.append(tokens.pop(0))
        return verb, sorted(re.findall(r"[0-9a-f]{12}", left)), sorted(ids), ", ".join(tokens)

    return sorted(normalized(line) for line in lines)


class CommandAgreement(TempDirTestCase):

    def run_sequence(self, revisions, sequence, creates_version_table=True):
        alembic_db, migrate_db = self.path("alembic.db"), self.path("migrate.db")
        alembic = AlembicProject(self.tmp, alembic_db)
        write_py_revisions(alembic.versions, revisions)
        migrate = self.migrate(migrate_db, self.migrate_project(revisions))
        saw_version_table = False
        for number, (command, target, expectation) in enumerate(sequence, 1):
            where = f"command {number}: {command} {target!r}"
            before = database_state(migrate_db)
            alembic_args = [command] + (target if isinstance(target, list) else [target])
            migrate_target = ",".join(target) if isinstance(target, list) else target
            try:
                alembic_steps, _ = alembic.run(*alembic_args)
                alembic_error = None
            except AlembicError as e:
                alembic_error = e.message
            except RuntimeError as e:
                alembic_error = CRASH
                crash_text = str(e)
            try:
                migrate_steps = migrate.steps(command, migrate_target)
                migrate_error = None
            except MigrateError as e:
                migrate_error = str(e)

            if isinstance(expectation, Crash):
                self.assertIs(alembic_error, CRASH, f"{where}: Alembic was expected to crash")
                self.assertIsNotNone(migrate_error, f"{where}: migrate succeeded where Alembic crashes")
                self.assertIn(expectation.text, migrate_error, where)
                self.assertEqual(database_state(migrate_db), before, f"{where}: migrate's failed call changed the database")
                continue
            if alembic_error is CRASH:
                self.fail(f"{where}: Alembic crashed:\n{crash_text}")
            if expectation is OK or expectation is RESYNC:
                self.assertIsNone(alembic_error, f"{where}: Alembic failed")
                self.assertIsNone(migrate_error, f"{where}: migrate failed, Alembic did not")
                if expectation is OK:
                    self.assertEqual(normalized_steps(migrate_steps), normalized_steps(alembic_steps),
                                     f"{where}: steps")
            else:
                self.assertIsNotNone(alembic_error, f"{where}: Alembic did not fail")
                self.assertIn(expectation, alembic_error, f"{where}: Alembic's message")
                self.assertIsNotNone(migrate_error, f"{where}: migrate did not fail; Alembic: {alembic_error}")
                self.assertIn(alembic_error, migrate_error, f"{where}: migrate's message")
                self.assertEqual(database_state(migrate_db), before, f"{where}: migrate's failed call changed the database")
            alembic_state = database_state(alembic_db)
            if alembic_error and alembic_state[0] == [] and before[0] is None:
                # Alembic creates the version table before it finds the error
                # and leaves it; migrate writes nothing on failure (docs/reference.md section 8).
                alembic_state = (None, alembic_state[1])
            migrate_state, log_sql = split_log(database_state(migrate_db))
            # migrate makes its audit log with the version table, on the first step
            self.assertEqual(log_sql is not None, migrate_state[0] is not None, f"{where}: the audit log")
            self.assertEqual(migrate_state, alembic_state, f"{where}: (version rows, schema) of migrate vs Alembic")
            if database_state(migrate_db)[0] is not None and not saw_version_table:
                saw_version_table = True
                self.assertEqual(version_table_columns(migrate_db), version_table_columns(alembic_db))
        self.assertEqual(saw_version_table, creates_version_table, "the version table")

    def test_linear(self):
        self.run_sequence(idempotent(linear()), [
            ("upgrade", "+1", OK),
            ("upgrade", "+2", OK),
            ("downgrade", "-1", OK),
            ("upgrade", "b2e+2", OK),                         # rev+N from a partial id
            ("downgrade", "c3d2", OK),                        # partial id
            ("downgrade", "-5", "Relative revision -5 didn't produce 5 migrations"),
            ("upgrade", "+3", "Relative revision +3 didn't produce 3 migrations"),
            ("upgrade", "zzzz", "Can't locate revision identified by 'zzzz'"),
            ("upgrade", "a1f0:c3d2", "Range revision not allowed"),
            ("downgrade", D, f"Destination {D} is not a valid downgrade target from current head(s)"),
            ("downgrade", "a1f0c3e2b7d4+1", OK),              # rev+N as a downgrade target
            ("upgrade", "a1f0c3e2b7d4@head", OK),             # rev@head
            ("upgrade", "head", OK),                          # nothing to do
            ("downgrade", "d4c3f6a5cab7-2", OK),              # rev-N
            ("stamp", "a1", OK),                              # a stamp runs no step
            ("stamp", "heads", OK),
            ("stamp", "base", OK),
            ("upgrade", "a1f0+1", OK),
            ("downgrade", "base", OK),                        # keeps the (empty) version table
            ("upgrade", "heads", OK),
            ("downgrade", "base+1", OK),
            ("upgrade", "-1", "Relative revision -1 didn't produce 1 migrations"),
        ])

    def test_branch_labels(self):
        self.run_sequence(idempotent(branched()), [
            ("upgrade", "head", "Multiple head revisions are present for given argument 'head'"),
            ("upgrade", "left@head", OK),
            ("upgrade", "right@+1", OK),
            ("upgrade", "right@+1", OK),
            ("downgrade", "right@-1", OK),
            ("upgrade", "left@+1", "Relative revision +1 didn't produce 1 migrations"),
            ("upgrade", "right@head", OK),
            ("downgrade", "left@-1", OK),
            ("downgrade", "right@base", OK),
            ("upgrade", "right", OK),                         # a bare branch label
            ("upgrade", "heads", OK),
            ("downgrade", "left@base", OK),                   # the shared base: everything goes
            # AssertionError in Alembic's _parse_downgrade_target:
            ("downgrade", "right@-2", Crash("Relative revision right@-2 is ambiguous")),
            ("downgrade", "-2", "Relative revision -2 didn't produce 2 migrations"),
            ("upgrade", "heads", OK),
            ("downgrade", "right@-2", OK),
            ("downgrade", "head", "Multiple head revisions are present for given argument 'head'"),
            ("upgrade", "lef", OK),                           # a prefix of a label
            ("stamp", "right@head", OK),
            ("stamp", [L2, R1], OK),
            ("upgrade", "rightt@head", "Can't locate revision identified by 'rightt'"),
            ("downgrade", "3a1b", "Destination 3a1b is not a valid downgrade target from current head(s)"),
            ("downgrade", "base", OK),
            ("upgrade", "nothere", "Can't locate revision identified by 'nothere'"),
            ("upgrade", "heads", OK),
        ])

    def test_merge_point(self):
        self.run_sequence(idempotent(merged()), [
            ("upgrade", "6b", OK),
            ("upgrade", "7c", OK),                            # two heads in the version table
            ("upgrade", "+1", "Ambiguous upgrade from multiple current revisions"),
            ("upgrade", "8d", OK),                            # the merge step
            ("upgrade", "heads", OK),
            ("downgrade", "-1", OK),
            ("downgrade", "6b", OK),                          # unmerge down to one side
            ("upgrade", "head", OK),
            ("downgrade", "7c0000000000", OK),
            ("upgrade", "8d", OK),
            ("stamp", "6b", OK),
            ("stamp", ["6b", "7c"], OK),
            ("upgrade", "heads", OK),
            ("stamp", ["6b", "7c"], Crash("Can't stamp 7c0000000000")),  # KeyError: both replace 9e
            ("stamp", "base", RESYNC),                        # the crash left Alembic's rows changed
            ("stamp", "6b", OK),
            ("stamp", ["9e", "5a"], Crash("Can't stamp 5a0000000000")),  # KeyError: 6b moved up, then down
            ("stamp", "base", RESYNC),
            ("stamp", "9e", OK),
            ("stamp", "5a", OK),
            ("downgrade", "base", OK),
            ("downgrade", "8d", "is not a valid downgrade target"),
            ("upgrade", "9e-1", OK),
            ("upgrade", "+5", "Relative revision +5 didn't produce 5 migrations"),
            ("downgrade", "5a", OK),
        ])

    def test_depends_on(self):
        self.run_sequence(idempotent(depends()), [
            ("upgrade", "app@head", OK),                      # pulls in the lib branch it depends on
            ("downgrade", "lib@base", OK),                    # takes the dependants down with it
            ("upgrade", E1, OK),
            ("upgrade", "lib@+1", OK),
            ("upgrade", "app@+1", OK),
            ("downgrade", "app@-1", OK),
            ("upgrade", "heads", OK),
            ("downgrade", F2, OK),
            ("stamp", "heads", OK),
            ("downgrade", "app@base", OK),
            ("stamp", [F1, E2], OK),
            ("upgrade", "e3", f"Requested revision {E2} overlaps with other requested revisions {F1}"),
            ("stamp", F2, OK),
            ("upgrade", "e3", OK),
            ("downgrade", "base", OK),
            ("upgrade", "head", "Multiple head revisions are present for given argument 'head'"),
        ])



class GraphErrors(TempDirTestCase):
    """A broken graph fails every command in both tools, before anything is
    written, with Alembic's message (where Alembic has one)."""

    def run_sequence(self, revisions, sequence):
        CommandAgreement.run_sequence(self, revisions, sequence, creates_version_table=False)

    def test_cycle(self):
        self.run_sequence([Rev("aaaa", "cccc"), Rev("bbbb", "aaaa"), Rev("cccc", "bbbb"), Rev("dddd")], [
            ("upgrade", "heads", "Cycle is detected in revisions (aaaa, bbbb, cccc)"),
            ("stamp", "dddd", "Cycle is detected in revisions (aaaa, bbbb, cccc)"),
        ])

    def test_self_loop(self):
        self.run_sequence([Rev("aaaa", "aaaa")], [("upgrade", "heads", "Self-loop is detected in revisions (aaaa)")])

    def test_missing_down_revision(self):
        self.run_sequence([Rev("aaaa"), Rev("bbbb", "zzzz")], [
            ("upgrade", "heads", Crash("Revision zzzz referenced from bbbb is not present")),  # KeyError
        ])

    def test_missing_dependency(self):
        self.run_sequence([Rev("aaaa", depends="zzzz")], [
            ("upgrade", "heads", Crash("Revision zzzz referenced from aaaa is not present")),  # KeyError
        ])

    def test_ordered_messages(self):
        # The ids in these messages come in map order (os.listdir order, a
        # set's order): compare them as sets.
        for number, (revisions, pattern) in enumerate([
            ([Rev("aaaa"), Rev("bbbb", "aaaa", depends="cccc"), Rev("cccc", "aaaa", depends="bbbb")],
             r"Dependency cycle is detected in revisions \((\w+), (\w+), (\w+)\)"),
            ([Rev("aaaa", labels="x"), Rev("bbbb", "aaaa", labels="x")],
             r"Branch name 'x' in revision (\w+) already used by revision (\w+)"),
        ]):
            with self.subTest(pattern=pattern):
                root = self.path(f"project{number}")
                os.makedirs(root)
                alembic = AlembicProject(root, os.path.join(root, "alembic.db"))
                write_py_revisions(alembic.versions, revisions)
                with self.assertRaises(AlembicError) as alembic_error:
                    alembic.run("upgrade", "heads")
                database = os.path.join(root, "migrate.db")
                m = self.migrate(database, self.migrate_project(revisions, os.path.join(root, "migrations")))
                with self.assertRaises(MigrateError) as migrate_error:
                    m.steps("upgrade", "heads")
                alembic_match = re.search(pattern, alembic_error.exception.message)
                migrate_match = re.search(pattern, str(migrate_error.exception))
                self.assertIsNotNone(alembic_match, alembic_error.exception.message)
                self.assertIsNotNone(migrate_match, str(migrate_error.exception))
                self.assertEqual(sorted(migrate_match.groups()), sorted(alembic_match.groups()))
                self.assertEqual(database_state(database), (None, {}))


if __name__ == "__main__":
    unittest.main()
