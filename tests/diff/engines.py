"""The engines the schema-diff tests run on.

MIGRATE_DIFF_ENGINE names one (sqlite by default). An engine makes Sessions
on fresh databases; a test talks to a database only through its Session, so
the corpus runner and the function tests run unchanged on every engine.

Adding PostgreSQL means a class with Engine's methods and one with Session's,
registered in ENGINES, and a corpus folder corpus/<Engine.corpus>/ of its own
pairs (its dialect differs).
"""

import os
import re
import sqlite3


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


ENGINES = {"sqlite": SQLiteEngine}


def engine():
    name = os.environ.get("MIGRATE_DIFF_ENGINE", "sqlite")
    if name not in ENGINES:
        raise RuntimeError(f"MIGRATE_DIFF_ENGINE={name!r}: the engines are {', '.join(ENGINES)}")
    return ENGINES[name]()
