"""Shared helpers of the authoring tests (issue 4: offline SQL, revision
writing, and agreement with Alembic).

migrate runs through Python's sqlite3 module with the extension named by
MIGRATE_SQLITE_EXTENSION; Alembic is the real one (Debian's python3-alembic),
run as `MIGRATE_PYTHON -m alembic -c <ini> ...` in a subprocess on a project
made by `alembic init`. Nothing here stores Alembic output ahead of time.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

PYTHON = os.environ.get("MIGRATE_PYTHON", "/usr/bin/python3")
EXTENSION = os.environ.get("MIGRATE_SQLITE_EXTENSION")
SQLITE3_SHELL = os.environ.get("SQLITE3_SHELL") or shutil.which("sqlite3")
CREATE_DATE = "2026-01-02 03:04:05.000000"

if not EXTENSION or not os.path.exists(EXTENSION):
    raise RuntimeError("MIGRATE_SQLITE_EXTENSION must name the built migrate.so (run these tests through ctest)")


# --- revisions -----------------------------------------------------------------

def as_list(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


class Rev:
    """One revision of a test graph, written as a native .sql file for
    migrate and as an equivalent Alembic .py file (same ids, same graph,
    the same SQL through op.execute). By default its upgrade creates table
    t_<id> and its downgrade drops it, so the schema shows which steps ran."""

    def __init__(self, id, down=None, labels=None, depends=None, message=None, upgrade=None, downgrade=None):
        self.id = id
        self.down = as_list(down)
        self.labels = as_list(labels)
        self.depends = as_list(depends)
        self.message = message if message is not None else "step %s" % id
        self.upgrade = [f"CREATE TABLE t_{id} (id INTEGER PRIMARY KEY)"] if upgrade is None else as_statements(upgrade)
        self.downgrade = [f"DROP TABLE t_{id}"] if downgrade is None else as_statements(downgrade)

    @property
    def stem(self):
        return f"{self.id}_" + re.sub(r"\W+", "_", self.message).strip("_").lower()

    def sql_text(self):
        def section(statements):
            return "".join(s + ";\n" for s in statements)

        return (f"-- {self.message}\n--\n-- Revision ID: {self.id}\n-- Revises: {', '.join(self.down)}\n"
                f"-- Create Date: {CREATE_DATE}\n-- Branch Labels: {', '.join(self.labels)}\n"
                f"-- Depends On: {', '.join(self.depends)}\n\n"
                f"-- migrate:upgrade\n{section(self.upgrade)}\n-- migrate:downgrade\n{section(self.downgrade)}")

    def py_text(self):
        def literal(items):
            if not items:
                return "None"
            return repr(items[0]) if len(items) == 1 else repr(tuple(items))

        def body(statements):
            return "".join(f"    op.execute({s!r})\n" for s in statements) or "    pass\n"

        return (f'"""{self.message}\n\nRevision ID: {self.id}\nRevises: {", ".join(self.down)}\n'
                f'Create Date: {CREATE_DATE}\n\n"""\nfrom alembic import op\n\n'
                f"revision = {self.id!r}\ndown_revision = {literal(self.down)}\n"
                f"branch_labels = {literal(self.labels)}\ndepends_on = {literal(self.depends)}\n\n\n"
                f"def upgrade():\n{body(self.upgrade)}\n\ndef downgrade():\n{body(self.downgrade)}")


def as_statements(sql):
    if isinstance(sql, str):
        return [s.strip() for s in sql.split(";") if s.strip()]
    return list(sql)


