"""Untrusted input: hostile or broken script folders, settings and database
files. Each case is a clear SQL error (naming the file where there is one)
with nothing written: schema, version table and audit log as before, no
file created; or, for input that is valid however odd, the call just works.

MIGRATE_TEST_REPORT=1 prints what each test saw (docs/RELIABILITY.md)."""

import os
import shutil
import sqlite3
import sys
import threading
import time
import unittest

from .engines import MigrateError
from .invariants import NothingWrittenMixin, full_state, log_rows
from .scenario import ScenarioTest, log, rev, write_file


def report(text):
    if os.environ.get("MIGRATE_TEST_REPORT"):
        print("\n    [report] " + text, file=sys.stderr)


def write_bytes(path, data):
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, 0o644)


def files_under(root):
    return sorted(os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names)


# Every call that reads the script folder, with the arguments to try.
READING_CALLS = [("migrate_heads", ()), ("migrate_upgrade", ("head",)), ("migrate_upgrade", ("heads",)),
                 ("migrate_downgrade", ("base",)), ("migrate_stamp", ("heads",))]


class UntrustedTest(NothingWrittenMixin, ScenarioTest):
    def assertEveryCallRefuses(self, *contains):
        """Every reading call, and migrate_versions, fails with each of
        `contains` in its message, writing nothing. Returns one message."""
        message = None
        for function, args in READING_CALLS:
            with self.subTest(function=function, args=args):
                message = self.assertFailsWithoutWriting(function, *args, contains=contains).message
        before = full_state(self.db)
        with self.assertRaises(MigrateError) as caught:
            self.db.versions()
        for text in contains:
            self.assertIn(text, caught.exception.message)
        self.assertEqual(full_state(self.db), before)
        return message

    def call_or_hang(self, function, *args, timeout=30):
        """The call on its own connection in a thread: a call that blocks
        fails the test instead of hanging it. Returns the error, or None."""
        outcome = {}

        def run():
            session = self.engine.connect(self.db.spec)
            try:
                session.use_script_location(self.root)
                outcome["result"] = session.call(function, *args)
            except MigrateError as e:
                outcome["error"] = e
            finally:
                session.close()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        thread.join(timeout)
        self.assertFalse(thread.is_alive(), "%s%r hung" % (function, args))
        return outcome.get("error")


# ---- leaving versions/ ------------------------------------------------------------


class LeavingVersionsTest(UntrustedTest):
    """A file_template or a message that tries to write outside versions/."""

    def setUp(self):
        super().setUp()
        self.root = self.project(rev("a"))
        # The PostgreSQL server writes revision files as its own user.
        os.chmod(os.path.join(self.root, "versions"), 0o777)
        self.upgrade("a")

    def assertNothingEscapes(self, function, *args, contains=()):
        """Fails writing nothing: no file in the test's folder, and no new
        .sql file in the folder above it ("../../" from versions/)."""
        above = os.path.dirname(self.dir)
        before = files_under(self.dir), [n for n in os.listdir(above) if n.endswith(".sql")]
        error = self.assertFailsWithoutWriting(function, *args, contains=contains)
        after = files_under(self.dir), [n for n in os.listdir(above) if n.endswith(".sql")]
        self.assertEqual(after, before, "a file was written")
        return error

    def test_file_template_leaving_versions(self):
        escape = os.path.join(self.dir, "escaped")
        templates = ["../%(rev)s_%(slug)s", "../../%(rev)s", "%(rev)s/../../x_%(slug)s", escape + "_%(rev)s", "..",
                     ".hidden_%(rev)s"]
        if self.engine.name == "sqlite":
            templates.append("%(rev)s\x00_%(slug)s")  # PostgreSQL's text cannot hold a NUL
        for template in templates:
            with self.subTest(template=template):
                self.db.config("file_template", template)
                error = self.assertNothingEscapes("migrate_revision", "escape attempt",
                                                  contains="would leave the versions folder")
                self.assertNothingEscapes("migrate_merge", "heads", "escape attempt",
                                          contains="would leave the versions folder")
                report("file_template %r: %s" % (template, error.message))

    def test_revision_id_leaving_versions(self):
        self.db.config("file_template", "%(rev)s")
        error = self.assertNothingEscapes("migrate_revision", "escape attempt", False, "rev_id=../../x",
                                          contains="would leave the versions folder")
        report("rev_id=../../x: %s" % error.message)

    def test_message_cannot_leave_versions(self):
        # A message reaches the file name only through the slug, which keeps
        # word characters: the file lands in versions/.
        for message in ["../../../tmp/evil", "/etc/passwd", "a/../../b", "..\\..\\x"]:
            with self.subTest(message=message):
                path = self.db.call("migrate_revision", message)
                self.assertEqual(os.path.dirname(path), os.path.join(self.root, "versions"))
                self.assertNotIn("/", os.path.basename(path))
                os.remove(path)

    def test_message_with_nul_or_invalid_utf8_writes_no_file(self):
        self.require_engine("sqlite", "PostgreSQL's text holds neither NUL nor invalid UTF-8")
        for label, sql in [("NUL", "SELECT migrate_revision('before' || char(0) || 'after')"),
                           ("invalid UTF-8", "SELECT migrate_revision(CAST(x'636166e9' AS TEXT))")]:
            with self.subTest(message=label):
                before = files_under(self.dir), full_state(self.db)
                with self.assertRaises(MigrateError) as caught:
                    self.db.select(sql)
                self.assertIn("a revision file must be UTF-8 text", caught.exception.message)
                self.assertEqual((files_under(self.dir), full_state(self.db)), before)
                report("migrate_revision with a %s message: %s" % (label, caught.exception.message))


