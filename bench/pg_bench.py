#!/usr/bin/python3
"""PostgreSQL benchmark of migrate: SELECT migrate_upgrade('head') against
`psql -1 -f` of the same SQL, and against Alembic (psycopg2) on the same
revisions, in one run, each on a fresh database.

Needs the extension installed: by ctest's "pg: install extension" into the
private copy build/pg-install (used when present), or into the server of
MIGRATE_PG_BINDIR, and Debian's /usr/bin/python3 (python3-alembic, python3-psycopg2). Uses the
cluster named by PGHOST/PGPORT (or MIGRATE_PG_STATE), else starts a
throwaway one with tests/pg/cluster.sh and stops it at the end.
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

import psycopg2

from cluster import stop_cluster, use_cluster
from revisions import ALEMBIC_INI, write_revisions

PYTHON = "/usr/bin/python3"  # Debian's, with alembic and psycopg2
PSQL = os.path.join(subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                                   check=True).stdout.strip(), "psql")
TARGET = 1.3  # migrate / psql -1 -f, at most

# ---- revisions -------------------------------------------------------------


class Project:
    """N linear revisions as a migrate script location (readable by the
    server), an Alembic project, and two psql scripts: the upgrade sections
    alone, and with the version-table statements of Alembic's --sql mode."""

    def __init__(self, root, n):
        self.n = n
        self.root = root
        self.migrations = os.path.join(root, "migrations")
        self.alembic_dir = os.path.join(root, "alembic")
        self.ddl_sql = os.path.join(root, "ddl.sql")
        self.offline_sql = os.path.join(root, "offline.sql")
        ddl = []
        offline = ["CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                   "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));"]
        down = None
        for rev, up in write_revisions(self.migrations, self.alembic_dir, n):
            ddl.extend(s + ";" for s in up)
            offline.extend(s + ";" for s in up)
            offline.append(f"INSERT INTO alembic_version (version_num) VALUES ('{rev}');" if down is None else
                           f"UPDATE alembic_version SET version_num='{rev}' "
                           f"WHERE alembic_version.version_num = '{down}';")
            down = rev
        for path, lines in ((self.ddl_sql, ddl), (self.offline_sql, offline)):
            with open(path, "w") as f:
                f.write("\n".join(lines) + "\n")
        self.head = down
        for folder, _, files in os.walk(root):  # the server runs as another user
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o644)


# ---- the server --------------------------------------------------------------


class Server:
    """Connection settings of the cluster (and the cluster itself when this
    script started it)."""

    def __init__(self, work):
        self.state = use_cluster(work)
        self.serial = 0

    def stop(self):
        stop_cluster(self.state)

    def admin(self, sql, dbname="postgres"):
        conn = psycopg2.connect(dbname=dbname)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
                return cur.fetchall() if cur.description else None
        finally:
            conn.close()

    def fresh_db(self, tag):
        """A new empty database with the extension (created untimed, for
        every method alike), after a checkpoint so that no run pays for the
        dirty buffers of the one before."""
        self.serial += 1
        name = f"bench_{tag}_{self.serial}"
        self.admin(f'DROP DATABASE IF EXISTS "{name}"')
        self.admin(f'CREATE DATABASE "{name}"')
        self.admin("CREATE EXTENSION migrate", name)
        self.admin("CHECKPOINT")
        return name

    def drop(self, name):
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def version(self, name):
        return self.admin("SELECT string_agg(version_num, ',') FROM alembic_version", name)[0][0]

    def schema(self, name):
        return self.admin("SELECT relname, relkind FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                          "AND relname <> 'alembic_version' AND relname NOT LIKE 'alembic_version%' "
                          "AND relkind IN ('r', 'i') ORDER BY 1", name)


# ---- measuring ---------------------------------------------------------------


def measure(argv, stdin_text=None, cwd=None):
    """Wall time of one process, and its standard output."""
    start = time.perf_counter()
    proc = subprocess.run(argv, input=stdin_text, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          cwd=cwd)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return seconds, proc.stdout


