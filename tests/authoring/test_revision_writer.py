"""migrate_revision and migrate_merge on their own: the file they write (id,
name, the header of docs/reference.md section 2, empty sections), script.sql.tmpl, the
options, and the guarantees: a file is written whole or not at all, and
never outside versions/. (Agreement with `alembic revision`/`merge` is in
test_alembic_revision.)"""
import datetime
import os
import re
import resource
import subprocess
import unittest

from graphs import A, D, L2, R0, R3, branched, linear
from support import EXTENSION, PYTHON, MigrateError, Rev, TempDirTestCase, sql_header, write_file, write_py_revisions

BUILTIN_FILE = re.compile(
    r"-- (?P<message>.*)\n"
    r"--\n"
    r"-- Revision ID: (?P<id>.*)\n"
    r"-- Revises: ?(?P<revises>.*)\n"
    r"-- Create Date: (?P<date>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6})\n"
    r"-- Branch Labels: ?(?P<labels>.*)\n"
    r"-- Depends On: ?(?P<depends>.*)\n"
    r"\n"
    r"-- migrate:upgrade\n"
    r"(?P<upgrade>(?:.*\n)*?)"
    r"-- migrate:downgrade\n"
    r"(?P<downgrade>(?:.*\n)*)\Z")


WRITE_WITH_LIMIT = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[2])
conn.enable_load_extension(True)
conn.load_extension(sys.argv[1])
conn.execute("SELECT migrate_config('script_location', ?)", (sys.argv[3],))
try:
    print(conn.execute("SELECT migrate_revision('a message long enough', 0, 'rev_id=big1')").fetchone()[0])
except sqlite3.Error as e:
    print(e)
