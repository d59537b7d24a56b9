"""What every scenario module shares: revision descriptions, the project
writer, and a TestCase with a fresh database per test.

A revision is described compactly, e.g. rev("b", "a", labels="left"): by
default its upgrade creates table t_<id> and its downgrade drops it, so the
schema shows which steps ran. The SQL is kept portable between SQLite and
PostgreSQL.
"""

import os
import re
import shutil
import tempfile
import unittest

from .engines import MigrateError, engine_from_environment

CREATE_DATE = "2026-11-21 10:15:00.123456"


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


class Rev:
    """One revision file. `revises`, `labels`, `depends_on`: a list or a
    comma-separated string. `upgrade`/`downgrade`: SQL text (None = the
    default table t_<id>). `python=True` writes an Alembic .py revision."""

    def __init__(self, id, revises=None, message=None, labels=None, depends_on=None, upgrade=None,
                 downgrade=None, filename=None, python=False, create_date=CREATE_DATE):
        self.id = id
        self.revises = _as_list(revises)
        self.message = message if message is not None else "create t_%s" % id
        self.labels = _as_list(labels)
        self.depends_on = _as_list(depends_on)
        self.upgrade = upgrade if upgrade is not None else "CREATE TABLE t_%s (id INTEGER PRIMARY KEY);" % id
        self.downgrade = downgrade if downgrade is not None else "DROP TABLE t_%s;" % id
        self.python = python
        self.create_date = create_date
        slug = re.sub(r"[^a-z0-9]+", "_", self.message.lower()).strip("_")[:40]
        self.filename = filename or "%s_%s.%s" % (id, slug, "py" if python else "sql")

    def sql_text(self):
        return (
            "-- {message}\n"
            "--\n"
            "-- Revision ID: {id}\n"
            "-- Revises: {revises}\n"
            "-- Create Date: {date}\n"
            "-- Branch Labels: {labels}\n"
            "-- Depends On: {depends}\n"
            "\n"
            "-- migrate:upgrade\n"
            "{upgrade}\n"
            "\n"
            "-- migrate:downgrade\n"
            "{downgrade}\n"
        ).format(message=self.message, id=self.id, revises=", ".join(self.revises), date=self.create_date,
                 labels=", ".join(self.labels), depends=", ".join(self.depends_on), upgrade=self.upgrade,
                 downgrade=self.downgrade)

    def python_text(self):
        def literal(items):
            if not items:
                return "None"
            if len(items) == 1:
                return repr(items[0])
            return repr(tuple(items))

        return (
            '"""{message}\n\n'
            "Revision ID: {id}\n"
            "Revises: {revises}\n"
            "Create Date: {date}\n"
            '\n"""\n'
            "from alembic import op\n"
            "import sqlalchemy as sa\n\n\n"
            "# revision identifiers, used by Alembic.\n"
            "revision = {id_literal}\n"
            "down_revision = {revises_literal}\n"
            "branch_labels = {labels_literal}\n"
            "depends_on = {depends_literal}\n\n\n"
            "def upgrade():\n"
            "    op.execute({upgrade!r})\n\n\n"
            "def downgrade():\n"
            "    op.execute({downgrade!r})\n"
        ).format(message=self.message, id=self.id, revises=", ".join(self.revises), date=self.create_date,
                 id_literal=repr(self.id), revises_literal=literal(self.revises),
                 labels_literal=literal(self.labels), depends_literal=literal(self.depends_on),
                 upgrade=self.upgrade, downgrade=self.downgrade)

    def text(self):
        return self.python_text() if self.python else self.sql_text()


rev = Rev


def write_project(root, revisions, ini=None):
    """Writes a script location at `root` (versions/ plus an optional
    migrate.ini holding `ini`: a dict, or raw text) and returns `root`."""
    versions = os.path.join(root, "versions")
    os.makedirs(versions, exist_ok=True)
    for r in revisions:
        write_file(os.path.join(versions, r.filename), r.text())
    if ini is not None:
        if isinstance(ini, dict):
            ini = "[migrate]\n" + "".join("%s = %s\n" % item for item in ini.items())
        write_file(os.path.join(root, "migrate.ini"), ini)
    # A database server running as another user must be able to read it.
    for folder, _, _ in os.walk(root):
        os.chmod(folder, 0o755)
    return root


def write_file(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, 0o644)


def log(*lines):
    """The text an upgrade or downgrade returns for these log lines."""
    return "\n".join("Running " + line for line in lines)


class ScenarioTest(unittest.TestCase):
    """A fresh database (self.db) and scratch folder (self.dir) per test."""

    maxDiff = None

    def setUp(self):
        self.engine = engine_from_environment()
        self.dir = tempfile.mkdtemp(prefix="migrate-scenario-")
        os.chmod(self.dir, 0o755)
        self.addCleanup(shutil.rmtree, self.dir, True)
        self.db = self.engine.create_database(self.dir)
        self.addCleanup(self.db.close)

    def require_engine(self, name, why):
        if self.engine.name != name:
            self.skipTest("%s only: %s" % (name, why))

    # ---- projects -------------------------------------------------------------------

    def project(self, *revisions, ini=None, name="migrations", use=True):
        """Writes a project under self.dir; with `use`, self.db's
        script_location is set to it."""
        root = write_project(os.path.join(self.dir, name), revisions, ini)
        if use:
            self.db.use_script_location(root)
        return root

    def path_of(self, root, revision):
        return os.path.join(root, "versions", revision.filename)

    # ---- calls ----------------------------------------------------------------------

    def upgrade(self, *target):
        return self.db.call("migrate_upgrade", *target)

    def downgrade(self, target):
        return self.db.call("migrate_downgrade", target)

    def stamp(self, target):
        return self.db.call("migrate_stamp", target)

    def current(self):
        return self.db.call("migrate_current")

    def heads(self):
        return self.db.call("migrate_heads")

    # ---- checks ---------------------------------------------------------------------

    def user_tables(self, version_table="alembic_version"):
        """The tables less migrate's own: the version table, its audit log and script store."""
        return sorted(t for t in self.db.tables()
                      if t not in (version_table, version_table + "_log", version_table + "_scripts"))

    def assertState(self, versions, tables, version_table="alembic_version"):
        """The version table holds exactly `versions` (None: it does not
        exist) and the user tables are exactly `tables`."""
        self.assertEqual(self.db.version_rows(version_table), None if versions is None else sorted(versions),
                         "version table rows")
        self.assertEqual(self.user_tables(version_table), sorted(tables), "user tables")

    def assertCurrent(self, expected):
        self.assertEqual(self.current(), expected)

    def state(self):
        return self.db.snapshot(), self.db.version_rows()

    def assertFailsCleanly(self, function, *args, contains=(), matches=()):
        """`function(*args)` fails with a message holding every string of
        `contains` and matching every regex of `matches`, and leaves the
        schema and the version table as they were. Returns the error."""
        before = self.state()
        was_in_transaction = self.db.in_transaction()
        with self.assertRaises(MigrateError) as caught:
            self.db.call(function, *args)
        message = caught.exception.message
        for text in [contains] if isinstance(contains, str) else contains:
            self.assertIn(text, message)
        for pattern in [matches] if isinstance(matches, str) else matches:
            self.assertRegex(message, pattern)
        self.assertEqual(self.state(), before, "the failed call changed the database")
        self.assertEqual(self.db.in_transaction(), was_in_transaction, "the failed call changed the transaction state")
        return caught.exception
