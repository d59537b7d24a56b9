"""The database engines the scenario suite runs against.

A scenario talks to a database only through a Session (one connection) that
its Engine made, so the same test runs on every engine. MIGRATE_TEST_ENGINE
names the engine (sqlite by default).

Adding an engine means a subclass of Engine and one of Session, registered in
ENGINES; the docstrings below are the contract. Session.spec must be plain
JSON, because a worker process (scenarios.worker) reconnects from it.
"""

import os
import re
import sqlite3
import time

import pg_cluster  # tests/pg_cluster.py; tests/ is the working directory

# The columns of migrate_versions, in the reference's order, then the audit
# log's checksum and modified flag.
VERSION_COLUMNS = [
    "revision", "down_revision", "branch_labels", "depends_on", "message", "create_date", "path",
    "is_head", "is_base", "is_branch_point", "is_merge_point", "is_current", "is_applied",
    "checksum", "modified",
]
FLAG_COLUMNS = [c for c in VERSION_COLUMNS if c.startswith("is_") or c == "modified"]


class MigrateError(Exception):
    """A statement failed; `message` is the database's error text and `code`
    the engine's name for its class (SQLite: SQLITE_BUSY; PostgreSQL: the
    SQLSTATE)."""

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        self.code = code


class Engine:
    """What a scenario needs from an engine."""

    name = None

    def create_database(self, workdir):
        """A fresh, empty database (nothing but what the engine always has)
        with the migrate functions available; returns a Session on it.
        `workdir` is a scratch folder that is removed after the test."""
        raise NotImplementedError

    def connect(self, spec, wait=True):
        """Another Session on the database of Session.spec (maybe in another
        process). wait=False: a call that would wait for another
        connection's lock fails at once instead."""
        raise NotImplementedError

    def is_busy_error(self, error):
        """Whether a MigrateError is the engine's own 'locked by another
        connection' error (what a wait=False session gets)."""
        raise NotImplementedError

    def missing_table_message(self, table):
        """A regular expression matching the engine's error text for a
        statement on a table that does not exist."""
        raise NotImplementedError

    def sleep_sql(self, seconds):
        """A statement, valid in a revision's SQL, that takes `seconds`."""
        raise NotImplementedError


class Session:
    """One connection. Autocommit unless begin() was called."""

    engine = None
    spec = None

    def call(self, function, *args):
        """SELECT function(args...) and return its value (None for NULL);
        raises MigrateError with the statement's error."""
        raise NotImplementedError

    def select(self, sql):
        """Runs one query; returns (column names, list of row tuples).
        Raises MigrateError."""
        raise NotImplementedError

    def execute(self, sql):
        """Runs one statement. Raises MigrateError."""
        raise NotImplementedError

    def literal(self, text):
        return "'" + text.replace("'", "''") + "'"

    def identifier(self, name):
        return '"' + name.replace('"', '""') + '"'

    def begin(self):
        self.execute("BEGIN")

    def commit(self):
        self.execute("COMMIT")

    def rollback(self):
        self.execute("ROLLBACK")

    def in_transaction(self):
        raise NotImplementedError

    def tables(self):
        """The names of the user's tables (the version table included), sorted."""
        raise NotImplementedError

    def columns(self, table):
        """The column names of `table`, in order."""
        raise NotImplementedError

    def snapshot(self):
        """A comparable picture of the whole schema (tables, columns, indexes,
        constraints, views, triggers...) so a test can see that nothing changed."""
        raise NotImplementedError

    def flag(self, value):
        """An is_* column's value as a Python bool; raises if it is not the
        engine's boolean representation (SQLite 0/1, PostgreSQL boolean)."""
        raise NotImplementedError

    def close(self):
        """Closing the session create_database returned removes its database
        (SQLite: the file goes with the test's scratch folder)."""
        raise NotImplementedError

    # ---- engine-neutral helpers ---------------------------------------------------

    def rows(self, sql):
        return self.select(sql)[1]

    def scalar(self, sql):
        rows = self.rows(sql)
        return rows[0][0] if rows else None

    def version_rows(self, table="alembic_version"):
        """The version table's rows, sorted; None when the table does not exist."""
        if table not in self.tables():
            return None
        return sorted(r[0] for r in self.rows("SELECT version_num FROM " + self.identifier(table)))

    def config(self, key, *value):
        """migrate_config(key) or migrate_config(key, value)."""
        return self.call("migrate_config", key, *value)

    def use_script_location(self, path):
        self.call("migrate_config", "script_location", path)

    def versions(self, script_location=None):
        """migrate_versions as dicts (is_* as bools), in the table's order."""
        sql = "SELECT * FROM migrate_versions"
        if script_location is not None:
            sql += "(%s)" % self.literal(script_location)
        names, rows = self.select(sql)
        if names != VERSION_COLUMNS:
            raise AssertionError("migrate_versions columns are %r" % (names,))
        out = []
        for row in rows:
            item = dict(zip(names, row))
            for c in FLAG_COLUMNS:
                item[c] = self.flag(item[c])
            out.append(item)
        return out


