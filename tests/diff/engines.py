"""The engines the schema-diff tests run on.

MIGRATE_DIFF_ENGINE names one (sqlite by default). An engine makes Sessions
on fresh databases; a test talks to a database only through its Session, so
the corpus runner and the function tests run unchanged on every engine.

An engine is a class with Engine's methods and one with Session's,
registered in ENGINES, and a corpus folder corpus/<Engine.corpus>/ of its own
pairs (the dialects differ). PostgreSQL runs on the cluster of tests/pg
(MIGRATE_PG_STATE names the state file its cluster.sh writes), one database
per Session.
"""

import os
import re
import sqlite3

import pg_cluster  # tests/pg_cluster.py, on the PYTHONPATH that CMakeLists.txt sets


class MigrateError(Exception):
    """A statement failed; the message is the database's error text."""


class Engine:
    name = None
    corpus = None  # the folder of corpus/ holding this engine's pairs

    def create(self, workdir):
        """A Session on a fresh, empty database with migrate loaded; `workdir`
        is a scratch folder removed after the test."""
        raise NotImplementedError


class Session:
    def run_script(self, sql):
        """Runs SQL text of several statements, outside any transaction."""
        raise NotImplementedError

    def load(self, sql):
        """Runs a schema file as a client would, in a session of its own:
        the settings it makes (pg_dump's search_path) stay there."""
        self.run_script(sql)

    def call(self, function, *args):
        """SELECT function(args...); raises MigrateError on failure."""
        raise NotImplementedError

    def enforce_foreign_keys(self):
        """Turns foreign-key enforcement on, where the engine lets it be off."""
        raise NotImplementedError

    def tables(self):
        """The user tables, without migrate's own."""
        raise NotImplementedError

    def columns(self, table):
        raise NotImplementedError

    def rows(self, table, columns):
        """The table's rows restricted to `columns`, sorted."""
        raise NotImplementedError

    def problems(self):
        """Integrity problems (foreign-key violations, corruption), as text."""
        raise NotImplementedError

    def fingerprint(self):
        """The schema as the engine's catalog describes it, read without
        migrate, for comparing two databases."""
        raise NotImplementedError

    def url(self):
        """An SQLAlchemy URL to the same database, for Alembic."""
        raise NotImplementedError

    def close(self):
        raise NotImplementedError


class SQLiteEngine(Engine):
    name = "sqlite"
    corpus = "sqlite"

    def __init__(self):
        self.extension = os.environ.get("MIGRATE_SQLITE_EXTENSION")
        if not self.extension or not os.path.exists(self.extension):
            raise RuntimeError("MIGRATE_SQLITE_EXTENSION must name the built migrate.so (run through ctest)")

    def create(self, workdir):
        return SQLiteSession(os.path.join(workdir, "app.db"), self.extension)


MIGRATE_TABLES = ("alembic_version", "alembic_version_log")


