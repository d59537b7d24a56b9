"""The schema-diff corpus: pairs of schemas (A, B), one test per pair.

A pair is a folder corpus/<engine>/NN_name/ with
  a.sql       the schema the database starts from
  b.sql       the target schema (what target_schema names)
  rows.sql    rows loaded into A (optional)
  expect.txt  what the diff must hold, one assertion a line:
                change: <line>   migrate_check lists this change
                sql: <text>      the upgrade SQL contains this text
                no-sql: <text>   the upgrade SQL does not contain it
                order: <a> || <b> || ...   the upgrade SQL holds these texts
                                 in this order
                no-change        A and B are the same schema written differently
                alembic: <why>   test_alembic skips the pair, for this reason

For each pair: A is loaded with its rows, migrate_revision(message, true)
writes the diff and its reverse, migrate_upgrade applies it with foreign keys
enforced (docs/reference.md section 8's procedure keeps child rows through rebuilds), the
schema then matches B (diffing again gives nothing, and the catalog equals a
database loaded from b.sql), the kept columns keep their rows, and
migrate_downgrade brings the schema back to A with those rows. Each B is
also built in an empty database and torn down again.
"""

import os
import shutil
import tempfile
import unittest

import engines

HERE = os.path.dirname(os.path.abspath(__file__))
ENGINE = engines.engine()
CORPUS = os.path.join(HERE, "corpus", ENGINE.corpus)
NO_CHANGES = "No new upgrade operations detected."


def read(path, default=None):
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8") as f:
        return f.read()


def pairs():
    return sorted(d for d in os.listdir(CORPUS) if os.path.isdir(os.path.join(CORPUS, d)))


def load_expectations(folder):
    out = {"change": [], "sql": [], "no-sql": [], "order": [], "alembic": [], "no-change": False}
    for raw in read(os.path.join(folder, "expect.txt"), "").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line == "no-change":
            out["no-change"] = True
            continue
        key, _, value = line.partition(":")
        if key not in out:
            raise ValueError(f"{folder}/expect.txt: unknown assertion {line!r}")
        out[key].append(value.strip())
    return out


class CorpusTest(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="migrate-diff-")
        self.addCleanup(shutil.rmtree, self.workdir, ignore_errors=True)
        os.makedirs(os.path.join(self.workdir, "migrations", "versions"))

    def session(self):
        s = ENGINE.create(self.workdir)
        self.addCleanup(s.close)
        s.call("migrate_config", "script_location", os.path.join(self.workdir, "migrations"))
        return s

    def snapshot(self, session):
        return {t: (cols, session.rows(t, cols)) for t in session.tables() for cols in [session.columns(t)]}

    def assert_rows_kept(self, before, session, what):
        """Checks the rows of `before` on the columns the database still has
        (together, so that rows stay whole); returns them, as `before`."""
        kept = {}
        for table, (columns, rows) in before.items():
            if table not in session.tables():
                continue
            now = session.columns(table)
            names = [c for c in columns if c in now]
            if not names:
                continue
            positions = [columns.index(c) for c in names]
            expected = sorted((tuple(r[i] for i in positions) for r in rows), key=repr)
            self.assertEqual(session.rows(table, names), expected, f"{what}: rows of {table} {names} changed")
            kept[table] = (names, expected)
        return kept

    def assert_schema(self, session, sql_file, what, at_heads=True):
        session.call("migrate_config", "target_schema", sql_file)
        self.assertEqual(session.call("migrate_diff"), "", f"{what}: diffing again must give nothing")
        if at_heads:
            self.assertEqual(session.call("migrate_check"), NO_CHANGES)
        else:
            # Below its heads the database cannot be checked, as Alembic's check.
            with self.assertRaisesRegex(engines.MigrateError, "Target database is not up to date\\."):
                session.call("migrate_check")
        reference_dir = tempfile.mkdtemp(dir=self.workdir)
        reference = ENGINE.create(reference_dir)
        self.addCleanup(reference.close)
        reference.run_script(read(sql_file))
        self.assertEqual(session.fingerprint(), reference.fingerprint(),
                         f"{what}: the catalog differs from {os.path.basename(sql_file)} loaded as is")
        # A constraint the schema leaves NOT VALID is one on both sides.
        self.assertEqual(session.problems(), reference.problems(), what)

    def run_pair(self, name):
        folder = os.path.join(CORPUS, name)
        a_sql, b_sql = os.path.join(folder, "a.sql"), os.path.join(folder, "b.sql")
        expect = load_expectations(folder)
        db = self.session()
        db.run_script(read(a_sql))
        db.run_script(read(os.path.join(folder, "rows.sql"), ""))
        before = self.snapshot(db)
        db.call("migrate_config", "target_schema", b_sql)

        upgrade = db.call("migrate_diff")
        if expect["no-change"]:
            self.assertEqual(upgrade, "")
            self.assertEqual(db.call("migrate_check"), NO_CHANGES)
            return
        self.assertNotEqual(upgrade, "", "A and B differ, so the diff must not be empty")
        self.assertTrue(expect["change"], f"{name}/expect.txt must name at least one change")
        with self.assertRaises(engines.MigrateError) as failure:
            db.call("migrate_check")
        listed = str(failure.exception)
        self.assertTrue(listed.startswith("New upgrade operations detected:"), listed)
        for change in expect["change"]:
            self.assertIn(change, listed.splitlines())
        for text in expect["sql"]:
            self.assertIn(text, upgrade)
        for text in expect["no-sql"]:
            self.assertNotIn(text, upgrade)
        for sequence in expect["order"]:
            position = -1
            for text in sequence.split(" || "):
                found = upgrade.find(text, position + 1)
                self.assertGreater(found, position, f"{text!r} must come after the texts before it in:\n{upgrade}")
                position = found

        path = db.call("migrate_revision", f"autogenerate {name}", True)
        self.assertIn(upgrade, read(path))
        db.enforce_foreign_keys()
        db.call("migrate_upgrade", "head")
        self.assert_schema(db, b_sql, "after upgrade")
        kept = self.assert_rows_kept(before, db, "after upgrade")

        db.call("migrate_downgrade", "base")
        self.assert_schema(db, a_sql, "after downgrade", at_heads=False)
        self.assert_rows_kept(kept, db, "after downgrade")


    def build_from_nothing(self, name):
        """B created in an empty database and dropped again: every table,
        index, view and trigger in an order the engine accepts."""
        b_sql = os.path.join(CORPUS, name, "b.sql")
        db = self.session()
        db.call("migrate_config", "target_schema", b_sql)
        db.call("migrate_revision", f"create {name}", True)
        db.call("migrate_upgrade", "head")
        self.assert_schema(db, b_sql, "built from nothing")
        db.call("migrate_downgrade", "base")
        self.assertEqual(db.tables(), [])
        self.assertEqual(db.fingerprint(), {})


def _add_tests():
    for name in pairs():
        setattr(CorpusTest, f"test_{name}", lambda self, n=name: self.run_pair(n))
        setattr(CorpusTest, f"test_{name}_from_nothing", lambda self, n=name: self.build_from_nothing(n))


_add_tests()


class CorpusSizeTest(unittest.TestCase):
    def test_at_least_forty_pairs(self):
        self.assertGreaterEqual(len(pairs()), 40)


if __name__ == "__main__":
    unittest.main()