# ---- big files ---------------------------------------------------------------------

TEN_MB = 10 * 1024 * 1024


class BigFileTest(UntrustedTest):
    def test_ten_megabyte_revision_runs(self):
        # 10 MB of valid SQL: read, checksummed, run and undone like any other.
        line = "INSERT INTO big (v) VALUES ('%s');\n" % ("x" * 70)
        rows = TEN_MB // len(line) + 1
        big = rev("b", "a", message="ten megabytes", upgrade="CREATE TABLE big (v VARCHAR(80));\n" + line * rows,
                  downgrade="DROP TABLE big;")
        self.root = self.project(rev("a"), big)
        size = os.path.getsize(self.path_of(self.root, big))
        self.assertGreater(size, TEN_MB)
        started = time.monotonic()
        self.assertEqual(self.upgrade("head"), log("upgrade  -> a, create t_a", "upgrade a -> b, ten megabytes"))
        upgrade_time = time.monotonic() - started
        self.assertEqual(self.db.scalar("SELECT count(*) FROM big"), rows)
        self.assertEqual(len(self.db.versions()[1]["checksum"]), 64)
        self.assertEqual(self.downgrade("a"), log("downgrade b -> a, ten megabytes"))
        self.assertState(["a"], ["t_a"])
        report("%s: %d-byte revision, %d INSERTs: upgrade %.1fs" % (self.engine.name, size, rows, upgrade_time))

    def test_ten_megabyte_message(self):
        # A valid header whose message is 10 MB long is read exactly.
        message = "m" * TEN_MB
        self.root = self.project(rev("a", message=message, filename="a_long.sql"))
        self.assertEqual(self.heads(), "a")
        self.assertEqual(len(self.db.versions()[0]["message"]), TEN_MB)

    def test_ten_megabytes_of_junk(self):
        # No header at all: the error names the file and stays short.
        self.root = self.project(rev("a"))
        junk = os.path.join(self.root, "versions", "junk.sql")
        write_file(junk, ("garbage " * 128 + "\n") * (TEN_MB // 1025))
        message = self.assertEveryCallRefuses(junk, "no 'Revision ID'")
        self.assertLess(len(message), 500)
        report("10 MB without a header: %s" % message)

    def test_ten_megabyte_identifiers(self):
        # An id, a Revises and a Depends On of 10 MB: short errors naming the file.
        self.root = self.project(rev("a"))
        versions = os.path.join(self.root, "versions")
        for name, text in [("id", rev("x" * TEN_MB, "a", filename="b.sql").text()),
                           ("revises", rev("b", "y" * TEN_MB).text()),
                           ("depends_on", rev("b", "a", depends_on="z" * TEN_MB).text())]:
            with self.subTest(field=name):
                path = os.path.join(versions, "b_%s.sql" % name)
                write_file(path, text)
                message = self.assertEveryCallRefuses(path)
                self.assertLess(len(message), 500)
                os.remove(path)
                report("a 10 MB %s: %s" % (name, message))


# ---- encodings ---------------------------------------------------------------------


def sql_bytes(id, message=b"create", upgrade=b"SELECT 1;", revises=b""):
    return (b"-- " + message + b"\n--\n-- Revision ID: " + id + b"\n-- Revises: " + revises +
            b"\n-- Create Date: 2026-11-21 10:15:00\n\n-- migrate:upgrade\n" + upgrade +
            b"\n\n-- migrate:downgrade\nSELECT 1;\n")


class EncodingTest(UntrustedTest):
    """Revision files are UTF-8 text. A NUL byte would cut the SQL an engine
    runs (and a message) short without a word, and invalid UTF-8 would reach
    PostgreSQL's tables unchecked: both are refused, naming file, line and
    column."""

    CASES = [
        # (name, file content, line, column)
        ("NUL in the message", sql_bytes(b"b", message=b"be\x00fore", revises=b"a"), 1, 6),
        ("NUL in the id", sql_bytes(b"b\x00c", revises=b"a"), 3, 18),
        ("NUL in the upgrade SQL", sql_bytes(b"b", upgrade=b"CREATE TABLE t_b (id INTEGER);\x00DROP TABLE t_a;",
                                             revises=b"a"), 8, 31),
        ("Latin-1 in the message", sql_bytes(b"b", message=b"caf\xe9", revises=b"a"), 1, 7),
        ("Latin-1 in the upgrade SQL", sql_bytes(b"b", upgrade=b"SELECT 'caf\xe9';", revises=b"a"), 8, 12),
        ("an overlong encoding", sql_bytes(b"b", message=b"\xc0\xaf", revises=b"a"), 1, 4),
        ("an encoded surrogate", sql_bytes(b"b", message=b"\xed\xa0\x80", revises=b"a"), 1, 4),
        ("a truncated sequence at the end", sql_bytes(b"b", revises=b"a") + b"\xe2\x82", 12, 1),
        ("NUL in an Alembic .py", b'"""msg\x00"""\nrevision = "b"\ndown_revision = "a"\n', 1, 7),
        ("Latin-1 in an Alembic .py", b'"""caf\xe9"""\nrevision = "b"\ndown_revision = "a"\n', 1, 7),
    ]

    def test_each_bad_byte_is_refused(self):
        self.root = self.project(rev("a"))
        self.upgrade("a")
        for name, content, line, column in self.CASES:
            with self.subTest(case=name):
                path = os.path.join(self.root, "versions", "b_bad." + ("py" if "Alembic" in name else "sql"))
                write_bytes(path, content)
                message = self.assertEveryCallRefuses(path, "line %d, column %d" % (line, column),
                                                      "a revision file must be UTF-8 text")
                os.remove(path)
                report("%s: %s" % (name, message))
        self.assertState(["a"], ["t_a"])

    def test_file_changed_to_bad_bytes_before_its_step(self):
        # The sections are read again when the step runs: checked again.
        self.root = self.project(rev("a"), rev("b", "a"))
        path = os.path.join(self.root, "versions", rev("b", "a").filename)
        with open(path, "rb") as f:
            good = f.read()
        write_bytes(path, good.replace(b"CREATE TABLE t_b", b"CREATE TABLE t_b\x00"))
        self.assertFailsWithoutWriting("migrate_upgrade", "head", contains=[path, "a NUL byte"])

    def test_valid_utf8_is_read_exactly(self):
        message = "caf\u00e9 \u65e5\u672c \U0001F680"
        a = rev("a", message=message, filename="a_unicode.sql",
                upgrade="CREATE TABLE t_a (v VARCHAR(20));\nINSERT INTO t_a VALUES ('%s');" % message)
        self.root = self.project(a)
        path = self.path_of(self.root, a)
        with open(path, "rb") as f:
            content = f.read()
        write_bytes(path, b"\xef\xbb\xbf" + content)  # with a byte order mark
        self.assertEqual(self.upgrade("head"), log("upgrade  -> a, " + message))
        self.assertEqual(self.db.versions()[0]["message"], message)
        self.assertEqual(self.db.scalar("SELECT v FROM t_a"), message)
        self.assertEqual(log_rows(self.db)[0][5], message)


# ---- identifiers ---------------------------------------------------------------------


class IdentifierLengthTest(UntrustedTest):
    def test_id_of_33_characters_is_refused(self):
        long_id = "a" * 33
        self.root = self.project(rev("base"))
        for suffix, text in [("sql", rev(long_id, "base").sql_text()), ("py", rev(long_id, "base", python=True).text())]:
            with self.subTest(kind=suffix):
                path = os.path.join(self.root, "versions", "long." + suffix)
                write_file(path, text)
                message = self.assertEveryCallRefuses(path, "is longer than 32 characters")
                os.remove(path)
                report(".%s revision with a 33-character id: %s" % (suffix, message))

    def test_id_of_32_characters_works(self):
        # The version table's VARCHAR(32) holds it on both engines.
        full = "b" * 32
        self.root = self.project(rev("a"), rev(full, "a", message="long id"))
        self.assertEqual(self.upgrade("head"), log("upgrade  -> a, create t_a", "upgrade a -> %s, long id" % full))
        self.assertCurrent(full)
        self.assertEqual(self.downgrade("a"), log("downgrade %s -> a, long id" % full))

    def test_targets_of_33_characters(self):
        self.root = self.project(rev("a"))
        for function in ["migrate_upgrade", "migrate_downgrade", "migrate_stamp"]:
            with self.subTest(function=function):
                self.assertFailsWithoutWriting(function, "c" * 33,
                                               contains="Can't locate revision identified by '%s'" % ("c" * 33))


# ---- the file system -------------------------------------------------------------------


class FileSystemTest(UntrustedTest):
    def setUp(self):
        super().setUp()
        self.root = self.project(rev("a"))
        self.versions = os.path.join(self.root, "versions")
        self.upgrade("a")

    def test_symlink_loop(self):
        os.symlink("loop2.sql", os.path.join(self.versions, "loop1.sql"))
        os.symlink("loop1.sql", os.path.join(self.versions, "loop2.sql"))
        self.assertIsNotNone(self.call_or_hang("migrate_heads"))
        message = self.assertEveryCallRefuses(os.path.join(self.versions, "loop1.sql"),
                                              "Too many levels of symbolic links")
        report("loop1.sql -> loop2.sql -> loop1.sql: %s" % message)

    def test_symlink_to_itself(self):
        os.symlink("self.sql", os.path.join(self.versions, "self.sql"))
        self.assertEveryCallRefuses(os.path.join(self.versions, "self.sql"), "Too many levels of symbolic links")

    def test_folder_loops_are_not_followed(self):
        # versions/ is not searched recursively: folder links are ignored.
        os.symlink(".", os.path.join(self.versions, "again"))
        os.symlink("..", os.path.join(self.versions, "up"))
        self.assertEqual(self.heads(), "a")
        self.assertEqual(len(self.db.versions()), 1)

    def test_folder_named_like_a_revision(self):
        os.symlink(".", os.path.join(self.versions, "dir.sql"))
        message = self.assertEveryCallRefuses(os.path.join(self.versions, "dir.sql"), "not a regular file")
        report("versions/dir.sql -> . : %s" % message)

    def test_named_pipe(self):
        # Opening a FIFO for reading waits for a writer: a call must not hang.
        os.mkfifo(os.path.join(self.versions, "b_pipe.sql"), 0o644)
        self.assertIsNotNone(self.call_or_hang("migrate_heads"))
        message = self.assertEveryCallRefuses(os.path.join(self.versions, "b_pipe.sql"), "not a regular file")
        report("a FIFO named b_pipe.sql: %s" % message)

    def test_endless_device(self):
        os.symlink("/dev/zero", os.path.join(self.versions, "b_zero.sql"))
        self.assertIsNotNone(self.call_or_hang("migrate_heads"))
        message = self.assertEveryCallRefuses(os.path.join(self.versions, "b_zero.sql"), "not a regular file")
        report("b_zero.sql -> /dev/zero: %s" % message)

    def test_versions_folder_is_a_symlink_loop(self):
        shutil.rmtree(self.versions)
        os.symlink("versions", self.versions)
        self.assertEveryCallRefuses(self.versions)


# ---- the version table's name ---------------------------------------------------------

HOSTILE_NAMES = ['x"; DROP TABLE y; --', "x'; DROP TABLE y; --", 'v\n"; DROP TABLE y; --']


class HostileVersionTableTest(UntrustedTest):
    """A version_table named to break out of its quotes: every statement
    quotes it as an identifier, so it is just an odd name."""

    def setUp(self):
        super().setUp()
        self.root = self.project(rev("a"), rev("b", "a"))
        self.db.execute("CREATE TABLE y (id INTEGER)")
        self.db.execute("INSERT INTO y VALUES (42)")

    def assertBaitIntact(self):
        self.assertEqual(self.db.rows("SELECT id FROM y"), [(42,)])

    def test_hostile_names_are_quoted(self):
        for name in HOSTILE_NAMES:
            with self.subTest(name=name):
                self.assertEqual(self.db.config("version_table", name), name)
                self.assertEqual(self.upgrade("a"), log("upgrade  -> a, create t_a"))
                self.assertEqual(self.db.version_rows(name), ["a"])
                self.assertCurrent("a")
                self.assertEqual([v["is_current"] for v in self.db.versions()], [True, False])
                self.assertEqual(self.upgrade("head"), log("upgrade a -> b, create t_b"))
                self.assertEqual(self.stamp("a"), "Running stamp_revision b -> a")
                self.assertEqual(self.stamp("b"), "Running stamp_revision a -> b")
                self.assertEqual(self.downgrade("base"), log("downgrade b -> a, create t_b", "downgrade a -> , create t_a"))
                self.assertEqual(self.db.version_rows(name), [])
                self.assertEqual([r[1:3] for r in log_rows(self.db, name)],
                                 [("upgrade", "a"), ("upgrade", "b"), ("stamp", "a"), ("stamp", "b"),
                                  ("downgrade", "b"), ("downgrade", "a")])
                self.assertBaitIntact()
        self.assertEqual(sorted(self.db.tables()), sorted(["y"] + HOSTILE_NAMES + [n + "_log" for n in HOSTILE_NAMES]))

    def test_backslashes_in_messages_stay_literal(self):
        # PostgreSQL reads backslashes in '...' as escapes when
        # standard_conforming_strings is off: the log must still hold the text.
        message = "trap \\'); DROP TABLE y; --"
        self.root = self.project(rev("a"), rev("b", "a"), rev("z", "b", message=message))
        if self.engine.name == "postgresql":
            self.db.execute("SET standard_conforming_strings = off")
        self.assertEqual(self.upgrade("head").splitlines()[-1], "Running upgrade b -> z, " + message)
        self.assertEqual(self.db.rows("SELECT message FROM alembic_version_log WHERE revision = 'z'"), [(message,)])
        self.assertEqual(self.db.version_rows(), ["z"])
        self.assertBaitIntact()

    def test_offline_sql_quotes_the_name(self):
        name = HOSTILE_NAMES[0]
        self.db.config("version_table", name)
        script = self.db.call("migrate_upgrade_sql", "base:head")
        self.assertIn('INSERT INTO "x""; DROP TABLE y; --" (version_num)', script)
        self.assertNotIn("DROP TABLE y;\n", script.replace('"x""; DROP TABLE y; --', ""))
        # Run as a script in another database, it gives the online call's state.
        folder = os.path.join(self.dir, "offline")
        os.mkdir(folder)
        other = self.engine.create_database(folder)
        self.addCleanup(other.close)
        run_script = getattr(other, "executescript", other.execute)
        run_script("CREATE TABLE y (id INTEGER); INSERT INTO y VALUES (42);\n" + script)
        self.assertEqual(other.rows("SELECT id FROM y"), [(42,)])
        self.assertEqual(other.version_rows(name), ["b"])
        self.assertEqual(sorted(other.tables()), sorted(["t_a", "t_b", "y", name, name + "_log"]))
        self.assertBaitIntact()

    def test_longest_names(self):
        # SQLite takes any length; PostgreSQL cuts identifiers to 63 bytes, so
        # that from 62 characters on "<name>_pkc" and "<name>_log" meet the
        # table's own name: a clear error, nothing written.
        for length in (61, 62, 63):
            with self.subTest(length=length):
                name = "v" * length
                self.db.config("version_table", name)
                if self.engine.name == "sqlite" or length == 61:
                    self.assertEqual(self.upgrade("a"), log("upgrade  -> a, create t_a"))
                    self.assertEqual(self.db.version_rows(name), ["a"])
                    self.downgrade("base")
                    continue
                error = self.assertFailsWithoutWriting("migrate_upgrade", "a", version_table=name)
                self.assertRegex(error.message, "already exists|is an index")
                report("postgresql, a version_table of %d characters: %s" % (length, error.message))
        self.assertBaitIntact()

    def test_hostile_schema_is_an_error(self):
        schema = 'public"; DROP TABLE y; --' if self.engine.name == "postgresql" else 'main"; DROP TABLE y; --'
        self.db.config("version_table_schema", schema)
        for function in ["migrate_upgrade", "migrate_stamp"]:
            with self.subTest(function=function):
                error = self.assertFailsWithoutWriting(function, "head")
                report("%s, version_table_schema %r: %s" % (self.engine.name, schema, error.message))
        self.assertBaitIntact()


# ---- an untrusted SQLite file -------------------------------------------------------------


class UntrustedDatabaseFileTest(UntrustedTest):
    """A database file made elsewhere (here: by a plain sqlite3 connection
    with stand-ins for the functions) whose schema calls migrate functions.
    Opening and using it with the extension loaded runs none of them."""

    UNSAFE = "unsafe use of %s()"
    WRITING = "%s() cannot run inside a statement that writes"
    NONDETERMINISTIC = "non-deterministic functions prohibited in %s"
    # (what, the planted schema, what the victim runs, the error)
    PLANTS = [
        ("a view", "CREATE VIEW planted AS SELECT migrate_upgrade('head') AS x;", "SELECT * FROM planted",
         UNSAFE % "migrate_upgrade"),
        ("a view with a subquery", "CREATE VIEW planted AS SELECT (SELECT migrate_upgrade('head')) AS x;",
         "SELECT * FROM planted", UNSAFE % "migrate_upgrade"),
        ("a view with a CTE", "CREATE VIEW planted AS WITH q AS (SELECT migrate_stamp('head') AS x) SELECT x FROM q;",
         "SELECT * FROM planted", UNSAFE % "migrate_stamp"),
        ("a view over migrate_versions", "CREATE VIEW planted AS SELECT path FROM migrate_versions;",
         "SELECT * FROM planted", 'unsafe use of virtual table "migrate_versions"'),
        ("a trigger", "CREATE TABLE bait (id INTEGER);\n"
                      "CREATE TRIGGER planted AFTER INSERT ON bait BEGIN SELECT migrate_upgrade('head'); END;",
         "INSERT INTO bait VALUES (1)", UNSAFE % "migrate_upgrade"),
        ("a DEFAULT", "CREATE TABLE bait (id INTEGER, x TEXT DEFAULT (migrate_config('script_location', '/tmp')));",
         "INSERT INTO bait (id) VALUES (1)", UNSAFE % "migrate_config"),
        # Below SQLite 3.50.0, SQLITE_DIRECTONLY does not reach CHECK
        # constraints: the functions with side effects refuse to run inside
        # the statement that writes, which is where a CHECK runs.
        ("a CHECK calling migrate_upgrade", "CREATE TABLE bait (id INTEGER CHECK (migrate_upgrade('head') <> 'x'));",
         "INSERT INTO bait VALUES (1)", "a migration cannot run inside a statement that writes"),
        ("a CHECK calling migrate_config",
         "CREATE TABLE bait (id INTEGER CHECK (migrate_config('script_location', '/tmp') <> 'x'));",
         "INSERT INTO bait VALUES (1)", WRITING % "migrate_config"),
        ("a CHECK calling migrate_revision", "CREATE TABLE bait (id INTEGER CHECK (migrate_revision('planted') <> 'x'));",
         "INSERT INTO bait VALUES (1)", WRITING % "migrate_revision"),
        ("a CHECK calling migrate_merge",
         "CREATE TABLE bait (id INTEGER CHECK (migrate_merge('heads', 'planted') <> 'x'));",
         "INSERT INTO bait VALUES (1)", WRITING % "migrate_merge"),
        # SQLite itself refuses these for any non-deterministic function:
        # the whole schema reads as malformed.
        ("a generated column", "CREATE TABLE bait (id INTEGER, x TEXT AS (migrate_upgrade('head')));",
         "SELECT x FROM bait", NONDETERMINISTIC % "generated columns"),
        ("an index expression", "CREATE TABLE bait (id INTEGER);\nCREATE INDEX planted ON bait (migrate_upgrade('head'));",
         "INSERT INTO bait VALUES (1)", NONDETERMINISTIC % "index expressions"),
        ("a partial index", "CREATE TABLE bait (id INTEGER);\n"
                            "CREATE INDEX planted ON bait (id) WHERE migrate_upgrade('head') IS NOT NULL;",
         "INSERT INTO bait VALUES (1)", NONDETERMINISTIC % "partial index WHERE clauses"),
    ]

    def setUp(self):
        super().setUp()
        self.require_engine("sqlite", "a database file from elsewhere, SQLITE_DIRECTONLY")
        self.root = self.project(rev("a"), rev("b", "a"), use=False)

    def plant(self, path, sql):
        """The attacker's side: deterministic stand-ins let SQLite accept
        the schema."""
        attacker = sqlite3.connect(path, isolation_level=None)
        try:
            for name, arguments in [("migrate_upgrade", 1), ("migrate_stamp", 1), ("migrate_config", 2),
                                    ("migrate_revision", 1), ("migrate_merge", 2)]:
                attacker.create_function(name, arguments, lambda *args: "", deterministic=True)
            attacker.executescript(sql)
        finally:
            attacker.close()

    def contents(self, path):
        with open(path, "rb") as f:
            return f.read()

    def test_planted_calls_are_refused(self):
        for i, (what, sql, trigger, expected) in enumerate(self.PLANTS):
            with self.subTest(plant=what):
                path = os.path.join(self.dir, "untrusted%d.db" % i)
                self.plant(path, sql)
                victim = self.engine.connect({"path": path})
                self.addCleanup(victim.close)
                victim.use_script_location(self.root)
                before = self.contents(path), files_under(self.dir)
                with self.assertRaises(MigrateError) as caught:
                    victim.select(trigger)
                self.assertIn(expected, caught.exception.message)
                # Nothing written: the file, the folder, the session's settings.
                self.assertEqual((self.contents(path), files_under(self.dir)), before)
                self.assertEqual(victim.config("script_location"), self.root)
                report("%s: %s -> %s" % (what, trigger, caught.exception.message))

    def test_direct_calls_still_work(self):
        path = os.path.join(self.dir, "untrusted.db")
        self.plant(path, "CREATE TABLE bait (id INTEGER CHECK (migrate_config('script_location', '/tmp') <> 'x'));")
        victim = self.engine.connect({"path": path})
        self.addCleanup(victim.close)
        victim.use_script_location(self.root)
        self.assertEqual(victim.call("migrate_upgrade", "head"), log("upgrade  -> a, create t_a",
                                                                     "upgrade a -> b, create t_b"))
        # A reading function may still feed a write.
        victim.execute("CREATE TABLE deploy_log (line TEXT)")
        victim.execute("INSERT INTO deploy_log SELECT migrate_current() || ' of ' || migrate_heads()")
        self.assertEqual(victim.rows("SELECT line FROM deploy_log"), [("b of b",)])


if __name__ == "__main__":
    unittest.main()