class SQLiteSession(Session):
    def __init__(self, path, extension):
        self.path = path
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.enable_load_extension(True)
        self.conn.load_extension(extension)
        self.conn.enable_load_extension(False)

    def run_script(self, sql):
        self.conn.executescript(sql)

    def call(self, function, *args):
        placeholders = ", ".join("?" for _ in args)
        try:
            return self.conn.execute(f"SELECT {function}({placeholders})", args).fetchone()[0]
        except sqlite3.Error as e:
            raise MigrateError(str(e)) from None

    def enforce_foreign_keys(self):
        self.conn.execute("PRAGMA foreign_keys = ON")

    def tables(self):
        names = [r[0] for r in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")]
        return sorted(n for n in names if n.lower() not in MIGRATE_TABLES)

    def columns(self, table):
        return [r[1] for r in self.conn.execute("SELECT * FROM pragma_table_info(?)", (table,))]

    def rows(self, table, columns):
        select = ", ".join(quote(c) for c in columns)
        return sorted((tuple(comparable(v) for v in row)
                       for row in self.conn.execute(f"SELECT {select} FROM {quote(table)}")), key=repr)

    def problems(self):
        out = [f"foreign key violation: {r}" for r in self.conn.execute("PRAGMA foreign_key_check")]
        out += [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        return out

    def fingerprint(self):
        def q(sql, *args):
            return [tuple(r) for r in self.conn.execute(sql, args)]

        out = {}
        for table in self.tables():
            t = table.lower()
            out[("table", t)] = (
                sorted((name.lower(), typ.lower(), notnull, squash(dflt), pk, hidden)
                       for _, name, typ, notnull, dflt, pk, hidden in q("SELECT * FROM pragma_table_xinfo(?)", table)),
                sorted((ref.lower(), frm.lower(), to and to.lower(), upd, dele, match)
                       for _, _, ref, frm, to, upd, dele, match in q("SELECT * FROM pragma_foreign_key_list(?)", table)),
                sorted((unique, origin, partial, tuple((c or "").lower()
                                                       for c in self._index_columns(name)))
                       for _, name, unique, origin, partial in q("SELECT * FROM pragma_index_list(?)", table)
                       if origin != "c"),
            )
        for kind, name, table, sql in q("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                        "WHERE type IN ('index', 'view', 'trigger') AND sql IS NOT NULL"):
            if table.lower() in MIGRATE_TABLES:
                continue
            out[(kind, name.lower())] = (table.lower(), squash(sql))
        return out

    def url(self):
        return "sqlite:///" + self.path

    def _index_columns(self, index):
        return [r[2] for r in self.conn.execute("SELECT * FROM pragma_index_info(?)", (index,))]

    def close(self):
        self.conn.close()


def quote(name):
    return '"' + name.replace('"', '""') + '"'


def squash(sql):
    """SQL text with white space and identifier quoting made uniform (the
    engine keeps what was written, and a rename re-quotes the name)."""
    if sql is None:
        return None
    sql = re.sub(r'"([A-Za-z_][A-Za-z0-9_]*)"', r"\1", sql)
    return re.sub(r"\s+", " ", re.sub(r"\s*([(),])\s*", r"\1", sql)).strip().lower()


def comparable(value):
    """A value as a type change keeps it: 1, 1.0 and '1' are the same datum."""
    if isinstance(value, (int, float)):
        return repr(float(value))
    if isinstance(value, str):
        try:
            return repr(float(value))
        except ValueError:
            return value
    return value


# ---- PostgreSQL -----------------------------------------------------------------


class PostgreSQLEngine(Engine):
    name = "postgresql"
    corpus = "postgresql"

    def __init__(self):
        import psycopg2  # only the PostgreSQL runs need it

        self.psycopg2 = psycopg2
        self.settings = pg_cluster.connection_settings()

    def create(self, workdir):
        # The server runs as another user: it reads the schema files and
        # writes revision files under the scratch folder.
        for folder, dirs, _ in os.walk(workdir):
            os.chmod(folder, 0o777)
        session = PostgreSQLSession(self, pg_cluster.create_database("diff_"))
        session.run_script("CREATE EXTENSION migrate")
        return session


class PostgreSQLSession(Session):
    def __init__(self, engine, dbname):
        self.engine = engine
        self.dbname = dbname
        self.conn = pg_cluster.connect(dbname)

    def _rows(self, sql, args=None):
        with self.conn.cursor() as cur:
            cur.execute(sql, args)
            return cur.fetchall() if cur.description else []

    def run_script(self, sql):
        if sql.strip():
            self._rows(sql)

    def load(self, sql):
        conn = pg_cluster.connect(self.dbname)
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
        finally:
            conn.close()

    def call(self, function, *args):
        placeholders = ", ".join("%s" for _ in args)
        try:
            return self._rows(f"SELECT {function}({placeholders})", args)[0][0]
        except self.engine.psycopg2.Error as e:
            raise MigrateError(e.diag.message_primary or str(e)) from None

    def enforce_foreign_keys(self):
        pass  # always enforced

    def tables(self):
        names = [r[0] for r in self._rows(
            "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'")]
        return sorted(n for n in names if n not in MIGRATE_TABLES)

    def columns(self, table):
        return [r[0] for r in self._rows(
            "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped "
            "ORDER BY attnum", (quote(table),))]

    def rows(self, table, columns):
        # As text, so that a type change keeps comparable values; ONLY the
        # table's own rows, not those of the tables that inherit from it.
        select = ", ".join(f"{quote(c)}::text" for c in columns)
        return sorted((tuple(comparable(v) for v in row)
                       for row in self._rows(f"SELECT {select} FROM ONLY {quote(table)}")), key=repr)

    def problems(self):
        # Keys and checks are enforced; one left NOT VALID would hide rows.
        return [f"not validated: {r[0]}" for r in self._rows(
            "SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace "
            "AND NOT convalidated ORDER BY conname")]

    # Everything of the current schema but extension members and migrate's
    # tables, without positions or oids, sorted.
    FINGERPRINT = """
        WITH rel AS (
            SELECT c.oid, c.relname, c.relkind FROM pg_class c
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v', 'S')
               AND c.relname NOT IN ('alembic_version', 'alembic_version_log')
               AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                               AND e.objid = c.oid AND e.deptype = 'e'))
        SELECT 'relation', relname, relkind::text, coalesce(obj_description(oid, 'pg_class'), '') FROM rel
        UNION ALL
        SELECT 'column', rel.relname, a.attname, concat_ws(' ', format_type(a.atttypid, a.atttypmod),
               a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, a.attcollation::regcollation,
               col_description(rel.oid, a.attnum))
          FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE rel.relkind IN ('r', 'v')
        UNION ALL
        SELECT 'constraint', rel.relname, k.conname, pg_get_constraintdef(k.oid)
          FROM rel JOIN pg_constraint k ON k.conrelid = rel.oid
        UNION ALL
        SELECT 'index', rel.relname, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
          FROM rel JOIN pg_index i ON i.indrelid = rel.oid
        UNION ALL
        SELECT 'view', relname, '', pg_get_viewdef(oid) FROM rel WHERE relkind = 'v'
        UNION ALL
        -- pg_dump sets default_table_access_method before a CREATE TABLE, which the dump's comparison skips.
        SELECT 'access method', rel.relname, '', am.amname FROM rel JOIN pg_class c ON c.oid = rel.oid
          JOIN pg_am am ON am.oid = c.relam
        UNION ALL
        SELECT 'sequence', rel.relname, format_type(s.seqtypid, NULL),
               concat_ws(' ', s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
          FROM rel JOIN pg_sequence s ON s.seqrelid = rel.oid
        UNION ALL
        SELECT 'enum', t.typname, '', string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
          FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
         WHERE t.typnamespace = current_schema()::regnamespace GROUP BY t.typname
        ORDER BY 1, 2, 3, 4"""

    def fingerprint(self):
        out = {(r[0], r[1], r[2]): r[3] for r in self._rows(self.FINGERPRINT)}
        out.update({("dump", statement, ""): "" for statement in self.schema_dump()})
        return out

    def schema_dump(self):
        """pg_dump --schema-only's statements of everything but migrate's own
        (settings, its extension, the version table), sorted, with the column
        lines of each CREATE TABLE sorted: an added column comes last."""
        import subprocess

        s = self.engine.settings
        dump = subprocess.run(["pg_dump", "--schema-only", "--no-owner", "--no-privileges", "-h", s["host"],
                               "-p", s["port"], "-U", s["user"], "-T", "alembic_version", "-T", "alembic_version_log",
                               self.dbname], check=True, capture_output=True, text=True).stdout
        statements = []
        for text in dump.split(";\n"):
            lines = [line for line in text.splitlines()
                     if line.strip() and not line.startswith("--") and not line.startswith("\\")]
            if not lines or lines[0].startswith(("SET ", "SELECT pg_catalog.set_config")) or "EXTENSION migrate" in \
                    lines[0] or "EXTENSION IF NOT EXISTS migrate " in lines[0]:
                continue
            if lines[0].startswith("CREATE TABLE") and lines[0].endswith("(") and len(lines) > 2:
                lines = [lines[0]] + sorted(line.strip().rstrip(",") for line in lines[1:-1]) + [lines[-1]]
            statements.append("\n".join(lines))
        return sorted(statements)

    def url(self):
        s = self.engine.settings
        return f"postgresql+psycopg2://{s['user']}@/{self.dbname}?host={s['host']}&port={s['port']}"

    def close(self):
        if self.conn.closed:
            return
        self.conn.close()
        pg_cluster.drop_database(self.dbname)


ENGINES = {"sqlite": SQLiteEngine, "postgresql": PostgreSQLEngine}


def engine():
    name = os.environ.get("MIGRATE_DIFF_ENGINE", "sqlite")
    if name not in ENGINES:
        raise RuntimeError(f"MIGRATE_DIFF_ENGINE={name!r}: the engines are {', '.join(ENGINES)}")
    return ENGINES[name]()
