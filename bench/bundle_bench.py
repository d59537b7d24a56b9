#!/usr/bin/python3
"""Deploy-bundle benchmark: writing the bundle of 10,000 revisions (the SQLite
extension in this process, as on a CI machine), and running the bundle of
1,000 revisions with `psql -f` against `psql -1 -f` of the same upgrade
sections, each on a fresh database.

Needs the extension installed in the cluster's server (the tests' private
copy will do: MIGRATE_PG_STATE=build/tests/pg/cluster.env while the tests'
cluster runs) and the built SQLite extension (--sqlite-extension, default
build/migrate.so). Targets: writing < 1 s; running <= 1.3x psql -1 -f.
"""
import argparse
import os
import resource
import sqlite3
import tempfile
import time

from pg_bench import Project, Server, fmt, measure, PSQL

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WRITE_TARGET = 1.0  # seconds for 10,000 revisions
RUN_TARGET = 1.3    # psql -f bundle / psql -1 -f sections


def write_bundle(extension, location, dialect="postgresql"):
    conn = sqlite3.connect(":memory:")
    try:
        conn.enable_load_extension(True)
        conn.load_extension(extension)
        conn.execute("SELECT migrate_config('script_location', ?)", (location,))
        before = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        text = conn.execute("SELECT migrate_bundle('heads', ?)", (dialect,)).fetchone()[0]
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        return wall, text, cpu
    finally:
        conn.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sqlite-extension", default=os.path.join(ROOT, "build", "migrate.so"))
    parser.add_argument("--write-n", type=int, default=10000)
    parser.add_argument("--run-n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="migrate-bundle-bench-") as work:
        big = Project(os.path.join(work, "write"), args.write_n)
        write_bundle(args.sqlite_extension, big.migrations)  # warm the page cache
        runs = [write_bundle(args.sqlite_extension, big.migrations) for _ in range(args.repeat)]
        writes = [run[0] for run in runs]
        # CPU time as well: on a shared machine the wall time is mostly waiting for a core.
        print(f"write: migrate_bundle() of {args.write_n} revisions: best {fmt(min(writes)).strip()}, "
              f"median {fmt(sorted(writes)[len(writes) // 2]).strip()}, CPU (user+sys) best "
              f"{fmt(min(run[2] for run in runs)).strip()} (target < {WRITE_TARGET:.0f} s); load average "
              f"{os.getloadavg()[0]:.1f}")

        server = Server(work)
        try:
            project = Project(os.path.join(work, "run"), args.run_n)
            bundle = os.path.join(work, "deploy.sql")
            with open(bundle, "w") as f:
                f.write(write_bundle(args.sqlite_extension, project.migrations)[1])
            times = {"psql -1 -f sections": [], "psql -f bundle": []}
            for _ in range(args.repeat):
                db = server.fresh_db("sections")
                times["psql -1 -f sections"].append(
                    measure([PSQL, "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", db, "-f", project.ddl_sql])[0])
                expected = server.schema(db)
                server.drop(db)
                db = server.fresh_db("bundle")
                times["psql -f bundle"].append(
                    measure([PSQL, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-f", bundle])[0])
                assert server.version(db) == project.head, "the bundle did not reach the head"
                assert server.schema(db) == expected, "the bundle and the sections left different schemas"
                server.drop(db)
            for name, values in times.items():
                print(f"run: {name} ({args.run_n} revisions): best {fmt(min(values)).strip()}, "
                      f"all {', '.join(fmt(v).strip() for v in values)}")
            ratio = min(times["psql -f bundle"]) / min(times["psql -1 -f sections"])
            print(f"run: bundle / sections = {ratio:.2f}x (target <= {RUN_TARGET}x)")
            ok = min(writes) < WRITE_TARGET and ratio <= RUN_TARGET
            print(f"\nTargets: {'PASS' if ok else 'MISS'}")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
