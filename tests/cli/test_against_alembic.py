"""The same sequence of commands through Alembic 1.8.1 and through
build/bin/migrate, on the same revision graphs (branches, merges, labels,
depends_on, partial ids): the exit status, the version table's rows, the
tables, the `Running ...` log lines, the FAILED message and the key output
lines agree after every command. On SQLite or PostgreSQL (MIGRATE_TEST_ENGINE)."""
import glob
import os
import re
import unittest

from cli_support import ENGINE, FAILED, CliTestCase, write_file  # first: it puts tests/authoring on sys.path
import graphs  # noqa: E402
from graphs import A, B, C, E1, E2, F2, L2, MA, MB, MD, R3  # noqa: E402


def key_lines(result):
    """stdout less what differs between two projects by nature: the file
    paths (.py against .sql), and the order of ties, which Alembic takes
    from os.listdir (the file system's order) where migrate sorts by name."""
    out = []
    for line in result.out:
        if line.startswith("Path: ") or line.startswith("FAILED: "):  # FAILED is compared on its own
            continue
        if line.startswith("Current revision(s) for "):  # each project has its own database
            line = "Current revision(s) for"
        m = re.match(r"(Branches into: )(.*)", line)
        if m:
            line = m.group(1) + ", ".join(sorted(m.group(2).split(", ")))
        out.append(line)
    return sorted(out)


