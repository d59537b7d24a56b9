"""Shared helpers of the Alembic interoperability tests.

Every test drives the real Alembic (Debian's python3-alembic, run as a
subprocess of MIGRATE_PYTHON) on a throwaway project it creates, and drives
migrate through Python's sqlite3 module with the extension loaded from
MIGRATE_SQLITE_EXTENSION. Nothing here stores Alembic output ahead of time.
"""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import unittest

PYTHON = os.environ.get("MIGRATE_PYTHON") or sys.executable
EXTENSION = os.environ.get("MIGRATE_SQLITE_EXTENSION")


def require_environment():
    if not EXTENSION or not os.path.exists(EXTENSION):
        raise RuntimeError(
            "MIGRATE_SQLITE_EXTENSION must name the built migrate.so (run these tests through ctest)")
    probe = subprocess.run([PYTHON, "-c", "import alembic, sqlalchemy"], capture_output=True, text=True)
    if probe.returncode != 0:
        raise RuntimeError(f"{PYTHON} cannot import alembic and sqlalchemy "
                           f"(install python3-alembic python3-sqlalchemy):\n{probe.stderr}")


require_environment()


class AlembicError(AssertionError):
    pass


# --- Alembic --------------------------------------------------------------

# Alembic's ScriptDirectory as seen by Alembic itself: one dict per revision
# and the heads, printed as JSON.
_SCRIPT_DIRECTORY_DUMP = r"""
import json, os, sys
from alembic import util
from alembic.config import Config
from alembic.script import ScriptDirectory

script = ScriptDirectory.from_config(Config(sys.argv[1]))
revisions = []
for sc in script.walk_revisions():
    create_date = None
    for line in sc.longdoc.splitlines():
        if line.strip().lower().startswith("create date:"):
            create_date = line.split(":", 1)[1].strip()
    revisions.append({
        "revision": sc.revision,
        "down_revision": list(util.to_tuple(sc.down_revision, default=())),
        "branch_labels": list(util.to_tuple(getattr(sc.module, "branch_labels", None), default=())),
        "depends_on": list(util.to_tuple(sc.dependencies, default=())),
        "message": sc.doc,
        "create_date": create_date,
        "path": os.path.realpath(sc.path),
        "is_head": sc.is_head,
        "is_base": sc.is_base,
        "is_branch_point": sc.is_branch_point,
        "is_merge_point": sc.is_merge_point,
    })
print(json.dumps({"revisions": revisions, "heads": list(script.get_heads())}))
"""


