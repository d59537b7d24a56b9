"""Shared helpers of the command-line tests: build/bin/migrate and the real
Alembic 1.8.1 (Debian's python3-alembic) run as processes on equivalent
projects (the same revision graph as .sql files for migrate and as .py files
for Alembic, written by tests/authoring/support.py's Rev), on SQLite or on the
PostgreSQL test cluster (MIGRATE_TEST_ENGINE)."""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))               # pg_cluster
sys.path.insert(0, os.path.join(HERE, "..", "authoring"))  # support (Rev), graphs

import pg_cluster  # noqa: E402
from support import Rev, write_file, write_py_revisions, write_sql_revisions  # noqa: E402,F401

PYTHON = os.environ.get("MIGRATE_PYTHON", "/usr/bin/python3")
MIGRATE = os.environ.get("MIGRATE_CLI")
ENGINE = os.environ.get("MIGRATE_TEST_ENGINE", "sqlite")
if not MIGRATE or not os.path.exists(MIGRATE):
    raise RuntimeError("MIGRATE_CLI must name build/bin/migrate (run these tests through ctest)")

FAILED = 255


class Result:
    """One finished command: exit status, stdout and stderr lines, the
    `Running ...` log lines and the FAILED message (or None)."""

    def __init__(self, proc):
        self.status = proc.returncode
        self.stdout = proc.stdout
        self.stderr = proc.stderr
        self.out = proc.stdout.splitlines()
        self.running = [line.split("] ", 1)[1] for line in proc.stderr.splitlines()
                        if line.startswith("INFO ") and "] Running " in line]
        self.failed = None
        for stream in (proc.stdout, proc.stderr):  # Alembic prints it on stdout, migrate on stderr
            m = re.search(r"(?ms)^FAILED: (.*)", stream)
            if m:
                self.failed = " ".join(m.group(1).split())

    def __repr__(self):
        return f"Result(status={self.status}, stdout={self.stdout!r}, stderr={self.stderr!r})"


def run(argv, cwd, env=None, input=None):
    full_env = dict(os.environ)
    full_env.pop("DATABASE_URL", None)
    full_env.update(env or {})
    proc = subprocess.run(argv, cwd=cwd, env=full_env, capture_output=True, text=True, input=input, timeout=300)
    return Result(proc)


# --- databases -----------------------------------------------------------------------

class SqliteDatabases:
    name = "sqlite"

    def __init__(self, tmp):
        self.tmp = tmp
        self.count = 0

    def new(self):
        self.count += 1
        return f"sqlite:///{os.path.join(self.tmp, f'db{self.count}.db')}"

    def state(self, url, version_table="alembic_version"):
        """(version rows or None without the table, sorted table names but the
        version table, its audit log and SQLite's own)."""
        path = url[len("sqlite:///"):]
        conn = sqlite3.connect(path)
        try:
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                 "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            rows = None
            if version_table in tables:
                rows = sorted(r[0] for r in conn.execute(f'SELECT version_num FROM "{version_table}"'))
            return rows, [t for t in tables if t not in (version_table, version_table + "_log", version_table + "_scripts")]
        finally:
            conn.close()

    def execute(self, url, sql):
        conn = sqlite3.connect(url[len("sqlite:///"):], isolation_level=None)
        try:
            conn.executescript(sql)
        finally:
            conn.close()

    def cleanup(self):
        pass