class AgainstAlembic(CliTestCase):

    def compare(self, revisions, commands):
        alembic = self.alembic_project(revisions)
        migrate = self.migrate_project(graphs_copy(revisions))
        for args in commands:
            if callable(args):  # a change made to both databases between commands
                args(alembic, migrate)
                continue
            with self.subTest(command=" ".join(args)):
                a = alembic.run(*args)
                m = migrate.run(*args)
                context = f"\nalembic: {a!r}\nmigrate: {m!r}"
                self.assertIn(a.status, (0, FAILED), "alembic crashed" + context)
                self.assertEqual(a.status, m.status, context)
                self.assertEqual(a.failed, m.failed, context)
                self.assertEqual(sorted(a.running), sorted(m.running), context)
                if args[0] in ("current", "heads", "history", "branches", "show"):
                    self.assertEqual(key_lines(a), key_lines(m), context)
                self.assertEqual(self.dbs.state(alembic.url), self.dbs.state(migrate.url), context)
        return alembic, migrate

    def test_linear(self):
        self.compare(graphs.linear(), [
            ["current"], ["upgrade", C[:4]], ["current"], ["current", "-v"], ["upgrade", "+1"],
            ["downgrade", "-2"], ["history"], ["history", "-r", f"{A}:{C}"], ["history", "-r", f"{B}:"],
            ["heads"], ["heads", "-v"], ["show", B[:5]], ["upgrade", "head"], ["downgrade", "base"],
            ["upgrade", "zzzz"], ["downgrade", "-1"], ["stamp", B], ["current"], ["upgrade", "head"],
            ["upgrade", "+1"], ["history", "-v"], ["history", "-i"], ["downgrade", f"{A}:{B}"],
        ])

    def test_branches_and_labels(self):
        self.compare(graphs.branched(), [
            ["upgrade", "left@head"], ["current"], ["upgrade", "head"], ["upgrade", "heads"], ["current"],
            ["branches"], ["branches", "-v"], ["heads"], ["history"], ["downgrade", "right@-1"], ["current"],
            ["downgrade", "left@base"], ["current"], ["show", "right"], ["upgrade", "right@+1"],
            ["downgrade", "base"], ["stamp", L2, R3], ["current"], ["stamp", "base"],
        ])

    def test_merge_points(self):
        self.compare(graphs.merged(), [
            ["upgrade", MB], ["upgrade", "heads"], ["current"], ["history"], ["show", MD], ["heads", "-v"],
            # (no relative step below the merge: which parent Alembic 1.8.1 walks
            # first follows os.listdir, the file system's order)
            ["downgrade", MB], ["current"], ["upgrade", "head"],
            ["downgrade", MA], ["current"], ["downgrade", "base"],
        ])

    def test_depends_on(self):
        self.compare(graphs.depends(), [
            ["upgrade", "app@head"], ["current"], ["heads"], ["heads", "--resolve-dependencies"], ["history"],
            ["show", E2], ["upgrade", "heads"], ["current"], ["downgrade", f"{F2}"], ["current"],
            ["downgrade", "base"], ["upgrade", E1], ["current"], ["upgrade", "lib@head"],
        ])

    def test_offline_sql_logs_each_step(self):
        # Alembic logs `Running upgrade a -> b, message` for each step of an
        # offline script too (on stderr, as the online run's).
        self.compare(graphs.linear(), [
            ["upgrade", "--sql", f"{A}:{C}"], ["downgrade", "--sql", f"{C}:{A}"], ["upgrade", "--sql", "head"],
            ["downgrade", "--sql", f"{C}:base"], ["upgrade", "--sql", "zzzz"],
        ])

    def test_stamp_sql(self):
        self.compare(graphs.linear(), [
            ["stamp", "--sql", "head"], ["stamp", "--sql", f"{A}:{C}"], ["stamp", "--sql", f"base:{B}"],
            ["stamp", "--sql", f"{C}:{A}"], ["stamp", "--sql", f"{C}:base"], ["stamp", "--sql", "zzzz"],
            ["stamp", "--sql", f"{A}:{B}", f"{C}:{B}"], ["stamp", "--purge", "--sql", "head"], ["current"],
        ])
        # The scripts stamp the database they are run on.
        migrate = self.migrate_project(graphs.linear(), name="scripts")
        for command, rows in ([f"base:{B}"], [B]), ([f"{B}:{C}"], [C]), ([f"{C}:base"], None):
            r = migrate.run("stamp", "--sql", *command)
            self.assertEqual(r.status, 0, r)
            self.dbs.execute(migrate.url, r.stdout)
            self.assertEqual(self.dbs.state(migrate.url)[0], rows or [], r.stdout)

    def test_stamp_sql_of_branches(self):
        self.compare(graphs.branched(), [["stamp", "--sql", L2, R3], ["stamp", "--sql", f"{L2}:{R3}"]])

    def test_stamp_purge(self):
        def unknown_revision(alembic, migrate):
            for project in (alembic, migrate):
                self.dbs.execute(project.url, "INSERT INTO alembic_version (version_num) VALUES ('feedface')")

        _, migrate = self.compare(graphs.branched(), [
            ["stamp", "--purge", "base"], ["current"], ["upgrade", "heads"], ["stamp", "--purge", L2], ["current"],
            ["stamp", R3], ["current"], unknown_revision, ["current"], ["stamp", "heads"], ["stamp", "--purge", "heads"],
            ["current"],
        ])
        # A target that names nothing fails with nothing changed (Alembic on
        # SQLite has already committed the purge by then).
        before = self.dbs.state(migrate.url)
        r = migrate.run("stamp", "--purge", "zzzz")
        self.assertEqual((r.status, r.failed), (FAILED, "Can't locate revision identified by 'zzzz'"), r)
        self.assertEqual(self.dbs.state(migrate.url), before)

    def test_steps_outside_a_transaction(self):
        # Alembic's autocommit_block against `transaction:false`: B runs at
        # top level both ways (CREATE INDEX CONCURRENTLY; SQLite's VACUUM).
        if ENGINE == "postgresql":
            up = ["CREATE TABLE t_b (id INTEGER PRIMARY KEY, v INTEGER)", "CREATE INDEX CONCURRENTLY ix_b ON t_b (v)"]
            down = ["DROP INDEX CONCURRENTLY ix_b", "DROP TABLE t_b"]
        else:
            up, down = ["CREATE TABLE t_b (id INTEGER PRIMARY KEY, v INTEGER)", "VACUUM"], ["DROP TABLE t_b", "VACUUM"]
        revisions = graphs.linear()
        revisions[1] = graphs.Rev(B, A, upgrade=up, downgrade=down)

        def outside_a_transaction(alembic, migrate):
            [py] = glob.glob(os.path.join(alembic.versions, B + "_*.py"))
            with open(py) as f:
                text = f.read()
            text = re.sub(r"(?m)^(def (?:upgrade|downgrade)\(\):\n)((?:    op\.execute\(.*\n)+)",
                          lambda m: m.group(1) + "    with op.get_context().autocommit_block():\n"
                          + re.sub(r"(?m)^", "    ", m.group(2)), text)
            write_file(py, text)
            [sql] = glob.glob(os.path.join(migrate.versions, B + "_*.sql"))
            with open(sql) as f:
                text = f.read()
            write_file(sql, re.sub(r"(?m)^(-- migrate:(?:upgrade|downgrade))$", r"\1 transaction:false", text))

        self.compare(revisions, [
            outside_a_transaction, ["upgrade", "head"], ["current"], ["downgrade", "base"], ["current"],
            ["upgrade", B], ["upgrade", "head"], ["downgrade", A], ["current"],
        ])


def graphs_copy(revisions):
    """The same graph as fresh Rev objects (a project writes its own files)."""
    return [graphs.Rev(r.id, r.down, r.labels, r.depends, r.message, r.upgrade, r.downgrade) for r in revisions]


if __name__ == "__main__":
    unittest.main()
