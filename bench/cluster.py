"""The PostgreSQL cluster the PostgreSQL benchmarks (pg_bench.py,
diff_bench.py --engine postgresql) run on."""
import os
import subprocess

CLUSTER = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests", "pg", "cluster.sh")


def use_cluster(work):
    """Sets libpq's PG* variables for the cluster of PGHOST/PGPORT, else of
    the state file MIGRATE_PG_STATE names, else of a throwaway one started in
    `work` with tests/pg/cluster.sh; returns the state file of the one started
    (for stop_cluster), or None."""
    started = None
    if not os.environ.get("PGHOST") and os.environ.get("MIGRATE_PG_STATE"):
        _load(os.environ["MIGRATE_PG_STATE"])
    if not os.environ.get("PGHOST"):
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
