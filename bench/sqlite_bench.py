#!/usr/bin/python3
"""SQLite benchmark of migrate: migrate_upgrade('head') against the same DDL run
straight through sqlite3, and against Alembic on the same revisions; and
migrate_heads() over a large versions/ folder.

Run with Debian's /usr/bin/python3 (it has python3-alembic); see bench/README.md.
"""
import argparse
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from revisions import ALEMBIC_INI, write_revisions

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SQLITE3 = shutil.which("sqlite3") or "/usr/bin/sqlite3"
PYTHON = "/usr/bin/python3"  # Debian's, with alembic; not the pyenv one on PATH
TIME = "/usr/bin/time"

UPGRADE_TARGET = 1.25  # migrate / direct sqlite3, at most
HEADS_TARGET_MS = 50.0

# ---- the project ------------------------------------------------------------


class Project:
    """N linear revisions as a migrate script location, an Alembic project,
    and the plain SQL script of their upgrade sections."""

    def __init__(self, root, n):
        self.n = n
        self.root = root
        self.migrate_dir = os.path.join(root, "migrations")
        self.alembic_dir = os.path.join(root, "alembic")
        self.direct_sql = os.path.join(root, "direct.sql")
        revisions = write_revisions(self.migrate_dir, self.alembic_dir, n)
        direct = ["BEGIN;"] + [s + ";" for _, up in revisions for s in up] + ["COMMIT;"]
        with open(self.direct_sql, "w") as f:
            f.write("\n".join(direct) + "\n")
        self.head = revisions[-1][0]

    def fresh_db(self, tag):
        path = os.path.join(self.root, f"{tag}.db")
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        return path

    def alembic_ini(self, db):
        path = os.path.join(self.root, "alembic.ini")
        with open(path, "w") as f:
            f.write(ALEMBIC_INI.format(location=self.alembic_dir, url="sqlite:///" + db))
        return path


# ---- measuring --------------------------------------------------------------


class Run:
    def __init__(self, seconds, cpu_seconds, rss_kb, stdout):
        self.seconds, self.cpu_seconds, self.rss_kb, self.stdout = seconds, cpu_seconds, rss_kb, stdout


