"""The PostgreSQL cluster tests/pg/cluster.sh started, as the Python suites
(scenarios/, diff/) use it: connection settings, connections and databases.

The scenarios import it from their working directory (tests/), the diff tests
through the PYTHONPATH tests/diff/CMakeLists.txt gives them.
"""

import os
import uuid


def connection_settings():
    """host, port and user: PGHOST, PGPORT and PGUSER from the environment,
    else from the state file MIGRATE_PG_STATE names."""
    values = {}
    state = os.environ.get("MIGRATE_PG_STATE")
    if state and os.path.exists(state):
        with open(state) as f:
            for line in f:
                key, sep, value = line.strip().partition("=")
                if sep:
                    values[key] = value
    for key in ("PGHOST", "PGPORT", "PGUSER"):
        if os.environ.get(key):
            values[key] = os.environ[key]
    if "PGHOST" not in values:
        raise RuntimeError("no PostgreSQL test cluster: MIGRATE_PG_STATE (written by tests/pg/cluster.sh) or "
                           "PGHOST/PGPORT must name one")
    return {"host": values["PGHOST"], "port": values.get("PGPORT", "5432"), "user": values.get("PGUSER", "postgres")}


def connect(dbname):
    """An autocommit connection to a database of the cluster."""
    import psycopg2  # only the PostgreSQL runs need it

    conn = psycopg2.connect(dbname=dbname, **connection_settings())
    conn.autocommit = True
    return conn


def _admin(sql):
    conn = connect("postgres")
    try:
        conn.cursor().execute(sql)
    finally:
        conn.close()


def create_database(prefix):
    """A new empty database, prefix + a random suffix; returns its name."""
    dbname = prefix + uuid.uuid4().hex[:12]
    _admin(f'CREATE DATABASE "{dbname}"')
    return dbname


def drop_database(dbname):
    _admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