def run_psql(server, script, tag):
    db = server.fresh_db(tag)
    seconds, _ = measure([PSQL, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", db, "-f", script])
    return seconds, db


TIMING_RE = re.compile(r"^Time: ([0-9.]+) ms", re.M)


def run_migrate(server, project):
    db = server.fresh_db("migrate")
    script = (f"SET migrate.script_location = '{project.migrations}';\n\\timing on\n"
              f"SELECT length(migrate_upgrade('head'));\n")
    seconds, out = measure([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db], stdin_text=script)
    assert server.version(db) == project.head, f"migrate did not reach the head in {db}"
    return seconds, float(TIMING_RE.findall(out)[-1]) / 1000, db


def run_alembic(server, project):
    db = server.fresh_db("alembic")
    url = f"postgresql+psycopg2://{os.environ['PGUSER']}@/{db}?host={os.environ['PGHOST']}&port={os.environ['PGPORT']}"
    ini = os.path.join(project.root, "alembic.ini")
    with open(ini, "w") as f:
        f.write(ALEMBIC_INI.format(location=project.alembic_dir, url=url))
    seconds, _ = measure([PYTHON, "-m", "alembic", "-c", ini, "upgrade", "head"], cwd=project.root)
    assert server.version(db) == project.head, f"alembic did not reach the head in {db}"
    return seconds, db


def fmt(seconds):
    return f"{seconds * 1000:8.0f} ms" if seconds < 10 else f"{seconds:8.2f} s "


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[1000],
                    help="comma-separated N (default 1000)")
    ap.add_argument("--runs", type=int, default=5, help="runs per method; the median is reported (default 5)")
    ap.add_argument("--no-alembic", action="store_true", help="skip Alembic")
    args = ap.parse_args()

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the cluster and folders are cleaned up
    work = tempfile.mkdtemp(prefix="migrate-pg-bench-")
    os.chmod(work, 0o755)
    server = Server(work)
    rows, ok = [], True
    try:
        version = server.admin("SHOW server_version")[0][0]
        print(f"migrate PostgreSQL benchmark: server {version} ({os.environ['PGHOST']}), {os.cpu_count()} CPUs; "
              f"median of {args.runs} runs, each a whole process on a fresh database")
        print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n", flush=True)
        for n in args.sizes:
            project = Project(os.path.join(work, f"n{n}"), n)
            times = {"ddl": [], "offline": [], "migrate": [], "call": [], "alembic": []}
            methods = ["ddl", "offline", "migrate"] + ([] if args.no_alembic else ["alembic"])
            for round_ in range(args.runs):
                # The order rotates from round to round, so a drift of the
                # machine's load touches every method alike.
                for method in methods[round_ % len(methods):] + methods[:round_ % len(methods)]:
                    if method in ("ddl", "offline"):
                        s, db = run_psql(server, project.ddl_sql if method == "ddl" else project.offline_sql, method)
                        if method == "ddl":
                            ddl_schema = server.schema(db)
                    elif method == "migrate":
                        s, call, db = run_migrate(server, project)
                        times["call"].append(call)
                        migrate_schema = server.schema(db)
                    else:
                        s, db = run_alembic(server, project)
                    times[method].append(s)
                    server.drop(db)
                if ddl_schema != migrate_schema:
                    raise RuntimeError("migrate and psql left different schemas")
            row = {k: statistics.median(v) for k, v in times.items() if v}
            row["min"] = {k: min(v) for k, v in times.items() if v}
            row["n"] = n
            rows.append(row)
            print(f"N={n}: psql {fmt(row['ddl']).strip()}, migrate {fmt(row['migrate']).strip()}"
                  + (f", alembic {fmt(row['alembic']).strip()}" if "alembic" in row else ""), flush=True)
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

    print("\nSELECT migrate_upgrade('head') on a fresh database (wall time of the whole client process)")
    header = (f"{'N':>6} | {'psql -1 -f':>11} | {'+ version table':>15} | {'migrate':>11} | {'in-call':>11} | "
              f"{'Alembic':>11} | {'migrate/psql':>12} | {'alembic/migrate':>15}")
    print(header)
    print("-" * len(header))
    for r in rows:
        ratio = r["migrate"] / r["ddl"]
        ok = ok and ratio <= TARGET
        alembic = fmt(r["alembic"]) if "alembic" in r else f"{'skipped':>11}"
        speedup = f"{r['alembic'] / r['migrate']:14.1f}x" if "alembic" in r else f"{'-':>15}"
        print(f"{r['n']:>6} | {fmt(r['ddl'])} | {fmt(r['offline']):>15} | {fmt(r['migrate'])} | {fmt(r['call'])} | "
              f"{alembic} | {ratio:11.2f}x | {speedup}")
    for r in rows:
        m = r["min"]
        print(f"  fastest runs, N={r['n']}: psql {fmt(m['ddl']).strip()}, + version table {fmt(m['offline']).strip()}, "
              f"migrate {fmt(m['migrate']).strip()}" + (f", Alembic {fmt(m['alembic']).strip()}" if "alembic" in m else "")
              + f"; migrate/psql {m['migrate'] / m['ddl']:.2f}x")
    print("  psql -1 -f: the upgrade sections alone, in one transaction (the baseline of the target)")
    print("  + version table: the same with the version-table statements of Alembic's --sql output")
    print("  in-call: the SELECT migrate_upgrade('head') statement alone (psql \\timing)")
    print(f"\nTarget: migrate_upgrade('head') <= {TARGET}x psql -1 -f: {'PASS' if ok else 'MISS'}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