def measure(argv, stdin_text=None, env=None, cwd=None, timeout=None):
    """Wall time, CPU time (user + sys) and peak RSS of one process (stdout
    kept, stderr discarded)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        cmd = [TIME, "-f", "%M", "-o", tf.name] + argv
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        # its own process group, so that a timeout ends the measured process
        # too, not only /usr/bin/time
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env, cwd=cwd, start_new_session=True)
        try:
            stdout, stderr = proc.communicate(stdin_text, timeout=timeout)
        except BaseException:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # includes the waited-for grandchild
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{stderr[-2000:]}")
        rss = int(tf.read().strip().splitlines()[-1])
    return Run(seconds, cpu, rss, stdout)


def sql_query(db, sql):
    return subprocess.run([SQLITE3, db, sql], stdout=subprocess.PIPE, check=True, text=True).stdout.strip()


TIMER_RE = re.compile(r"^Run Time: real ([0-9.]+) user ([0-9.]+) sys ([0-9.]+)", re.M)


def run_time_lines(stdout):
    """The (real, user, sys) seconds of each statement timed by .timer."""
    return [tuple(float(x) for x in m) for m in TIMER_RE.findall(stdout)]


def migrate_env(project):
    env = dict(os.environ)
    env["MIGRATE_SCRIPT_LOCATION"] = project.migrate_dir
    return env


def run_direct(project):
    db = project.fresh_db("direct")
    with open(project.direct_sql) as f:
        script = f.read()
    r = measure([SQLITE3, db], stdin_text=script)
    tables = int(sql_query(db, "SELECT count(*) FROM sqlite_master WHERE type='table'"))
    assert tables == project.n, f"direct run made {tables} tables, expected {project.n}"
    return r


def run_migrate(project, ext):
    db = project.fresh_db("migrate")
    script = f".load {ext}\n.timer on\nSELECT migrate_upgrade('head');\n"
    r = measure([SQLITE3, db], stdin_text=script, env=migrate_env(project))
    steps = r.stdout.count("Running upgrade")
    assert steps == project.n, f"migrate ran {steps} steps, expected {project.n}"
    current = sql_query(db, "SELECT version_num FROM alembic_version")
    assert current == project.head, f"migrate left version {current!r}, expected {project.head}"
    r.call_seconds = run_time_lines(r.stdout)[-1][0]
    return r


def run_alembic(project, timeout):
    db = project.fresh_db("alembic")
    ini = project.alembic_ini(db)
    r = measure([PYTHON, "-m", "alembic", "-c", ini, "upgrade", "head"], cwd=project.root, timeout=timeout)
    current = sql_query(db, "SELECT version_num FROM alembic_version")
    assert current == project.head, f"alembic left version {current!r}, expected {project.head}"
    return r


def same_schema(project):
    """The migrate run and the direct run leave the same schema."""
    q = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE '%alembic_version%' ORDER BY name"
    return sql_query(os.path.join(project.root, "direct.db"), q) == sql_query(
        os.path.join(project.root, "migrate.db"), q)


def median(runs, key):
    return statistics.median(key(r) for r in runs)


def median_run(runs):
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def bench_heads(project, ext, calls):
    env = migrate_env(project)
    load_only = [measure([SQLITE3, ":memory:"], stdin_text=f".load {ext}\n", env=env).seconds
                 for _ in range(5)]
    script = f".load {ext}\n.timer on\n" + "SELECT migrate_heads();\n" * calls
    r = measure([SQLITE3, ":memory:"], stdin_text=script, env=env)
    heads = [line for line in r.stdout.splitlines() if not line.startswith("Run Time")]
    assert heads and all(h == project.head for h in heads), f"migrate_heads() gave {heads[:3]}"
    timed = run_time_lines(r.stdout)
    times = [real for real, _, _ in timed]
    return {
        "user_ms": statistics.median(user for _, user, _ in timed) * 1000,
        "sys_ms": statistics.median(sys_ for _, _, sys_ in timed) * 1000,
        "files": project.n,
        "first_ms": times[0] * 1000,
        "median_ms": statistics.median(times) * 1000,
        "max_ms": max(times) * 1000,
        "calls": calls,
        "start_load_ms": statistics.median(load_only) * 1000,
        "process_ms": r.seconds * 1000,
        "rss_kb": r.rss_kb,
    }


# ---- report -----------------------------------------------------------------


def fmt_s(seconds):
    return f"{seconds * 1000:9.1f} ms" if seconds < 10 else f"{seconds:9.2f} s "


def fmt_mb(kb):
    return f"{kb / 1024:7.1f} MB"


def verdict(ok):
    return "PASS" if ok else "MISS"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smoke run: small N, one run each")
    ap.add_argument("--ext", help="path to migrate.so (default: build-bench/, else build/)")
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")],
                    help="comma-separated N (default 1000,10000)")
    ap.add_argument("--runs", type=int, help="runs per measurement; the median is reported (default 5)")
    ap.add_argument("--alembic-max-n", type=int, default=10000,
                    help="skip Alembic above this N (default 10000)")
    ap.add_argument("--alembic-timeout", type=float, default=600,
                    help="seconds before an Alembic run is abandoned (default 600)")
    ap.add_argument("--heads-n", type=int, help="revision files for migrate_heads (default 10000)")
    ap.add_argument("--keep", action="store_true", help="keep the generated folders and databases")
    args = ap.parse_args()

    sizes = args.sizes or ([100, 300] if args.quick else [1000, 10000])
    runs = args.runs or (1 if args.quick else 5)
    heads_n = args.heads_n or (1000 if args.quick else 10000)
    ext = args.ext
    if not ext:
        for d in ("build-bench", "build"):
            if os.path.exists(os.path.join(REPO, d, "migrate.so")):
                ext = os.path.join(REPO, d, "migrate.so")
                break
    if not ext or not os.path.exists(ext):
        sys.exit("migrate.so not found; build it: cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release && "
                 "cmake --build build-bench --target migrate_sqlite (or pass --ext)")
    ext = os.path.abspath(ext)
    ext_load = ext[:-3] if ext.endswith(".so") else ext

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the work dir is still removed
    work = tempfile.mkdtemp(prefix="migrate-bench-")
    print(f"migrate SQLite benchmark: sqlite3 {sql_query(':memory:', 'SELECT sqlite_version()')}, "
          f"extension {ext}, {os.cpu_count()} CPUs, work dir {work}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
          f"times are the median of {runs} run(s) of a whole process on a fresh database\n")

    rows, checks, notes = [], [], []
    projects = {}
    try:
        for n in sizes:
            t0 = time.perf_counter()
            project = Project(os.path.join(work, f"n{n}"), n)
            projects[n] = project
            print(f"N={n}: generated {2 * n} revision files in {time.perf_counter() - t0:.1f} s", flush=True)
            load = os.getloadavg()[0]
            # alternated, so that both see the same changes in the machine's load
            direct_all, mig_all = [], []
            for _ in range(runs):
                direct_all.append(run_direct(project))
                mig_all.append(run_migrate(project, ext_load))
            direct, mig = median_run(direct_all), median_run(mig_all)
            if not same_schema(project):
                notes.append(f"N={n}: the migrate and direct schemas differ!")
            ratio = mig.seconds / direct.seconds
            row = {"n": n, "direct": direct, "migrate": mig, "ratio": ratio, "load": load,
                   "call": median(mig_all, lambda r: r.call_seconds),
                   "cpu_ratio": median(mig_all, lambda r: r.cpu_seconds)
                   / max(median(direct_all, lambda r: r.cpu_seconds), 1e-3)}
            if n <= args.alembic_max_n:
                try:
                    first = run_alembic(project, args.alembic_timeout)
                    alembic_runs = [first]
                    # repeat only while a run is cheap
                    while len(alembic_runs) < runs and first.seconds < 30:
                        alembic_runs.append(run_alembic(project, args.alembic_timeout))
                    alembic_runs.sort(key=lambda r: r.seconds)
                    row["alembic"] = alembic_runs[len(alembic_runs) // 2]
                    row["alembic_runs"] = len(alembic_runs)
                except subprocess.TimeoutExpired:
                    notes.append(f"N={n}: Alembic skipped: a run took over {args.alembic_timeout:g} s")
            else:
                notes.append(f"N={n}: Alembic skipped (--alembic-max-n {args.alembic_max_n})")
            row["load_after"] = os.getloadavg()[0]
            rows.append(row)
            checks.append((f"migrate_upgrade('head') <= {UPGRADE_TARGET}x direct sqlite3, N={n}",
                           f"{ratio:.2f}x", ratio <= UPGRADE_TARGET))
            print(f"N={n}: direct {fmt_s(direct.seconds).strip()}, migrate {fmt_s(mig.seconds).strip()}"
                  + (f", alembic {fmt_s(row['alembic'].seconds).strip()}" if "alembic" in row else ""),
                  flush=True)

        if heads_n in projects:
            heads_project = projects[heads_n]
        else:
            heads_project = Project(os.path.join(work, f"heads{heads_n}"), heads_n)
        heads = bench_heads(heads_project, ext_load, calls=11)
        checks.append((f"migrate_heads() over {heads['files']} files < {HEADS_TARGET_MS:.0f} ms",
                       f"{heads['median_ms']:.1f} ms", heads["median_ms"] < HEADS_TARGET_MS))
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print("\nmigrate_upgrade('head') on a fresh database (whole sqlite3 / python process, peak RSS)")
    header = (f"{'N':>6} | {'direct sqlite3':>12} {'RSS':>10} | {'migrate':>12} {'RSS':>10} {'in-call':>12} | "
              f"{'Alembic':>12} {'RSS':>10} | {'migrate/direct':>14} {'(CPU)':>7} | {'alembic/migrate':>15} | load")
    print(header)
    print("-" * len(header))
    for r in rows:
        if "alembic" in r:
            alembic = f"{fmt_s(r['alembic'].seconds)} {fmt_mb(r['alembic'].rss_kb)}"
            speedup = f"{r['alembic'].seconds / r['migrate'].seconds:14.1f}x"
        else:
            alembic, speedup = f"{'skipped':>12} {'':>10}", f"{'-':>15}"
        print(f"{r['n']:>6} | {fmt_s(r['direct'].seconds)} {fmt_mb(r['direct'].rss_kb)} | "
              f"{fmt_s(r['migrate'].seconds)} {fmt_mb(r['migrate'].rss_kb)} {fmt_s(r['call'])} | "
              f"{alembic} | {r['ratio']:13.2f}x {r['cpu_ratio']:6.2f}x | {speedup} | {r['load']:.2f}->{r['load_after']:.2f}")
    print("  in-call: the SELECT migrate_upgrade('head') statement alone (.timer), without process start "
          "and .load")
    print("  migrate/direct is the target's ratio, of wall times; (CPU): of user + sys times, which the "
          "machine's load moves less")
    alembic_runs = [f"N={r['n']}: {r['alembic_runs']}" for r in rows if "alembic" in r]
    if alembic_runs:
        print(f"  Alembic runs measured (median taken): {', '.join(alembic_runs)}")

    print(f"\nmigrate_heads() over {heads['files']} revision files, {heads['calls']} calls in one sqlite3 process")
    print(f"  per call (.timer real): median {heads['median_ms']:.1f} ms, first {heads['first_ms']:.1f} ms, "
          f"max {heads['max_ms']:.1f} ms; CPU median user {heads['user_ms']:.1f} ms + sys {heads['sys_ms']:.1f} ms")
    print(f"  process start + .load alone: {heads['start_load_ms']:.1f} ms; whole process with the calls: "
          f"{heads['process_ms']:.1f} ms; peak RSS {fmt_mb(heads['rss_kb']).strip()}")

    print("\nTargets" + (" (--quick: not the target sizes)" if args.quick else ""))
    for name, figure, ok in checks:
        print(f"  {verdict(ok)}  {name}: {figure}")
    for note in notes:
        print(f"  note: {note}")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if all(ok for _, _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
