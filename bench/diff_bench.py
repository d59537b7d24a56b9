#!/usr/bin/python3
"""Schema-diff benchmark: migrate against Alembic's autogenerate on the same
schemas.

Schema A has 500 tables of 5 to 10 columns, each with 2 indexes and a
foreign key; schema B is A with 50 changes (columns added, dropped, retyped,
made NOT NULL; indexes added and dropped; tables added and dropped). The
database holds A. Two races, medians of --runs runs each:

  diff     migrate_diff() (B's SQL loaded into a scratch space, both
           catalogs read, compared, DDL rendered) against Alembic building
           B's models and running alembic.autogenerate.compare_metadata
           (reflection and comparison);
  command  what a user runs: the engine's shell (sqlite3, psql) calling
           migrate_revision('bench', true) against
           `alembic revision --autogenerate` with B's models in env.py;
           both write a revision file.

Both tools must find the changes, and migrate's upgrade, applied to a copy,
must leave nothing to diff. Times are CPU time (user + system), so that
other work on the machine does not skew the ratio: all the work is
single-threaded. On SQLite that is the process's own (the child's for
commands); on PostgreSQL the diff race adds the server backend's CPU time
(/proc/<pid>/stat, in clock ticks) to the client's, on both sides, and the
command race, whose work is split between psql, a backend and Alembic's
Python, is timed by the wall clock. Targets: migrate_diff under 1 s, and at
least 10 times faster than Alembic in both races.

The diff race also times B's SQL run directly, without migrate, into what
migrate_diff loads it into (SQLite: a new in-memory database; PostgreSQL: a
new schema in a transaction rolled back): the floor of any diff that, as
docs/reference.md section 8 requires, has the engine run the target schema. Alembic's time
over the floor is the most such a diff can gain on Alembic; on PostgreSQL,
where creating B's 3,000 relation files dominates, it is below 10.

Last, the largest real schema of tests/diff/real/<engine>/ (danbooru's
structure.sql on PostgreSQL, sakila on SQLite): migrate_diff() of a database
built from it against itself, over that schema run directly in an empty
database; target 1.5x.

Run with Debian's /usr/bin/python3 (it has python3-alembic, python3-sqlalchemy
and python3-psycopg2), from the repository root:
    /usr/bin/python3 bench/diff_bench.py [--ext build/migrate.so] [--runs 5]
    /usr/bin/python3 bench/diff_bench.py --engine postgresql [--runs 5]

Engines: ENGINES maps --engine to a class that loads A into a fresh
database, runs migrate's functions with B as the target schema, runs a
statement through the engine's shell, and gives Alembic an SQLAlchemy URL to
the same database; the schemas, the races and the report are shared.
PostgreSQL needs the extension installed (make -f Makefile.pgxs install, as
root) and uses the cluster of PGHOST/PGPORT (or of MIGRATE_PG_STATE, the state
file tests/pg/cluster.sh writes), else starts a throwaway one with
tests/pg/cluster.sh and stops it at the end.
"""
import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import warnings

from cluster import stop_cluster, use_cluster

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3"  # Debian's, with alembic; not the pyenv one on PATH
SQLITE3 = shutil.which("sqlite3") or "/usr/bin/sqlite3"

TABLES = 500
SECONDS_TARGET = 1.0
SPEEDUP_TARGET = 10.0
EXTRA_TYPES = ["INTEGER", "TEXT", "REAL", "VARCHAR(100)", "NUMERIC(10, 2)", "BOOLEAN", "TIMESTAMP"]

# ---- the schemas -------------------------------------------------------------


def table_name(i):
    return f"t_{i:03d}"


