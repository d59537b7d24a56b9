"""migrate's diff against Alembic's autogenerate on the same corpus.

For each pair, the database is loaded with A and compared with B's
SQLAlchemy models by the real Alembic (Debian's python3-alembic,
alembic.autogenerate.compare_metadata with compare_type and
compare_server_default on), and by migrate_check. Every change Alembic
detects must be among migrate's.

B's models are the pair's models.py (a `metadata` written by hand as an
application would, checked to describe b.sql exactly as Alembic sees it) or,
for pairs without one, B's schema reflected by SQLAlchemy.
"""

import ast
import importlib.util
import os
import shutil
import tempfile
import unittest
import warnings

import engines
import test_corpus

try:
    import sqlalchemy as sa
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
except ImportError as e:  # the wrong interpreter: say so rather than skip
    raise RuntimeError(f"the Alembic comparison needs Debian's python3-alembic and python3-sqlalchemy: {e}")

ENGINE = engines.engine()
CORPUS = test_corpus.CORPUS


def load_models(path):
    spec = importlib.util.spec_from_file_location("models", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.metadata


def alembic_diffs(url, metadata):
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn, warnings.catch_warnings():
            # SQLAlchemy does not reflect expression indexes, and says so.
            warnings.simplefilter("ignore", sa.exc.SAWarning)
            context = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
            return compare_metadata(context, metadata)
    finally:
        engine.dispose()


def reflect(url):
    engine = sa.create_engine(url)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", sa.exc.SAWarning)
            metadata = sa.MetaData()
            metadata.reflect(bind=engine, only=lambda name, _: not name.startswith("sqlite_"))
            return metadata
    finally:
        engine.dispose()


def names(items):
    return tuple(n.lower() for n in items)


def alembic_keys(diffs):
    """Alembic's diff entries as comparable keys."""
    keys = set()
    for d in diffs:
        if isinstance(d, list):  # modify_* entries, grouped per column
            keys.update((m[0], m[2].lower(), m[3].lower()) for m in d)
            continue
        kind, subject = d[0], d[1]
        if kind in ("add_table", "remove_table"):
            keys.add((kind, subject.name.lower()))
        elif kind in ("add_column", "remove_column"):
            keys.add((kind, d[2].lower(), d[3].name.lower()))
        elif kind in ("add_index", "remove_index"):
            keys.add((kind, subject.table.name.lower(), subject.name.lower()))
        elif kind in ("add_constraint", "remove_constraint"):
            keys.add((kind, subject.table.name.lower(), "unique", names(c.name for c in subject.columns)))
        elif kind in ("add_fk", "remove_fk"):
            keys.add((kind, subject.parent.name.lower(), names(c.name for c in subject.columns),
                      subject.referred_table.name.lower()))
        elif kind in ("add_table_comment", "remove_table_comment"):
            keys.add(("modify_table_comment", subject.name.lower()))
        else:
            keys.add((kind, repr(d)))  # a kind the mapping does not know: never matched
    return keys


def migrate_keys(lines):
    keys = set()
    for line in lines:
        t = ast.literal_eval(line)
        kind = t[0]
        if kind in ("add_table", "remove_table"):
            keys.add((kind, t[1].lower()))
        elif kind in ("add_constraint", "remove_constraint"):
            what = names(t[3]) if isinstance(t[3], list) else t[3]
            keys.add((kind, t[1].lower(), t[2], what))
        elif kind in ("add_fk", "remove_fk"):
            keys.add((kind, t[1].lower(), names(t[2]), t[3].lower()))
        elif kind == "modify_table_comment":
            keys.add((kind, t[1].lower()))
        else:  # (kind, table, column or index), or (kind, type, view or sequence[, values])
            keys.add((kind,) + tuple(x.lower() for x in t[1:3] if isinstance(x, str)))
    return keys


class Comparison(unittest.TestCase):
    def setUp(self):
        self.workdir = tempfile.mkdtemp(prefix="migrate-diff-alembic-")
        self.addCleanup(shutil.rmtree, self.workdir, ignore_errors=True)

    def database(self, sql_file):
        folder = tempfile.mkdtemp(dir=self.workdir)
        session = ENGINE.create(folder)
        self.addCleanup(session.close)
        with open(sql_file, encoding="utf-8") as f:
            session.run_script(f.read())
        return session, session.url()

    def detect(self, name):
        """What Alembic detects from A to B's models, as keys; and a Session
        on A."""
        folder = os.path.join(CORPUS, name)
        a_session, a_url = self.database(os.path.join(folder, "a.sql"))
        b_session, b_url = self.database(os.path.join(folder, "b.sql"))
        models = os.path.join(folder, "models.py")
        if os.path.exists(models):
            metadata = load_models(models)
            # Alembic cannot reflect an expression index, so it always finds
            # the models' ones new.
            unseen = [d for d in alembic_diffs(b_url, metadata)
                      if not (d[0] == "add_index" and not all(isinstance(e, sa.Column) for e in d[1].expressions))]
            self.assertEqual(unseen, [], "models.py must describe b.sql")
        else:
            metadata = reflect(b_url)
        b_session.close()  # a server's connections are few
        return alembic_keys(alembic_diffs(a_url, metadata)), a_session

    @staticmethod
    def compared_pairs():
        return [n for n in test_corpus.pairs()
                if not test_corpus.load_expectations(os.path.join(CORPUS, n))["alembic"]]


class AlembicComparisonTest(Comparison):
    def compare(self, name):
        for reason in test_corpus.load_expectations(os.path.join(CORPUS, name))["alembic"]:
            self.skipTest(reason)
        expected, a_session = self.detect(name)
        a_session.call("migrate_config", "target_schema", os.path.join(CORPUS, name, "b.sql"))
        try:
            listed = a_session.call("migrate_check").splitlines()[1:]
        except engines.MigrateError as e:
            listed = str(e).splitlines()[1:]
        missing = expected - migrate_keys(listed)
        self.assertFalse(missing, f"Alembic detects changes that migrate does not: {sorted(missing)}\n"
                                  f"migrate detected: {listed}")


def _add_tests():
    for name in test_corpus.pairs():
        setattr(AlembicComparisonTest, f"test_{name}", lambda self, n=name: self.compare(n))


_add_tests()


class CoverageTest(Comparison):
    def test_the_comparison_is_not_vacuous(self):
        # A key mapping that silently lost Alembic's findings would let every
        # comparison pass: Alembic must find most of the table changes.
        found = {}
        for name in self.compared_pairs():
            keys, a_session = self.detect(name)
            a_session.close()
            found[name] = len(keys)
        print(f"\nAlembic detects {sum(found.values())} changes in {sum(1 for n in found.values() if n)} of "
              f"{len(found)} pairs")
        self.assertGreaterEqual(sum(found.values()), 40)


if __name__ == "__main__":
    unittest.main()