"""


def tree(root):
    """Every path under `root`, hidden files included."""
    out = []
    for folder, dirs, files in os.walk(root):
        out += [os.path.relpath(os.path.join(folder, name), root) for name in dirs + files]
    return sorted(out)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class WriterTestCase(TempDirTestCase):

    def setup_project(self, revisions=(), settings=None):
        self.root = self.migrate_project(list(revisions))
        self.versions = os.path.join(self.root, "versions")
        self.db_path = self.path("app.db")
        self.m = self.migrate(self.db_path, self.root, settings)
        return self.m

    def revision(self, message, options=""):
        return self.m.call("migrate_revision", message, 0, options)

    def assertRefused(self, function, *args, contains=()):
        """The call fails with a message holding `contains`, and nothing
        changes anywhere under the temporary folder."""
        before = tree(self.tmp)
        with self.assertRaises(MigrateError) as caught:
            self.m.call(function, *args)
        for text in [contains] if isinstance(contains, str) else contains:
            self.assertIn(text, str(caught.exception))
        self.assertEqual(tree(self.tmp), before, "a failed call left a file behind")
        return str(caught.exception)


class NewRevisionFile(WriterTestCase):

    def test_ids_names_and_parents(self):
        self.setup_project()
        parent, ids = "", []
        for n in range(6):
            started = datetime.datetime.now()
            path = self.revision(f"Step number {n}: add things")
            self.assertEqual(os.path.dirname(path), self.versions)
            match = BUILTIN_FILE.fullmatch(read(path))
            self.assertIsNotNone(match, read(path))
            new_id = match["id"]
            self.assertRegex(new_id, r"^[0-9a-f]{12}$")
            self.assertEqual(os.path.basename(path), f"{new_id}_step_number_{n}_add_things.sql")
            self.assertEqual(match["message"], f"Step number {n}: add things")
            self.assertEqual(match["revises"], parent)
            self.assertEqual((match["labels"], match["depends"]), ("", ""))
            self.assertEqual((match["upgrade"].strip(), match["downgrade"].strip()), ("", ""), "empty sections")
            written = datetime.datetime.fromisoformat(match["date"])
            self.assertLess(abs((written - started).total_seconds()), 60, "Create Date is local now")
            self.assertEqual(self.m.heads(), [new_id])
            parent = new_id
            ids.append(new_id)
        self.assertEqual(len(set(ids)), len(ids))
        self.assertEqual([name for name in os.listdir(self.versions) if name.startswith(".")], [], "temporary files")

    def test_read_back_and_run(self):
        self.setup_project(linear())
        path = self.revision("tag it", f"branch_label=tagged,second depends_on=a1f0,{A[:6]} rev_id=feed01")
        row = self.m.conn.execute("SELECT revision, down_revision, branch_labels, depends_on, message, path, is_head "
                                  "FROM migrate_versions WHERE revision = 'feed01'").fetchone()
        self.assertEqual(row, ("feed01", D, "tagged,second", f"{A},{A}", "tag it", path, 1))
        fields, message = sql_header(path)
        self.assertEqual(fields["branch labels"], "tagged, second")
        # the empty sections run: the version is recorded, no table appears
        self.m.call("migrate_upgrade", "tagged@head")
        self.assertEqual(self.m.current(), ["feed01"])
        self.assertEqual(sorted(r[0] for r in self.m.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")),
            sorted(["alembic_version", "alembic_version_log"] + ["t_" + r.id for r in linear()]))

    def test_on_an_alembic_history(self):
        root = self.path("migrations")
        write_py_revisions(os.path.join(root, "versions"), linear())
        self.root, self.versions = root, os.path.join(root, "versions")
        self.m = self.migrate(self.path("app.db"), root)
        path = self.revision("first native revision")
        self.assertEqual(sql_header(path)[0]["revises"], D)
        self.assertTrue(path.endswith(".sql"))

    def test_null_and_empty_message(self):
        self.setup_project()
        path = self.m.call("migrate_revision", None)
        self.assertRegex(os.path.basename(path), r"^[0-9a-f]{12}_\.sql$")
        self.assertEqual(sql_header(path)[1], "empty message")
        path = self.m.call("migrate_merge", "heads", None)
        self.assertRegex(os.path.basename(path), r"^[0-9a-f]{12}_\.sql$")
        self.assertEqual(sql_header(path)[1], "empty message")

    def test_multi_line_message(self):
        self.setup_project()
        path = self.revision("first line\nsecond line\r\nthird")
        self.assertEqual(sql_header(path)[1], "first line second line  third")
        self.assertTrue(os.path.basename(path).endswith("_first_line_second_line_third.sql"))
        self.assertEqual(len(self.m.heads()), 1, "the file reads back as one revision")

    def test_truncate_slug_length_setting(self):
        self.setup_project(settings={"truncate_slug_length": "12"})
        path = self.revision("alpha beta gamma delta", "rev_id=s1")
        self.assertEqual(os.path.basename(path), "s1_alpha_beta_.sql")
        write_file(os.path.join(self.root, "migrate.ini"), "[migrate]\ntruncate_slug_length = 6\n")
        self.m.call("migrate_config", "truncate_slug_length", None)
        self.assertEqual(os.path.basename(self.revision("alpha beta gamma", "rev_id=s2")), "s2_alpha_.sql")


class Options(WriterTestCase):

    def test_option_syntax(self):
        self.setup_project(linear())
        self.assertRefused("migrate_revision", "x", 0, "bogus=1", contains="unknown revision option 'bogus'")
        self.assertRefused("migrate_revision", "x", 0, "head", contains="'head' is not key=value")
        self.assertRefused("migrate_revision", "x", 0, "splice=maybe", contains="splice")
        path = self.revision("spaced", "  rev_id=sp1 \t head=c3d2 \n splice=true ")
        self.assertEqual(sql_header(path)[0]["revises"], "c3d2e5f4b9a6")

    def test_errors_write_nothing(self):
        self.setup_project(branched())
        for options, text in [
            ("", "Multiple heads are present; please specify the head revision"),
            ("head=zzzz", "Can't locate revision identified by 'zzzz'"),
            ("head=1e17", "is not a head revision; please specify --splice"),
            ("head=2e17,2e17", "Duplicate head revisions specified"),
            ("head=2e17 depends_on=nowhere", "Can't locate revision identified by 'nowhere'"),
            ("head=2e17 rev_id=a+b", "Character(s) '+' not allowed in revision identifier 'a+b'"),
            ("head=2e17 rev_id=2e1700000000", "2e1700000000"),  # already present
            ("head=2e17 branch_label=right", "Branch name 'right'"),
            ("head=2e17 rev_id=" + "x" * 33, "longer than 32"),
            ("head=2e17 rev_id=a\x00b", "revision identifier"),
        ]:
            with self.subTest(options=options):
                self.assertRefused("migrate_revision", "x", 0, options, contains=text)

    def test_head_heads_is_a_merge(self):
        self.setup_project(branched())
        path = self.revision("both", "head=heads")
        self.assertEqual(sorted(sql_header(path)[0]["revises"].split(", ")), sorted([L2, R3]))


class Merge(WriterTestCase):

    def test_heads(self):
        revisions = branched() + [Rev("77aa", R0), Rev("88bb")]
        self.setup_project(revisions)
        self.assertEqual(len(self.m.heads()), 4)
        path = self.m.call("migrate_merge", "heads", "merge everything")
        fields, message = sql_header(path)
        self.assertEqual(sorted(fields["revises"].split(", ")), sorted([L2, R3, "77aa", "88bb"]))
        self.assertEqual(message, "merge everything")
        self.assertTrue(os.path.basename(path).endswith("_merge_everything.sql"))
        self.assertEqual(self.m.heads(), [fields["revision id"]])
        self.m.call("migrate_upgrade", "heads")
        self.assertEqual(self.m.current(), [fields["revision id"]])

    def test_listed_revisions(self):
        self.setup_project(branched())
        path = self.m.call("migrate_merge", " right@head , 2e17 ", "two")
        self.assertEqual(sql_header(path)[0]["revises"], f"{R3}, {L2}")
        self.assertRefused("migrate_merge", "heads,zzzz", "m", contains="Can't locate revision identified by 'zzzz'")


class Template(WriterTestCase):

    TEMPLATE = ("-- ${message}\n"
                "-- written from the project's template\n"
                "--\n"
                "-- Revision ID: ${up_revision}\n"
                "-- Revises: ${down_revision}\n"
                "-- Create Date: ${create_date}\n"
                "-- Branch Labels: ${branch_labels}\n"
                "-- Depends On: ${depends_on}\n"
                "\n"
                "-- migrate:upgrade\n"
                "-- up to ${up_revision}${upgrades}\n"
                "-- migrate:downgrade\n"
                "-- down from ${up_revision}${downgrades}\n")

    def write_template(self, text):
        write_file(os.path.join(self.root, "script.sql.tmpl"), text)

    def test_template_replaces_the_builtin_one(self):
        self.setup_project(linear())
        self.write_template(self.TEMPLATE)
        path = self.revision("templated", "rev_id=t1 branch_label=tl depends_on=a1f0")
        text = read(path)
        date = sql_header(path)[0]["create date"]
        self.assertRegex(date, r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")
        self.assertEqual(text, self.TEMPLATE.replace("${message}", "templated").replace("${up_revision}", "t1")
                         .replace("${down_revision}", D).replace("${create_date}", date)
                         .replace("${branch_labels}", "tl").replace("${depends_on}", A)
                         .replace("${upgrades}", "").replace("${downgrades}", ""))
        self.assertEqual(self.m.heads(), ["t1"])
        self.m.call("migrate_upgrade", "heads")  # comment-only sections run
        self.assertEqual(self.m.current(), ["t1"])

    def test_bad_templates_write_nothing(self):
        self.setup_project(linear())
        for template, text in [
            (self.TEMPLATE.replace("${depends_on}", "${dependencies}"), "dependencies"),
            (self.TEMPLATE.replace("-- Revision ID: ${up_revision}\n", ""), "Revision ID"),
            (self.TEMPLATE.replace("-- Branch Labels: ${branch_labels}", "-- Branch Labels: fixed"), "script.sql.tmpl"),
            (self.TEMPLATE.replace("-- Revises: ${down_revision}", "-- Revises:"), "script.sql.tmpl"),
        ]:
            with self.subTest(template=template):
                self.write_template(template)
                self.assertRefused("migrate_revision", "x", 0, "rev_id=t2", contains=text)


class WrittenSafely(WriterTestCase):

    def test_existing_file_is_never_replaced(self):
        self.setup_project(settings={"file_template": "%(slug)s"})
        path = self.revision("same name", "rev_id=n1")
        original = read(path)
        self.assertRefused("migrate_revision", "same name", 0, "rev_id=n2", contains="already exists")
        self.assertEqual(read(path), original)

    def test_failed_write_leaves_nothing(self):
        # A child process may write at most 100 bytes per file (RLIMIT_FSIZE;
        # Python ignores SIGXFSZ, so write() fails with EFBIG): the revision
        # file cannot be written whole, so no trace of it may remain.
        self.setup_project(linear())
        self.m.close()
        before = tree(self.tmp)
        child = subprocess.run([PYTHON, "-c", WRITE_WITH_LIMIT, EXTENSION, self.db_path, self.root],
                               capture_output=True, text=True,
                               preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100)))
        self.assertEqual(child.returncode, 0, child.stderr)
        self.assertIn("cannot write", child.stdout)
        self.assertIn("File too large", child.stdout)
        self.assertEqual(tree(self.tmp), before)

    @unittest.skipIf(os.geteuid() == 0, "root writes into read-only folders")
    def test_unwritable_versions_folder(self):
        self.setup_project(linear())
        os.chmod(self.versions, 0o555)
        self.addCleanup(os.chmod, self.versions, 0o755)
        self.assertRefused("migrate_revision", "x", 0, "", contains=self.versions)

    def test_messages_stay_in_versions(self):
        self.setup_project()
        for n, message in enumerate(["../../../escape", "/etc/passwd", "..", "a/../../b", "~/x", "C:\\x\\..\\y"]):
            with self.subTest(message=message):
                path = self.revision(message, f"rev_id=m{n}")
                self.assertEqual(os.path.dirname(path), self.versions)
                self.assertTrue(os.path.isfile(path))
        self.assertEqual(sorted(tree(self.tmp)), sorted(["app.db", "migrations", "migrations/versions"] +
                                                        [os.path.join("migrations/versions", f)
                                                         for f in os.listdir(self.versions)]))

    def test_ids_and_templates_stay_in_versions(self):
        self.setup_project()
        for options in ["rev_id=../x", "rev_id=a/b", "rev_id=.hidden", "rev_id=/tmp/x"]:
            with self.subTest(options=options):
                self.assertRefused("migrate_revision", "x", 0, options)
        for template in ["../%(rev)s", "/tmp/%(rev)s", "%(rev)s/../../x", "sub/%(rev)s", ".%(rev)s", "%(slug)s"]:
            with self.subTest(file_template=template):
                self.m.call("migrate_config", "file_template", template)
                # "%(slug)s" of "..." is empty: the name would be ".sql"
                self.assertRefused("migrate_revision", "...", 0, "rev_id=t1")


if __name__ == "__main__":
    unittest.main()