def write_file(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_sql_revisions(versions, revisions):
    os.makedirs(versions, exist_ok=True)
    for r in revisions:
        write_file(os.path.join(versions, r.stem + ".sql"), r.sql_text())


def write_py_revisions(versions, revisions):
    os.makedirs(versions, exist_ok=True)
    for r in revisions:
        write_file(os.path.join(versions, r.stem + ".py"), r.py_text())


# --- the database, as a test compares it ------------------------------------------

def quoted(name):
    return '"' + name.replace('"', '""') + '"'


def database_state(path, version_table="alembic_version"):
    """(version rows or None without the table, {name: sql} of the other
    schema objects) of a SQLite file, read by a plain connection."""
    conn = sqlite3.connect(path)
    try:
        objects = {(kind, name): sql for kind, name, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
        rows = None
        if ("table", version_table) in objects:
            del objects[("table", version_table)]
            objects.pop(("index", f"sqlite_autoindex_{version_table}_1"), None)
            rows = sorted(r[0] for r in conn.execute(f"SELECT version_num FROM {quoted(version_table)}"))
        return rows, objects
    finally:
        conn.close()


def split_log(state, version_table="alembic_version"):
    """(a database_state less migrate's audit log, the log's SQL or None):
    Alembic never writes the log, so a state compared with Alembic's leaves
    it out."""
    rows, objects = state
    objects = dict(objects)
    log_sql = objects.pop(("table", version_table + "_log"), None)
    return (rows, objects), log_sql


def version_table_columns(path, version_table="alembic_version"):
    """The version table's columns as (name, type, notnull, pk)."""
    conn = sqlite3.connect(path)
    try:
        return [(r[1], r[2], r[3], r[5]) for r in conn.execute(f"PRAGMA table_info({quoted(version_table)})")]
    finally:
        conn.close()


def run_sqlite3_shell(path, script):
    """Runs `script` with the sqlite3 command-line shell, stopping at the
    first error; returns (return code, standard error)."""
    proc = subprocess.run([SQLITE3_SHELL, "-bail", path], input=script, capture_output=True, text=True)
    return proc.returncode, proc.stderr


# --- migrate -------------------------------------------------------------------------

class MigrateError(Exception):
    pass


class Migrate:
    """A connection (autocommit) to a SQLite file with migrate loaded."""

    def __init__(self, database, script_location, settings=None):
        self.conn = sqlite3.connect(database, isolation_level=None)
        self.conn.enable_load_extension(True)
        self.conn.load_extension(EXTENSION)
        self.conn.enable_load_extension(False)
        self.call("migrate_config", "script_location", script_location)
        for key, value in (settings or {}).items():
            self.call("migrate_config", key, value)

    def close(self):
        self.conn.close()

    def call(self, function, *args):
        placeholders = ", ".join("?" for _ in args)
        try:
            return self.conn.execute(f"SELECT {function}({placeholders})", args).fetchone()[0]
        except sqlite3.Error as e:
            raise MigrateError(str(e)) from None

    def steps(self, command, target):
        """Runs migrate_<command>(target); returns its log lines."""
        text = self.call("migrate_" + command, target)
        return text.splitlines() if text else []

    def current(self):
        value = self.call("migrate_current")
        return [] if value is None else value.split(",")

    def heads(self):
        value = self.call("migrate_heads")
        return value.split(",") if value else []


# --- Alembic ---------------------------------------------------------------------------

class AlembicError(Exception):
    def __init__(self, message, output):
        super().__init__(message)
        self.message = message
        self.output = output


class AlembicProject:
    """A project made by `alembic init` under `root`, its database a SQLite
    file. Commands run as `MIGRATE_PYTHON -m alembic -c <ini> ...`."""

    def __init__(self, root, database, ini_settings=None):
        self.root = root
        self.database = database
        self.script_location = os.path.join(root, "alembic")
        self.versions = os.path.join(self.script_location, "versions")
        self.ini = os.path.join(root, "alembic.ini")
        proc = subprocess.run([PYTHON, "-m", "alembic", "init", self.script_location], cwd=root,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"alembic init failed:\n{proc.stdout}\n{proc.stderr}")
        with open(self.ini) as f:
            ini = f.read()
        ini = re.sub(r"(?m)^script_location = .*$", lambda m: f"script_location = {self.script_location}", ini)
        ini = re.sub(r"(?m)^sqlalchemy\.url = .*$", lambda m: f"sqlalchemy.url = sqlite:///{database}", ini)
        for key, value in (ini_settings or {}).items():
            # the generated ini has these settings commented out
            ini, n = re.subn(rf"(?m)^# {key} = .*$", lambda m: f"{key} = {value}".replace("%", "%%"), ini)
            assert n == 1, f"alembic.ini template has no '# {key} =' line"
        write_file(self.ini, ini)

    def run(self, *args):
        """Runs one command; returns (its log lines of the form 'Running
        upgrade a -> b, message', standard output). Raises AlembicError with
        the FAILED message."""
        proc = subprocess.run([PYTHON, "-m", "alembic", "-c", self.ini, *args], cwd=self.root,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            m = re.search(r"(?s)FAILED: (.*)", proc.stdout)  # Alembic's util.err prints it there
            if not m:
                raise RuntimeError(f"alembic {' '.join(args)} crashed:\n{proc.stdout}\n{proc.stderr}")
            raise AlembicError(" ".join(m.group(1).split()), proc.stdout + proc.stderr)
        steps = [line.split("] ", 1)[1] for line in proc.stderr.splitlines() if "] Running " in line]
        return steps, proc.stdout

    def generated(self, *args):
        """Runs `revision` or `merge`; returns the path of the file written."""
        _, out = self.run(*args)
        m = re.search(r"Generating (.+?) \.\.\.\s+done", out)
        if not m:
            raise RuntimeError(f"no 'Generating ... done' in alembic's output:\n{out}")
        return m.group(1)


def python_header(path):
    """The header assignments of an Alembic revision file, evaluated the way
    Alembic reads them (the module's globals)."""
    with open(path) as f:
        source = f.read()
    namespace = {}
    header = "\n".join(line for line in source.splitlines()
                       if re.match(r"(revision|down_revision|branch_labels|depends_on)\b", line))
    exec(header, {}, namespace)

    def listed(value):
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)

    return {"revision": namespace["revision"], "down_revision": listed(namespace["down_revision"]),
            "branch_labels": listed(namespace["branch_labels"]), "depends_on": listed(namespace["depends_on"])}


def sql_header(path):
    """The header of a native revision file: {key (lower case): value} and
    the message (the first line that is not `Key: value`)."""
    fields, message = {}, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("--"):
                break
            text = line[2:].strip()
            m = re.match(r"([A-Za-z][A-Za-z ]*):\s*(.*)$", text)
            if m:
                fields[m.group(1).lower()] = m.group(2).strip()
            elif message is None:
                message = text
    return fields, message


# --- test cases ------------------------------------------------------------------------

class TempDirTestCase(unittest.TestCase):
    """A fresh temporary folder per test (kept when MIGRATE_KEEP_TMP is set)."""

    maxDiff = None

    def setUp(self):
        self.tmp = os.path.realpath(tempfile.mkdtemp(prefix="migrate-authoring-"))
        if not os.environ.get("MIGRATE_KEEP_TMP"):
            self.addCleanup(shutil.rmtree, self.tmp, True)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def migrate(self, database, script_location, settings=None):
        m = Migrate(database, script_location, settings)
        self.addCleanup(m.close)
        return m

    def migrate_project(self, revisions, name="migrations"):
        """A script location holding `revisions` as .sql files."""
        root = self.path(name)
        write_sql_revisions(os.path.join(root, "versions"), revisions)
        return root