class AlembicProject:
    """A project made by `alembic init`, using a SQLite file as its database.

    `version_locations` (a list of folders) and `version_table` adjust the
    generated alembic.ini and env.py the way a user would.
    """

    def __init__(self, root, name="alembic", database=None, version_locations=None, version_table=None):
        self.root = root
        self.database = database or os.path.join(root, "app.db")
        self.ini = os.path.join(root, f"{name}.ini")
        self.script_location = os.path.join(root, name)
        self.versions = os.path.join(self.script_location, "versions")
        self._run_raw(["init", self.script_location])
        with open(self.ini) as f:
            ini = f.read()
        ini = re.sub(r"(?m)^script_location = .*$", f"script_location = {self.script_location}", ini)
        ini = re.sub(r"(?m)^sqlalchemy\.url = .*$", f"sqlalchemy.url = sqlite:///{self.database}", ini)
        if version_locations is not None:
            # Alembic 1.8's generated ini has "version_path_separator = os  # ...",
            # which 1.8 itself fails to read once version_locations is set.
            ini = re.sub(r"(?m)^version_path_separator = .*$", "version_path_separator = os", ini)
            ini, found = re.subn(r"(?m)^# version_locations = .*$",
                                 "version_locations = " + os.pathsep.join(version_locations), ini)
            assert found == 1, "alembic.ini template changed; cannot set version_locations"
        with open(self.ini, "w") as f:
            f.write(ini)
        if version_table is not None:
            env_py = os.path.join(self.script_location, "env.py")
            with open(env_py) as f:
                env = f.read()
            changed = env.replace("target_metadata=target_metadata",
                                  f"target_metadata=target_metadata, version_table={version_table!r}")
            assert changed.count("version_table=") == 2, "env.py template changed; cannot set version_table"
            with open(env_py, "w") as f:
                f.write(changed)

    def _run_raw(self, args):
        cmd = [PYTHON, "-m", "alembic", "-c", self.ini] + list(args)
        proc = subprocess.run(cmd, cwd=self.root, capture_output=True, text=True)
        if proc.returncode != 0:
            raise AlembicError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

    def run(self, *args):
        """Runs an alembic command; returns its standard output."""
        return self._run_raw(args).stdout

    def steps(self, *args):
        """Runs an alembic command; returns the steps it logged, as
        'Running upgrade A -> B, message' lines (the logging config of
        the generated alembic.ini writes them to standard error)."""
        err = self._run_raw(args).stderr
        return [line.split("] ", 1)[1] for line in err.splitlines() if "] Running " in line]

    def revision(self, message, *options):
        """`alembic revision -m message options...`; returns (id, path) of the new file."""
        return self._generated(self.run("revision", "-m", message, *options), options)

    def merge(self, message, *revisions_and_options):
        """`alembic merge -m message ...`; returns (id, path) of the new file."""
        return self._generated(self.run("merge", "-m", message, *revisions_and_options), revisions_and_options)

    @staticmethod
    def _generated(out, options):
        m = re.search(r"Generating (.+\.py) \.\.\.\s+done", out)
        if not m:
            raise AlembicError(f"no 'Generating ... done' line in alembic's output:\n{out}")
        path = m.group(1)
        if "--rev-id" in options:
            return options[options.index("--rev-id") + 1], path
        # the default file_template, %(rev)s_%(slug)s, starts the name with the id
        return os.path.basename(path).split("_", 1)[0], path

    @staticmethod
    def _ids(out):
        """The revision ids of `alembic current` / `heads` output: each line
        starts with one, followed by markers such as (head)."""
        return sorted(line.split()[0] for line in out.splitlines() if line.strip())

    def current(self):
        return self._ids(self.run("current"))

    def heads(self):
        return self._ids(self.run("heads"))

    def script_directory(self):
        """{revision id: attributes} and the heads, as Alembic's ScriptDirectory reports them."""
        proc = subprocess.run([PYTHON, "-c", _SCRIPT_DIRECTORY_DUMP, self.ini], cwd=self.root,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise AlembicError(f"reading the ScriptDirectory failed:\n{proc.stderr}")
        data = json.loads(proc.stdout)
        return {r["revision"]: r for r in data["revisions"]}, sorted(data["heads"])


def set_body(path, upgrade, downgrade="pass"):
    """Replaces the `pass` bodies of a file Alembic generated with code."""
    with open(path) as f:
        text = f.read()
    new = text
    for name, body in (("upgrade", upgrade), ("downgrade", downgrade)):
        new, n = re.subn(rf"(def {name}\(\)( -> None)?:\n)    pass\n",
                         lambda m, body=body: m.group(1) + textwrap.indent(textwrap.dedent(body).strip(), "    ") + "\n",
                         new, count=1)
        assert n == 1, f"no 'def {name}(): pass' in {path}"
    with open(path, "w") as f:
        f.write(new)


# --- revisions written as data: a .sql file and its Alembic .py twin --------

def _comma(items):
    return ", ".join(items)


def write_sql_revision(folder, rev, down=(), message="", upgrade="", downgrade="", branch_labels=(),
                       depends_on=(), filename=None):
    slug = re.sub(r"\W+", "_", message).strip("_").lower()
    path = os.path.join(folder, filename or f"{rev}_{slug}.sql")
    with open(path, "w") as f:
        f.write(f"-- {message}\n--\n-- Revision ID: {rev}\n-- Revises: {_comma(down)}\n"
                f"-- Create Date: 2026-01-02 03:04:05.000000\n"
                f"-- Branch Labels: {_comma(branch_labels)}\n-- Depends On: {_comma(depends_on)}\n\n"
                f"-- migrate:upgrade\n{upgrade}\n\n-- migrate:downgrade\n{downgrade}\n")
    return path


def _py_value(items):
    items = tuple(items)
    if not items:
        return "None"
    return repr(items[0]) if len(items) == 1 else repr(items)


def _op_calls(sql):
    statements = [s.strip() for s in sql.split(";") if s.strip()]
    return "\n".join(f"    op.execute({s!r})" for s in statements) or "    pass"


def write_py_twin(folder, rev, down=(), message="", upgrade="", downgrade="", branch_labels=(), depends_on=()):
    """The Alembic revision equivalent to write_sql_revision's file: same ids,
    same graph, and bodies that run the same SQL through op.execute."""
    path = os.path.join(folder, f"{rev}_twin.py")
    with open(path, "w") as f:
        f.write(f'"""{message}\n\nRevision ID: {rev}\nRevises: {_comma(down)}\n'
                f'Create Date: 2026-01-02 03:04:05.000000\n\n"""\nfrom alembic import op\n\n'
                f"revision = {rev!r}\ndown_revision = {_py_value(down)}\n"
                f"branch_labels = {_py_value(branch_labels)}\ndepends_on = {_py_value(depends_on)}\n\n\n"
                f"def upgrade():\n{_op_calls(upgrade)}\n\n\ndef downgrade():\n{_op_calls(downgrade)}\n")
    return path


def write_pair(sql_folder, twin_folder, rev, **kwargs):
    return write_sql_revision(sql_folder, rev, **kwargs), write_py_twin(twin_folder, rev, **kwargs)


# --- migrate ----------------------------------------------------------------

class Migrate:
    """A connection to a SQLite file with migrate loaded, pointed at a script location."""

    def __init__(self, database, script_location):
        self.conn = sqlite3.connect(database, isolation_level=None)
        self.conn.enable_load_extension(True)
        self.conn.load_extension(EXTENSION)
        self.conn.enable_load_extension(False)
        self.call("migrate_config", "script_location", script_location)

    def close(self):
        self.conn.close()

    def call(self, function, *args):
        placeholders = ", ".join("?" for _ in args)
        return self.conn.execute(f"SELECT {function}({placeholders})", args).fetchone()[0]

    def upgrade(self, target="heads"):
        return self.call("migrate_upgrade", target)

    def current(self):
        value = self.call("migrate_current")
        return None if value is None else value.split(",")

    def heads(self):
        value = self.call("migrate_heads")
        return value.split(",") if value else []

    def versions(self):
        cur = self.conn.execute("SELECT * FROM migrate_versions")
        names = [d[0] for d in cur.description]
        return {row[0]: dict(zip(names, row)) for row in cur}

    def version_table(self, name="alembic_version"):
        return sorted(r[0] for r in self.conn.execute(f'SELECT version_num FROM "{name}"'))

    def tables(self):
        return sorted(r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))


def version_rows(database, table="alembic_version"):
    """The version table of a database, read without migrate."""
    conn = sqlite3.connect(database)
    try:
        return sorted(r[0] for r in conn.execute(f'SELECT version_num FROM "{table}"'))
    finally:
        conn.close()


def split_list(value):
    return value.split(",") if value else []


class TempDirTestCase(unittest.TestCase):
    """A fresh temporary folder per test (kept when MIGRATE_KEEP_TMP is set)."""

    def setUp(self):
        self.tmp = os.path.realpath(tempfile.mkdtemp(prefix="migrate-alembic-"))
        if not os.environ.get("MIGRATE_KEEP_TMP"):
            self.addCleanup(shutil.rmtree, self.tmp, True)

    def migrate(self, database, script_location):
        m = Migrate(database, script_location)
        self.addCleanup(m.close)
        return m

    def folder(self, *parts):
        path = os.path.join(self.tmp, *parts)
        os.makedirs(path, exist_ok=True)
        return path
