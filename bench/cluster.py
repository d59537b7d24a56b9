"""The PostgreSQL cluster the PostgreSQL benchmarks (pg_bench.py,
diff_bench.py --engine postgresql) run on."""
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLUSTER = os.path.join(ROOT, "tests", "pg", "cluster.sh")


def _private_bindir():
    """The server of the private PostgreSQL copy the tests install the
    extension into (build/pg-install), when it exists: the benchmarks never
    need the extension in the system tree."""
    bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
    private = os.path.join(ROOT, "build", "pg-install") + bindir
    return private if os.path.exists(os.path.join(private, "postgres")) else None


def use_cluster(work):
    """Sets libpq's PG* variables for the cluster of PGHOST/PGPORT, else of
    the state file MIGRATE_PG_STATE names, else of a throwaway one started in
    `work` with tests/pg/cluster.sh (the server of MIGRATE_PG_BINDIR, else of
    build/pg-install when ctest installed the extension there); returns the state file of the one started
    (for stop_cluster), or None."""
    started = None
    if not os.environ.get("PGHOST") and os.environ.get("MIGRATE_PG_STATE"):
        _load(os.environ["MIGRATE_PG_STATE"])
    if not os.environ.get("PGHOST"):
        if not os.environ.get("MIGRATE_PG_BINDIR") and _private_bindir():
            os.environ["MIGRATE_PG_BINDIR"] = _private_bindir()
        started = os.path.join(work, "cluster.env")
        subprocess.run([CLUSTER, "start", started], check=True, stdout=subprocess.DEVNULL)
        _load(started)
    os.environ.setdefault("PGUSER", "postgres")
    return started


def stop_cluster(started):
    if started:
        subprocess.run([CLUSTER, "stop", started], check=False, stdout=subprocess.DEVNULL)


def _load(path):
    with open(path) as f:
        for line in f:
            key, sep, value = line.strip().partition("=")
            if sep:
                os.environ[key] = value