class PostgresDatabases:
    name = "postgresql"

    def __init__(self, tmp):
        self.created = []
        self.settings = pg_cluster.connection_settings()

    def url_of(self, dbname, user=None, password=None):
        s = self.settings
        auth = user or s["user"]
        if password:
            auth += ":" + password
        return f"postgresql://{auth}@{s['host']}:{s['port']}/{dbname}" if not s["host"].startswith("/") else \
            f"postgresql://{auth}@/{dbname}?host={s['host']}&port={s['port']}"

    def new(self):
        dbname = pg_cluster.create_database("migrate_cli_")
        self.created.append(dbname)
        return self.url_of(dbname)

    def dbname(self, url):
        return re.search(r"/([^/?]+)(\?|$)", url.split("@", 1)[1]).group(1)

    def connect(self, url):
        return pg_cluster.connect(self.dbname(url))

    def state(self, url, version_table="alembic_version"):
        conn = self.connect(url)
        try:
            cur = conn.cursor()
            cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                        "AND table_type = 'BASE TABLE' "
                        "ORDER BY table_name")
            tables = [r[0] for r in cur.fetchall()]
            rows = None
            if version_table in tables:
                cur.execute(f'SELECT version_num FROM public."{version_table}"')
                rows = sorted(r[0] for r in cur.fetchall())
            return rows, [t for t in tables if t not in (version_table, version_table + "_log", version_table + "_scripts")]
        finally:
            conn.close()

    def execute(self, url, sql):
        conn = self.connect(url)
        try:
            conn.cursor().execute(sql)
        finally:
            conn.close()

    def cleanup(self):
        for dbname in self.created:
            pg_cluster.drop_database(dbname)


def databases(tmp):
    return PostgresDatabases(tmp) if ENGINE == "postgresql" else SqliteDatabases(tmp)


# --- projects ------------------------------------------------------------------------

class MigrateProject:
    """A folder with migrate.ini ([migrate]: script_location, sqlalchemy.url)
    and migrations/versions/*.sql."""

    def __init__(self, root, url, revisions, extra_ini=""):
        self.root = root
        self.url = url
        os.makedirs(root, exist_ok=True)
        self.versions = os.path.join(root, "migrations", "versions")
        write_sql_revisions(self.versions, revisions)
        write_file(os.path.join(root, "migrate.ini"),
                   f"[migrate]\nscript_location = migrations\nsqlalchemy.url = {url}\n{extra_ini}")

    def run(self, *args, env=None):
        return run([MIGRATE, *args], self.root, env)


class AlembicProject:
    """`alembic init` in a folder, its versions/ holding the graph as .py
    files, sqlalchemy.url set."""

    def __init__(self, root, url, revisions):
        self.root = root
        self.url = url
        os.makedirs(root, exist_ok=True)
        proc = subprocess.run([PYTHON, "-m", "alembic", "init", "alembic"], cwd=root, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"alembic init failed:\n{proc.stdout}\n{proc.stderr}")
        ini_path = os.path.join(root, "alembic.ini")
        with open(ini_path) as f:
            ini = f.read()
        ini = re.sub(r"(?m)^sqlalchemy\.url = .*$", lambda m: "sqlalchemy.url = " + url.replace("%", "%%"), ini)
        write_file(ini_path, ini)
        self.versions = os.path.join(root, "alembic", "versions")
        write_py_revisions(self.versions, revisions)

    def run(self, *args, env=None):
        return run([PYTHON, "-m", "alembic", *args], self.root, env)


class CliTestCase(unittest.TestCase):
    maxDiff = None

    def setUp(self):
        self.tmp = os.path.realpath(tempfile.mkdtemp(prefix="migrate-cli-"))
        os.chmod(self.tmp, 0o755)  # the PostgreSQL server (another user) reads the scripts of in-database calls
        if not os.environ.get("MIGRATE_KEEP_TMP"):
            self.addCleanup(shutil.rmtree, self.tmp, True)
        self.dbs = databases(self.tmp)
        self.addCleanup(self.dbs.cleanup)

    def path(self, *parts):
        return os.path.join(self.tmp, *parts)

    def migrate_project(self, revisions, name="m", url=None, extra_ini=""):
        return MigrateProject(self.path(name), url or self.dbs.new(), revisions, extra_ini)

    def alembic_project(self, revisions, name="a"):
        return AlembicProject(self.path(name), self.dbs.new(), revisions)