# ---- SQLite ---------------------------------------------------------------------


def sqlite_extension_path():
    path = os.environ.get("MIGRATE_SQLITE_EXTENSION")
    if not path:
        raise RuntimeError("MIGRATE_SQLITE_EXTENSION must name the built migrate.so")
    return path


class SqliteSession(Session):
    def __init__(self, engine, path, wait=True, read_only=False):
        self.engine = engine
        self.spec = {"path": path}
        # isolation_level=None: the module never opens transactions behind our
        # back. timeout is the busy timeout: 0 fails at once on a lock.
        target = "file:%s?mode=ro" % path if read_only else path
        self.conn = sqlite3.connect(target, isolation_level=None, timeout=30.0 if wait else 0.0, uri=read_only)
        self.conn.enable_load_extension(True)
        self.conn.load_extension(sqlite_extension_path())
        self.conn.enable_load_extension(False)
        self.conn.create_function("test_sleep", 1, _sleep)

    def _run(self, sql, params=()):
        try:
            cursor = self.conn.execute(sql, params)
            try:
                names = [d[0] for d in cursor.description] if cursor.description else []
                return names, cursor.fetchall()
            finally:
                cursor.close()
        except sqlite3.Error as e:
            raise MigrateError(str(e), getattr(e, "sqlite_errorname", None)) from None

    def call(self, function, *args):
        placeholders = ", ".join("?" for _ in args)
        rows = self._run("SELECT %s(%s)" % (function, placeholders), args)[1]
        return rows[0][0]

    def select(self, sql):
        return self._run(sql)

    def execute(self, sql):
        self._run(sql)

    def executescript(self, sql):
        """Several statements, outside a transaction (SQLite only)."""
        try:
            self.conn.executescript(sql)
        except sqlite3.Error as e:
            raise MigrateError(str(e), getattr(e, "sqlite_errorname", None)) from None

    def in_transaction(self):
        return self.conn.in_transaction

    def tables(self):
        return [r[0] for r in self.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY name")]

    def columns(self, table):
        return [r[1] for r in self.rows("PRAGMA table_info(%s)" % self.literal(table))]

    def snapshot(self):
        return self.rows("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")

    def table_sql(self, table):
        """The CREATE TABLE text SQLite keeps (SQLite only)."""
        return self.scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s" % self.literal(table))

    def flag(self, value):
        if type(value) is not int or value not in (0, 1):
            raise AssertionError("an is_* column of migrate_versions is %r, not 0 or 1" % (value,))
        return bool(value)

    def close(self):
        self.conn.close()


def _sleep(seconds):
    time.sleep(seconds)
    return 1


class SqliteEngine(Engine):
    name = "sqlite"

    def create_database(self, workdir):
        return SqliteSession(self, os.path.join(workdir, "test.db"))

    def connect(self, spec, wait=True):
        return SqliteSession(self, spec["path"], wait)

    def is_busy_error(self, error):
        return error.code == "SQLITE_BUSY" and "database is locked" in error.message

    def missing_table_message(self, table):
        return "no such table: " + re.escape(table)

    def sleep_sql(self, seconds):
        # test_sleep is a function every SqliteSession registers.
        return "SELECT test_sleep(%s);" % seconds


# ---- PostgreSQL -----------------------------------------------------------------
# The cluster that tests/pg/cluster.sh started (see pg_cluster). Each test gets
# its own database with the extension, dropped when it ends.


class PostgresSession(Session):
    def __init__(self, engine, spec, wait=True, owns_database=False):
        self.engine = engine
        self.spec = spec
        self.owns_database = owns_database
        self.conn = pg_cluster.connect(spec["dbname"])  # autocommit: begin() sends BEGIN, as on SQLite
        if not wait:
            # The deployer lock is an ordinary lock: fail instead of waiting.
            self.execute("SET lock_timeout = '1ms'")

    def _run(self, sql, params=None):
        import psycopg2

        try:
            with self.conn.cursor() as cursor:
                cursor.execute(sql, params)
                if cursor.description is None:
                    return [], []
                return [d[0] for d in cursor.description], cursor.fetchall()
        except psycopg2.Error as e:
            message = e.diag.message_primary or str(e).strip()
            raise MigrateError(message, e.pgcode) from None

    def call(self, function, *args):
        placeholders = ", ".join("%s" for _ in args)
        return self._run("SELECT %s(%s)" % (function, placeholders), args)[1][0][0]

    def select(self, sql):
        return self._run(sql)

    def execute(self, sql):
        self._run(sql)

    def in_transaction(self):
        import psycopg2.extensions

        return self.conn.info.transaction_status != psycopg2.extensions.TRANSACTION_STATUS_IDLE

    def tables(self):
        return [r[0] for r in self.rows(
            "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace "
            "AND relkind IN ('r', 'p') ORDER BY relname COLLATE \"C\"")]

    def columns(self, table):
        return [r[0] for r in self.rows(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass(%s) AND attnum > 0 "
            "AND NOT attisdropped ORDER BY attnum" % self.literal(self.identifier(table)))]

    SNAPSHOT = """
        WITH rel AS (
            SELECT c.oid, c.relkind, n.nspname || '.' || c.relname AS name
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%')
        SELECT 'relation', name, relkind::text, '' FROM rel
        UNION ALL
        SELECT 'column', rel.name, a.attname, format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull
               THEN ' NOT NULL' ELSE '' END || coalesce(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '')
          FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        UNION ALL
        SELECT 'constraint', rel.name, c.conname, pg_get_constraintdef(c.oid)
          FROM rel JOIN pg_constraint c ON c.conrelid = rel.oid
        UNION ALL
        SELECT 'index', rel.name, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
          FROM rel JOIN pg_index i ON i.indrelid = rel.oid
        UNION ALL
        SELECT 'view', rel.name, '', pg_get_viewdef(rel.oid) FROM rel WHERE relkind IN ('v', 'm')
        UNION ALL
        SELECT 'trigger', rel.name, t.tgname, pg_get_triggerdef(t.oid)
          FROM rel JOIN pg_trigger t ON t.tgrelid = rel.oid AND NOT t.tgisinternal
        UNION ALL
        SELECT 'function', p.oid::regprocedure::text, '', md5(p.prosrc)
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
        ORDER BY 1, 2, 3, 4"""

    def snapshot(self):
        return self.rows(self.SNAPSHOT)

    def flag(self, value):
        if type(value) is not bool:
            raise AssertionError("an is_* column of migrate_versions is %r, not a boolean" % (value,))
        return value

    def close(self):
        self.conn.close()
        if self.owns_database:
            pg_cluster.drop_database(self.spec["dbname"])


class PostgresEngine(Engine):
    name = "postgresql"

    def create_database(self, workdir):
        session = PostgresSession(self, {"dbname": pg_cluster.create_database("scenario_")}, owns_database=True)
        session.execute("CREATE EXTENSION migrate")
        return session

    def connect(self, spec, wait=True):
        return PostgresSession(self, spec, wait)

    def is_busy_error(self, error):
        return error.code == "55P03"  # lock_not_available: lock_timeout expired

    def missing_table_message(self, table):
        return 'relation "%s" does not exist' % re.escape(table)

    def sleep_sql(self, seconds):
        return "SELECT pg_sleep(%s);" % seconds


ENGINES = {"sqlite": SqliteEngine, "postgresql": PostgresEngine}


def engine_named(name):
    if name not in ENGINES:
        raise RuntimeError("MIGRATE_TEST_ENGINE=%s: the engines are %s" % (name, ", ".join(sorted(ENGINES))))
    return ENGINES[name]()


def engine_from_environment():
    return engine_named(os.environ.get("MIGRATE_TEST_ENGINE", "sqlite"))