def schema_a():
    """{table: {"columns": [(name, type, nullable, references)], "indexes": {name: [columns]}}}"""
    tables = {}
    for i in range(TABLES):
        extra = 2 + i % 6  # 5 to 10 columns with id, name and parent_id
        columns = [("id", "INTEGER", False, None), ("name", "VARCHAR(50)", False, None),
                   ("parent_id", "INTEGER", True, table_name(i // 2))]
        columns += [(f"c{k}", EXTRA_TYPES[(i + k) % len(EXTRA_TYPES)], True, None) for k in range(extra)]
        tables[table_name(i)] = {
            "columns": columns,
            "indexes": {f"ix_{table_name(i)}_name": ["name"], f"ix_{table_name(i)}_parent": ["parent_id"]},
        }
    return tables


def schema_b(a):
    """A with 50 changes, each on a table of its own; returns (B, the changes)."""
    b = {t: {"columns": list(v["columns"]), "indexes": dict(v["indexes"])} for t, v in a.items()}
    changes = []
    picks = iter(range(3, TABLES // 2, 4))  # tables 250+ are nobody's parent: those are dropped

    def pick():
        return table_name(next(picks))

    for _ in range(10):
        t = pick()
        b[t]["columns"].append(("added", "TEXT", True, None))
        changes.append(("add_column", t, "added"))
    for _ in range(10):
        t = pick()
        cols = b[t]["columns"]
        name, typ, nullable, ref = cols[3]
        cols[3] = (name, "TEXT" if typ != "TEXT" else "INTEGER", nullable, ref)
        changes.append(("modify_type", t, name))
    for _ in range(5):
        t = pick()
        name = b[t]["columns"].pop()[0]
        changes.append(("remove_column", t, name))
    for _ in range(5):
        t = pick()
        cols = b[t]["columns"]
        name, typ, _, ref = cols[3]
        cols[3] = (name, typ, False, ref)
        changes.append(("modify_nullable", t, name))
    for _ in range(5):
        t = pick()
        b[t]["indexes"][f"ix_{t}_c0"] = ["c0"]
        changes.append(("add_index", t, f"ix_{t}_c0"))
    for _ in range(5):
        t = pick()
        del b[t]["indexes"][f"ix_{t}_name"]
        changes.append(("remove_index", t, f"ix_{t}_name"))
    for k in range(5):
        t = f"new_{k}"
        b[t] = {"columns": [("id", "INTEGER", False, None), ("name", "VARCHAR(50)", False, None),
                            ("parent_id", "INTEGER", True, table_name(k)), ("c0", "TEXT", True, None),
                            ("c1", "REAL", True, None)],
                "indexes": {f"ix_{t}_name": ["name"], f"ix_{t}_parent": ["parent_id"]}}
        changes.append(("add_table", t))
    for k in range(5):
        t = table_name(TABLES - 1 - k)
        del b[t]
        changes.append(("remove_table", t))
    return b, changes


def render_sql(tables):
    out = []
    for t, spec in tables.items():
        defs = []
        for name, typ, nullable, ref in spec["columns"]:
            d = f"{name} {typ}" + ("" if nullable or name == "id" else " NOT NULL")
            if name == "id":
                d += " PRIMARY KEY"
            if ref:
                d += f" REFERENCES {ref} (id)"
            defs.append(d)
        out.append(f"CREATE TABLE {t} (\n    " + ",\n    ".join(defs) + "\n);")
        out += [f"CREATE INDEX {ix} ON {t} ({', '.join(cols)});" for ix, cols in spec["indexes"].items()]
    return "\n".join(out) + "\n"


SA_TYPES = {"INTEGER": "sa.Integer()", "TEXT": "sa.Text()", "REAL": "sa.REAL()", "VARCHAR(100)": "sa.String(100)",
            "VARCHAR(50)": "sa.String(50)", "NUMERIC(10, 2)": "sa.Numeric(10, 2)", "BOOLEAN": "sa.Boolean()",
            "TIMESTAMP": "sa.TIMESTAMP()"}


def models_source(tables, pk_nullable):
    """B as an application declares it: a models module of SQLAlchemy
    Tables, defining `metadata`. `pk_nullable`: how the engine reports the
    id primary key (SQLite: nullable)."""
    out = ["import sqlalchemy as sa", "", "metadata = sa.MetaData()", ""]
    for t, spec in tables.items():
        out.append(f"{t} = sa.Table(")
        out.append(f"    {t!r}, metadata,")
        for name, typ, nullable, ref in spec["columns"]:
            fk = f", sa.ForeignKey({ref + '.id'!r})" if ref else ""
            out.append(f"    sa.Column({name!r}, {SA_TYPES[typ]}{fk}, primary_key={name == 'id'}, "
                       f"nullable={nullable or (name == 'id' and pk_nullable)}),")
        out.append(")")
        out += [f"sa.Index({ix!r}, " + ", ".join(f"{t}.c.{c}" for c in cols) + ")"
                for ix, cols in spec["indexes"].items()]
    return "\n".join(out) + "\n"


def import_models(source):
    namespace = {}
    exec(compile(source, "models.py", "exec"), namespace)
    return namespace["metadata"]


# ---- engines -----------------------------------------------------------------


class SQLiteBench:
    name = "SQLite"
    pk_nullable = True  # SQLite reports INTEGER PRIMARY KEY as nullable
    shell_name = "sqlite3"
    command_clock = "CPU time"

    def __init__(self, ext, workdir, db="a.db"):
        self.ext = ext
        self.workdir = workdir
        self.db = os.path.join(workdir, db)

    def connect(self):
        conn = sqlite3.connect(self.db, isolation_level=None)
        conn.enable_load_extension(True)
        conn.load_extension(self.ext)
        return conn

    def load(self, sql):
        conn = sqlite3.connect(self.db)
        conn.executescript(sql)
        conn.close()

    def migrate(self, target, function):
        """Runs migrate_<function>() against `target`; returns (seconds, its
        value or error text)."""
        conn = self.connect()
        try:
            conn.execute("SELECT migrate_config('target_schema', ?)", (target,))
            start = time.process_time()
            try:
                result = conn.execute(f"SELECT migrate_{function}()").fetchone()[0]
            except sqlite3.Error as e:
                result = str(e)
            return time.process_time() - start, result
        finally:
            conn.close()

    def load_directly(self, sql):
        """B's SQL run without migrate into what migrate_diff loads it into,
        a private in-memory database; returns its CPU time."""
        start = time.process_time()
        conn = sqlite3.connect(":memory:")
        conn.executescript(sql)
        conn.close()
        return time.process_time() - start

    run_in_empty = load_directly  # a new in-memory database is empty

    def fresh(self, name):
        return SQLiteBench(self.ext, self.workdir, name)

    def shell(self, location, target, sql):
        """The sqlite3 shell running `sql` with migrate loaded."""
        return [SQLITE3, self.db, "-cmd", f".load {self.ext}",
                f"SELECT migrate_config('script_location', '{location}');",
                f"SELECT migrate_config('target_schema', '{target}');", sql]

    def copy(self, name):
        other = SQLiteBench(self.ext, self.workdir, name)
        shutil.copyfile(self.db, other.db)
        return other

    def run_script(self, sql):
        conn = sqlite3.connect(self.db, isolation_level=None)
        conn.executescript("BEGIN;\n" + sql + "\nCOMMIT;")
        conn.close()

    def alembic_url(self):
        return "sqlite:///" + self.db

    def backend_cpu(self, conn):
        return 0.0  # in process

    def timed_command(self, argv, versions, cwd):
        return timed_command(argv, versions, cwd)

    def close(self):
        pass


def backend_cpu_seconds(pid):
    """User + system CPU time of a server process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class PostgreSQLBench:
    """A database of the cluster per copy; the server reads the B file and
    writes revision files, so the work folder is opened to it."""

    name = "PostgreSQL"
    pk_nullable = False
    shell_name = "psql"
    command_clock = "wall clock"

    def __init__(self, ext, workdir, db="bench_a", cluster=None):
        import psycopg2

        self.psycopg2 = psycopg2
        self.workdir = workdir
        self.db = db
        os.chmod(workdir, 0o777)
        self.cluster = cluster if cluster is not None else {"started": use_cluster(workdir)}
        self.psql = os.path.join(os.environ.get("MIGRATE_PG_BINDIR", "/usr/lib/postgresql/15/bin"), "psql")

    def _admin(self, sql):
        conn = self.psycopg2.connect(dbname="postgres")
        conn.autocommit = True
        try:
            conn.cursor().execute(sql)
        finally:
            conn.close()

    def connect(self):
        conn = self.psycopg2.connect(dbname=self.db)
        conn.autocommit = True
        return conn

    def load(self, sql):
        self._admin(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{self.db}"')
        conn = self.connect()
        try:
            conn.cursor().execute("CREATE EXTENSION migrate;\n" + sql)
        finally:
            conn.close()

    def backend_cpu(self, conn):
        with conn.cursor() as cur:
            cur.execute("SELECT pg_backend_pid()")
            return backend_cpu_seconds(cur.fetchone()[0])

    def migrate(self, target, function):
        conn = self.connect()
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT migrate_config('target_schema', %s)", (target,))
                start = time.process_time() + self.backend_cpu(conn)
                try:
                    cur.execute(f"SELECT migrate_{function}()")
                    result = cur.fetchone()[0]
                except self.psycopg2.Error as e:
                    result = e.diag.message_primary
                return time.process_time() + self.backend_cpu(conn) - start, result
        finally:
            conn.close()

    def load_directly(self, sql):
        """B's SQL run without migrate the way migrate_diff loads it: into a
        new schema first on the search_path, in a transaction rolled back;
        returns the CPU time of the client and the backend."""
        conn = self.psycopg2.connect(dbname=self.db)
        try:
            start = time.process_time() + self.backend_cpu(conn)
            with conn.cursor() as cur:
                cur.execute("CREATE SCHEMA bench_floor; SET LOCAL search_path = bench_floor, public;\n" + sql)
            conn.rollback()
            return time.process_time() + self.backend_cpu(conn) - start
        finally:
            conn.close()

    def fresh(self, name):
        return PostgreSQLBench(None, self.workdir, name, self.cluster)

    def run_in_empty(self, sql):
        """`sql` run in a new empty database, in a transaction rolled back;
        returns the CPU time of the client and the backend."""
        self._admin('DROP DATABASE IF EXISTS "bench_empty" WITH (FORCE)')
        self._admin('CREATE DATABASE "bench_empty"')
        conn = self.psycopg2.connect(dbname="bench_empty")
        try:
            start = time.process_time() + self.backend_cpu(conn)
            conn.cursor().execute(sql)
            conn.rollback()
            return time.process_time() + self.backend_cpu(conn) - start
        finally:
            conn.close()
            self._admin('DROP DATABASE IF EXISTS "bench_empty" WITH (FORCE)')

    def shell(self, location, target, sql):
        return [self.psql, "-X", "-q", "-At", "-d", self.db,
                "-c", f"SELECT migrate_config('script_location', '{location}')",
                "-c", f"SELECT migrate_config('target_schema', '{target}')", "-c", sql.replace(", 1)", ", true)")]

    def copy(self, name):
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE "{self.db}"')
        return PostgreSQLBench(None, self.workdir, name, self.cluster)

    def run_script(self, sql):
        conn = self.connect()
        try:
            conn.cursor().execute("BEGIN;\n" + sql + "\nCOMMIT;")
        finally:
            conn.close()

    def alembic_url(self):
        return (f"postgresql+psycopg2://{os.environ['PGUSER']}@/{self.db}?host={os.environ['PGHOST']}"
                f"&port={os.environ['PGPORT']}")

    def timed_command(self, argv, versions, cwd):
        start = time.perf_counter()
        timed_command(argv, versions, cwd)
        return time.perf_counter() - start

    def close(self):
        self._admin(f'DROP DATABASE IF EXISTS "{self.db}" WITH (FORCE)')
        if self.db == "bench_a":
            stop_cluster(self.cluster["started"])


ENGINES = {"sqlite": SQLiteBench, "postgresql": PostgreSQLBench}

# ---- the races ---------------------------------------------------------------


def alembic_diff(bench, source):
    """Alembic's side of the diff race: the models built, then compared."""
    import sqlalchemy as sa
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    engine = sa.create_engine(bench.alembic_url())
    try:
        with engine.connect() as conn, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dbapi = conn.connection.dbapi_connection if hasattr(conn.connection, "dbapi_connection") \
                else conn.connection.connection
            start = time.process_time() + bench.backend_cpu(dbapi)
            metadata = import_models(source)
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, metadata)
            return time.process_time() + bench.backend_cpu(dbapi) - start, diffs
    finally:
        engine.dispose()


ENV_PY = """\
import sys
from alembic import context
from sqlalchemy import create_engine

sys.path.insert(0, {folder!r})
import models

with create_engine(context.config.get_main_option("sqlalchemy.url")).connect() as connection:
    context.configure(connection=connection, target_metadata=models.metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
"""

SCRIPT_MAKO = '''\
"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
"""
from alembic import op
import sqlalchemy as sa

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
'''


def alembic_project(workdir, url, source):
    folder = os.path.join(workdir, "alembic")
    os.makedirs(os.path.join(folder, "versions"))
    files = {"models.py": source, "env.py": ENV_PY.format(folder=folder), "script.py.mako": SCRIPT_MAKO,
             "alembic.ini": f"[alembic]\nscript_location = {folder}\nsqlalchemy.url = {url}\n"}
    for name, text in files.items():
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)
    return folder


def timed_command(argv, versions, cwd):
    """Runs a command that writes one revision into `versions`; returns its
    CPU time, after checking it wrote the file, which it then removes (the
    next run must find the database at its heads again)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    written = [f for f in os.listdir(versions) if f.endswith((".py", ".sql"))]
    if done.returncode != 0 or len(written) != 1:
        sys.exit(f"{' '.join(argv)} failed:\n{done.stdout}{done.stderr}")
    os.remove(os.path.join(versions, written[0]))
    return seconds


def flatten(diffs):
    out = []
    for d in diffs:
        out.extend(d if isinstance(d, list) else [d])
    return out


# ---- report ------------------------------------------------------------------


def verdict(ok):
    return "PASS" if ok else "MISS"


def race(title, runs, migrate_label, migrate_times, alembic_label, alembic_times):
    m, a = statistics.median(migrate_times), statistics.median(alembic_times)
    print(f"  {title} race (median of {runs})")
    print(f"    {migrate_label:<42} {m * 1000:9.1f} ms")
    print(f"    {alembic_label:<42} {a * 1000:9.1f} ms")
    print(f"    at least {SPEEDUP_TARGET:.0f}x faster than Alembic {'.' * 13} {a / m:5.1f}x {verdict(a / m >= SPEEDUP_TARGET)}")
    return m


def real_schema_race(bench, runs):
    """The largest real schema of tests/diff/real/<engine>: migrate_diff()
    of a database built from it against itself, over the floor (the schema
    run directly in an empty database)."""
    corpus = os.path.join(REPO, "tests", "diff", "real", "postgresql" if bench.name == "PostgreSQL" else "sqlite")
    files = [os.path.join(corpus, d, "schema.sql") for d in os.listdir(corpus)]
    path = max(files, key=os.path.getsize)
    with open(path, encoding="utf-8") as f:
        sql = f.read()
    # psql's meta-commands are psql's: the floor runs what a server runs.
    direct_sql = "\n".join(line for line in sql.splitlines() if not line.startswith("\\"))
    real = bench.fresh("real.db" if bench.name == "SQLite" else "bench_real")
    real.load(sql)
    _, again = real.migrate(path, "diff")
    if again != "":
        sys.exit(f"{path}: a database built from it does not diff empty:\n{again}")
    diff_times, floor_times = [], []
    for _ in range(runs):
        diff_times.append(real.migrate(path, "diff")[0])
        floor_times.append(bench.run_in_empty(direct_sql))
    real.close()
    diff, floor = statistics.median(diff_times), statistics.median(floor_times)
    print(f"  real schema {os.path.relpath(path, REPO)} ({len(sql.splitlines())} lines), CPU time, median of {runs}:")
    print(f"    {'migrate_diff() against itself':<42} {diff * 1000:9.1f} ms")
    print(f"    {'the schema run directly (the floor)':<42} {floor * 1000:9.1f} ms")
    print(f"    migrate_diff() / the floor, 1.5x at most {'.' * 9} {diff / floor:5.1f}x  {verdict(diff / floor <= 1.5)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", choices=sorted(ENGINES), default="sqlite")
    ap.add_argument("--ext", help="path to migrate.so (default: build/migrate.so)")
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is reported")
    ap.add_argument("--keep", action="store_true", help="keep the generated schemas and databases")
    args = ap.parse_args()

    ext = os.path.abspath(args.ext or os.path.join(REPO, "build", "migrate.so"))
    if args.engine == "sqlite" and not os.path.exists(ext):
        sys.exit(f"{ext} not found: build first (cmake --build build) or pass --ext")
    workdir = tempfile.mkdtemp(prefix="migrate-diff-bench-")
    bench = None
    try:
        a = schema_a()
        b, changes = schema_b(a)
        b_sql = os.path.join(workdir, "b.sql")
        with open(b_sql, "w") as f:
            f.write(render_sql(b))
        bench = ENGINES[args.engine](ext, workdir)
        source = models_source(b, bench.pk_nullable)
        bench.load(render_sql(a))
        print(f"{bench.name}: {len(a)} tables, {sum(len(t['columns']) for t in a.values())} columns, "
              f"{sum(len(t['indexes']) for t in a.values())} indexes; B makes {len(changes)} changes")

        # Both must see the changes for the races to mean anything.
        _, upgrade = bench.migrate(b_sql, "diff")
        _, listed = bench.migrate(b_sql, "check")
        migrate_found = listed.splitlines()[1:]
        applied = bench.copy("applied.db" if args.engine == "sqlite" else "bench_applied")
        applied.run_script(upgrade)
        _, again = applied.migrate(b_sql, "diff")
        applied.close()
        _, diffs = alembic_diff(bench, source)
        print(f"  changes found: migrate {len(migrate_found)}, Alembic {len(flatten(diffs))} (both count a new "
              f"table's indexes, Alembic also a dropped table's)")
        print(f"  migrate's upgrade applied to a copy, then diffed again: {'nothing left' if again == '' else again}")
        if again != "" or len(migrate_found) < len(changes):
            sys.exit("migrate's diff is wrong on the benchmark schema")

        migrate_diff, alembic_compare, direct = [], [], []
        b_text = render_sql(b)
        for _ in range(args.runs):
            migrate_diff.append(bench.migrate(b_sql, "diff")[0])
            alembic_compare.append(alembic_diff(bench, source)[0])
            direct.append(bench.load_directly(b_text))

        location = os.path.join(workdir, "migrations")
        os.makedirs(os.path.join(location, "versions"))
        os.chmod(os.path.join(location, "versions"), 0o777)  # the server writes there
        project = alembic_project(workdir, bench.alembic_url(), source)
        migrate_command, alembic_command = [], []
        for _ in range(args.runs):
            migrate_command.append(bench.timed_command(
                bench.shell(location, b_sql, "SELECT migrate_revision('bench', 1);"),
                os.path.join(location, "versions"), workdir))
            alembic_command.append(bench.timed_command(
                [PYTHON, "-m", "alembic", "-c", os.path.join(project, "alembic.ini"), "revision", "--autogenerate",
                 "-m", "bench"], os.path.join(project, "versions"), workdir))

        seconds = race("diff (CPU time)", args.runs, "migrate_diff()", migrate_diff,
                       "Alembic: models + compare_metadata()", alembic_compare)
        print(f"    migrate_diff() under {SECONDS_TARGET:.0f} s {'.' * 26} {verdict(seconds < SECONDS_TARGET)}")
        floor = statistics.median(direct)
        print(f"    {'B run directly, no migrate (the floor)':<42} {floor * 1000:9.1f} ms")
        print(f"    migrate_diff() / the floor {'.' * 23} {seconds / floor:5.1f}x")
        print(f"    Alembic / the floor: best possible {'.' * 15} {statistics.median(alembic_compare) / floor:5.1f}x")
        race(f"command ({bench.command_clock})", args.runs, f"{bench.shell_name}: migrate_revision('bench', true)",
             migrate_command, "alembic revision --autogenerate", alembic_command)
        real_schema_race(bench, args.runs)
    finally:
        if bench:
            bench.close()
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
