#!/usr/bin/python3
"""Whole-process times of the command line build/bin/migrate, side by side
with Alembic on the same revisions (bench/revisions.py):

- `migrate --help` (target: < 20 ms);
- `migrate heads` over a versions/ folder of 10,000 files (target: < 100 ms);
- `migrate upgrade head` of 1,000 revisions against the same DDL run raw with
  `sqlite3` (in one transaction) and `psql -1 -f` (target: at most 1.3x), and
  against `alembic upgrade head` (target: at least 20x faster).

Run with Debian's /usr/bin/python3 (python3-alembic, psycopg2); PostgreSQL
uses the cluster of PGHOST / MIGRATE_PG_STATE, else starts a throwaway one
(bench/cluster.py). See bench/README.md.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from cluster import stop_cluster, use_cluster
from revisions import ALEMBIC_INI, write_revisions

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PYTHON = "/usr/bin/python3"
SQLITE3 = shutil.which("sqlite3") or "/usr/bin/sqlite3"
PSQL = "psql"

HELP_TARGET_MS, HEADS_TARGET_MS, RAW_RATIO, ALEMBIC_RATIO = 20.0, 100.0, 1.3, 20.0


def measure(argv, cwd=None, stdin_text=None, env=None):
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=cwd, input=stdin_text, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return seconds


def best(times):
    return min(times), statistics.median(times)


class Project:
    def __init__(self, root, n):
        self.root = root
        self.migrations = os.path.join(root, "migrations")
        self.alembic_dir = os.path.join(root, "alembic")
        revisions = write_revisions(self.migrations, self.alembic_dir, n)
        self.head = revisions[-1][0]
        self.ddl = "\n".join(s + ";" for _, up in revisions for s in up) + "\n"

    def alembic_ini(self, url):
        path = os.path.join(self.root, "alembic.ini")
        with open(path, "w") as f:
            f.write(ALEMBIC_INI.format(location=self.alembic_dir, url=url.replace("%", "%%")))
        return path


def bench_help(migrate, runs):
    times = [measure([migrate, "--help"]) for _ in range(runs)]
    lo, med = best(times)
    print(f"migrate --help: best {lo * 1000:.1f} ms, median {med * 1000:.1f} ms (target < {HELP_TARGET_MS:.0f} ms)")
    return med * 1000 < HELP_TARGET_MS


def bench_heads(migrate, work, n, runs, with_alembic):
    project = Project(os.path.join(work, f"heads{n}"), n)
    argv = [migrate, "-x", f"script_location={project.migrations}", "heads"]
    measure(argv)  # page cache warm for both
    lo, med = best([measure(argv) for _ in range(runs)])
    line = f"migrate heads over {n} files: best {lo * 1000:.0f} ms, median {med * 1000:.0f} ms"
    if with_alembic:
        ini = project.alembic_ini("sqlite:///unused.db")
        a = measure([PYTHON, "-m", "alembic", "-c", ini, "heads"], cwd=project.root)
        line += f"; alembic heads {a:.2f} s ({a / med:.0f}x)"
    print(line + f" (target < {HEADS_TARGET_MS:.0f} ms)")
    return med * 1000 < HEADS_TARGET_MS


def bench_sqlite(migrate, work, n, runs, with_alembic):
    project = Project(os.path.join(work, f"sqlite{n}"), n)
    serial = [0]

    def fresh():
        serial[0] += 1
        return os.path.join(work, f"db{serial[0]}.sqlite")

    raw, cli = [], []
    for _ in range(runs):
        raw.append(measure([SQLITE3, "-bail", fresh()], stdin_text="BEGIN;\n" + project.ddl + "COMMIT;\n"))
        cli.append(measure([migrate, "--url", f"sqlite:///{fresh()}", "-x", f"script_location={project.migrations}",
                            "upgrade", "head"]))
    r, m = statistics.median(raw), statistics.median(cli)
    line = f"SQLite, {n} revisions: sqlite3 {r * 1000:.0f} ms, migrate upgrade head {m * 1000:.0f} ms ({m / r:.2f}x)"
    ok = m / r <= RAW_RATIO
    if with_alembic:
        a = measure([PYTHON, "-m", "alembic", "-c", project.alembic_ini(f"sqlite:///{fresh()}"), "upgrade", "head"],
                    cwd=project.root)
        line += f"; alembic {a:.2f} s (migrate {a / m:.0f}x faster)"
        ok = ok and a / m >= ALEMBIC_RATIO
    print(line)
    return ok


def bench_postgresql(migrate, work, n, runs, with_alembic):
    started = use_cluster(work)
    try:
        project = Project(os.path.join(work, f"pg{n}"), n)
        ddl_path = os.path.join(project.root, "ddl.sql")
        with open(ddl_path, "w") as f:
            f.write(project.ddl)
        serial = [0]

        def fresh():
            serial[0] += 1
            name = f"cli_bench_{os.getpid()}_{serial[0]}"
            subprocess.run([PSQL, "-X", "-q", "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{name}"', "-c",
                            f'CREATE DATABASE "{name}"', "-c", "CHECKPOINT"], check=True)
            return name

        def url(db):
            return f"postgresql://{os.environ['PGUSER']}@/{db}?host={os.environ['PGHOST']}&port={os.environ['PGPORT']}"

        raw, cli, made = [], [], []
        for _ in range(runs):
            db = fresh()
            made.append(db)
            raw.append(measure([PSQL, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", db, "-f", ddl_path]))
            db = fresh()
            made.append(db)
            cli.append(measure([migrate, "--url", url(db), "-x", f"script_location={project.migrations}", "upgrade",
                                "head"]))
        r, m = statistics.median(raw), statistics.median(cli)
        line = (f"PostgreSQL, {n} revisions: psql -1 -f {r * 1000:.0f} ms, migrate upgrade head {m * 1000:.0f} ms "
                f"({m / r:.2f}x)")
        ok = m / r <= RAW_RATIO
        if with_alembic:
            db = fresh()
            made.append(db)
            a = measure([PYTHON, "-m", "alembic", "-c", project.alembic_ini(url(db).replace("postgresql://",
                                                                                            "postgresql+psycopg2://")),
                         "upgrade", "head"], cwd=project.root)
            line += f"; alembic {a:.2f} s (migrate {a / m:.0f}x faster)"
            ok = ok and a / m >= ALEMBIC_RATIO
        print(line)
        for db in made:
            subprocess.run([PSQL, "-X", "-q", "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{db}"'], check=False)
        return ok
    finally:
        stop_cluster(started)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--migrate", default=os.path.join(REPO, "build", "bin", "migrate"))
    ap.add_argument("-n", type=int, default=1000, help="revisions of the upgrade runs")
    ap.add_argument("--heads-files", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-alembic", action="store_true")
    ap.add_argument("--no-postgresql", action="store_true")
    args = ap.parse_args()
    work = tempfile.mkdtemp(prefix="cli-bench-")
    os.chmod(work, 0o755)
    try:
        results = [bench_help(args.migrate, args.runs * 4),
                   bench_heads(args.migrate, work, args.heads_files, args.runs, not args.no_alembic),
                   bench_sqlite(args.migrate, work, args.n, args.runs, not args.no_alembic)]
        if not args.no_postgresql:
            results.append(bench_postgresql(args.migrate, work, args.n, args.runs, not args.no_alembic))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("all targets met" if all(results) else "some targets missed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
