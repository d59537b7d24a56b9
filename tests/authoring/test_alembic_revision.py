"""migrate_revision / migrate_merge agree with `alembic revision` / `alembic
merge` on the same graph: the same parent(s), branch labels and depends_on,
the same file name for the same rev id and message (Alembic's slug rules,
truncate_slug_length and file_template), and the same errors, with nothing
written when a call fails.

Both projects hold the same graph (.py for Alembic, .sql for migrate), and
each new revision is written into both, so the graphs stay the same for the
next call.
"""
import datetime
import os
import re
import unittest

from graphs import D, L1, L2, R0, R1, R3, branched, linear
from support import (AlembicError, AlembicProject, MigrateError, TempDirTestCase, python_header, sql_header,
                     write_py_revisions)

CRASH = "crash"


def listing(folder):
    return sorted(os.listdir(folder))


def stem(path):
    return os.path.splitext(os.path.basename(path))[0]


def split(value):
    return [part.strip() for part in value.split(",") if part.strip()]


def docstring_create_date(path):
    with open(path) as f:
        return re.search(r"(?m)^Create Date: (.*)$", f.read()).group(1).strip()


def python_file_name(template, rev, slug, create_date):
    """Alembic's _rev_path, file name without extension, for a Create Date
    as written in a header ("2026-11-21 10:15:00.123456")."""
    date = datetime.datetime.fromisoformat(create_date)
    return template % {"rev": rev, "slug": slug, "epoch": int(date.timestamp()), "year": date.year,
                       "month": date.month, "day": date.day, "hour": date.hour, "minute": date.minute,
                       "second": date.second}


class Projects:
    """The same graph in an Alembic project and a migrate script location."""

    def __init__(self, test, revisions, alembic_ini=None, migrate_settings=None, folder="."):
        self.test = test
        os.makedirs(test.path(folder), exist_ok=True)
        self.alembic = AlembicProject(test.path(folder), test.path(folder, "alembic.db"), alembic_ini)
        write_py_revisions(self.alembic.versions, revisions)
        self.root = test.migrate_project(revisions, os.path.join(folder, "migrations"))
        self.versions = os.path.join(self.root, "versions")
        self.migrate = test.migrate(test.path(folder, "migrate.db"), self.root, migrate_settings)

    def revision(self, message=None, head=None, splice=False, branch_label=None, depends_on=(), rev_id=None):
        """Runs `alembic revision` and migrate_revision with the same
        arguments; returns (Alembic's path or error, migrate's path or error).
        An error is an AlembicError / MigrateError, or CRASH when Alembic
        crashes (its text is kept in self.crash)."""
        args = ["revision"]
        options = []
        if message is not None:
            args += ["-m", message]
        if head is not None:
            args += ["--head", head]
            options.append(f"head={head}")
        if splice:
            args.append("--splice")
            options.append("splice=true")
        if branch_label is not None:
            args += ["--branch-label", branch_label]
            options.append(f"branch_label={branch_label}")
        for dep in depends_on:
            args += ["--depends-on", dep]
        if depends_on:
            options.append("depends_on=" + ",".join(depends_on))
        if rev_id is not None:
            args += ["--rev-id", rev_id]
            options.append(f"rev_id={rev_id}")
        return self._both(args, "migrate_revision", message, 0, " ".join(options))

    def merge(self, revisions, message=None):
        """`alembic merge` (its own random id: migrate_merge takes none) and
        migrate_merge."""
        args = ["merge"] + (["-m", message] if message is not None else [])
        return self._both(args + revisions, "migrate_merge", ",".join(revisions), message)

    def _both(self, alembic_args, function, *migrate_args):
        alembic_before, migrate_before = listing(self.alembic.versions), listing(self.versions)
        try:
            alembic_result = self.alembic.generated(*alembic_args)
        except AlembicError as e:
            alembic_result = e
        except RuntimeError as e:
            alembic_result = CRASH
            self.crash = str(e)
        try:
            migrate_result = self.migrate.call(function, *migrate_args)
        except MigrateError as e:
            migrate_result = e
        if isinstance(migrate_result, MigrateError):
            self.test.assertEqual(listing(self.versions), migrate_before, "migrate's failed call wrote a file")
        if isinstance(alembic_result, AlembicError):
            self.test.assertEqual(listing(self.alembic.versions), alembic_before, "Alembic wrote a file and failed")
        return alembic_result, migrate_result


class RevisionAgreement(TempDirTestCase):

    def setUp(self):
        super().setUp()
        self.merge_ids = {}  # Alembic's id -> migrate's id of each merge revision

    def assertSameRevision(self, result, message=None, merge=None):
        """Both tools wrote a revision: the same file name, header and
        message (`message`: migrate's, when it differs on purpose). `merge`
        ("listed" or "heads") marks the revisions of `alembic merge` and
        migrate_merge, whose ids differ (migrate_merge takes no rev id); with
        "heads" the parents are compared as a set, as Alembic orders them by
        its map, built in os.listdir order. Returns migrate's header."""
        alembic_path, migrate_path = result
        self.assertIsInstance(alembic_path, str, f"Alembic failed: {alembic_path}")
        self.assertIsInstance(migrate_path, str, f"migrate failed: {migrate_path}")
        self.assertTrue(migrate_path.endswith(".sql") and os.path.isfile(migrate_path), migrate_path)
        python = python_header(alembic_path)
        fields, sql_message = sql_header(migrate_path)
        sql = {"revision": fields["revision id"], "down_revision": split(fields["revises"]),
               "branch_labels": split(fields["branch labels"]), "depends_on": split(fields["depends on"])}
        alembic_stem = stem(alembic_path)
        if merge:
            self.assertRegex(sql["revision"], r"^[0-9a-f]{12}$")
            self.merge_ids[python["revision"]] = sql["revision"]
            alembic_stem = alembic_stem.replace(python["revision"], sql["revision"])
            python["revision"] = sql["revision"]
            python["down_revision"] = [self.merge_ids.get(rev, rev) for rev in python["down_revision"]]
            if merge == "heads":
                python["down_revision"].sort()
                sql["down_revision"].sort()
        self.assertEqual(stem(migrate_path), alembic_stem, "file name")
        self.assertEqual(sql, python, "header")
        with open(alembic_path) as f:
            docstring_message = f.read().split('"""', 2)[1].split("\n")[0]
        self.assertEqual(sql_message, docstring_message if message is None else message, "message")
        return sql

    def assertSameError(self, result, alembic_text):
        alembic_error, migrate_error = result
        self.assertIsInstance(alembic_error, AlembicError, f"Alembic did not fail: {alembic_error}")
        self.assertIn(alembic_text, alembic_error.message)
        self.assertIsInstance(migrate_error, MigrateError, f"migrate did not fail: {migrate_error}")
        self.assertIn(alembic_error.message, str(migrate_error))

    def test_first_revision_is_a_base(self):
        p = Projects(self, [])
        header = self.assertSameRevision(p.revision("create account table", rev_id="ae1027a6acf0"))
        self.assertEqual(header["down_revision"], [])
        self.assertEqual(p.migrate.heads(), ["ae1027a6acf0"])

    def test_parent_is_the_single_head(self):
        p = Projects(self, linear())
        header = self.assertSameRevision(p.revision("add column", rev_id="0f0f0f0f0f0f"))
        self.assertEqual(header["down_revision"], [D])
        header = self.assertSameRevision(p.revision("and another", rev_id="1e1e1e1e1e1e"))
        self.assertEqual(header["down_revision"], ["0f0f0f0f0f0f"])
        alembic_heads = [line.split()[0] for line in p.alembic.run("heads")[1].splitlines() if line.strip()]
        self.assertEqual(p.migrate.heads(), alembic_heads)

    def test_several_heads(self):
        p = Projects(self, branched())
        self.assertSameError(p.revision("x", rev_id="aaaaaaaaaaaa"),
                             "Multiple heads are present; please specify the head revision on which the new "
                             "revision should be based, or perform a merge.")
        self.assertSameError(p.revision("x", head="head", rev_id="aaaaaaaaaaaa"), "Multiple heads are present")

    def test_head_option(self):
        p = Projects(self, branched())
        self.assertEqual(self.assertSameRevision(p.revision("on left", head="2e17", rev_id="c001")),
                         {"revision": "c001", "down_revision": [L2], "branch_labels": [], "depends_on": []})
        self.assertEqual(self.assertSameRevision(p.revision("on right", head="right@head", rev_id="c002"))
                         ["down_revision"], [R3])
        self.assertEqual(self.assertSameRevision(p.revision("new root", head="base", rev_id="c003"))
                         ["down_revision"], [])
        self.assertSameError(p.revision("x", head="nothere", rev_id="c004"),
                             "Can't locate revision identified by 'nothere'")
        # a branch label names the revision that carries it, not a head
        self.assertSameError(p.revision("x", head="left", rev_id="c004"),
                             f"Revision {L1} is not a head revision; please specify --splice to create a new "
                             "branch from this revision")
        # an ambiguous prefix: Alembic folds it into its 'Can't locate' message
        self.assertSameError(p.revision("x", head="c00", rev_id="c004"), "Can't locate revision identified by 'c00'")
        # 'heads' bases the new revision on every head: a merge
        header = self.assertSameRevision(p.revision("join all", head="heads", rev_id="c005"))
        self.assertEqual(sorted(header["down_revision"]), ["c001", "c002", "c003"])
        self.assertEqual(p.migrate.heads(), ["c005"])

    def test_splice(self):
        p = Projects(self, branched())
        self.assertSameError(p.revision("x", head="1a1b", rev_id="d001"),
                             "Revision 1a1b00000000 is not a head revision; please specify --splice")
        header = self.assertSameRevision(p.revision("from the middle", head="1a1b", splice=True, rev_id="d001"))
        self.assertEqual(header["down_revision"], ["1a1b00000000"])
        header = self.assertSameRevision(p.revision("from base", head="base", splice=True, rev_id="d002"))
        self.assertEqual(header["down_revision"], [])

    def test_branch_label(self):
        p = Projects(self, linear())
        header = self.assertSameRevision(p.revision("start feature", branch_label="feature", rev_id="e001"))
        self.assertEqual(header["branch_labels"], ["feature"])
        self.assertSameRevision(p.revision("next", head="feature@head", rev_id="e002"))
        # Alembic writes the file, then crashes on the clash (the project is
        # then broken); migrate refuses before writing.
        before = listing(p.versions)
        alembic_result, migrate_result = p.revision("clash", head="e002", branch_label="feature", rev_id="e003")
        self.assertEqual(alembic_result, CRASH)
        self.assertIn("Branch name 'feature' in revision e003 already used by revision e001", p.crash)
        self.assertIsInstance(migrate_result, MigrateError)
        self.assertIn("Branch name 'feature' in revision e003 already used by revision e001", str(migrate_result))
        self.assertEqual(listing(p.versions), before)

    def test_depends_on(self):
        p = Projects(self, branched())
        header = self.assertSameRevision(p.revision("needs left", head="right@head", rev_id="f001",
                                                    depends_on=["2e1", "left"]))
        self.assertEqual(header["depends_on"], [L2, "left"], "a partial id is resolved, a branch label kept")
        self.assertSameError(p.revision("x", head="f001", rev_id="f002", depends_on=["zzzz"]),
                             "Can't locate revision identified by 'zzzz'")
        header = self.assertSameRevision(p.revision("one", head="f001", rev_id="f002", depends_on=[R0]))
        self.assertEqual(header["depends_on"], [R0])
        # a label@head or a label's prefix is no label: resolved to the id
        header = self.assertSameRevision(p.revision("two", head="f002", rev_id="f003", depends_on=["left@head", "lef"]))
        self.assertEqual(header["depends_on"], [L2, L1])

    def test_rev_id(self):
        p = Projects(self, linear())
        self.assertSameError(p.revision("x", rev_id="a-b"), "Character(s) '-' not allowed in revision identifier 'a-b'")
        self.assertSameError(p.revision("x", rev_id="r@7+-"),
                             "Character(s) '+, -, @' not allowed in revision identifier 'r@7+-'")

    def test_slug(self):
        messages = [
            "Add account table",
            "  Crème brûlée: v2!! ",
            "a-b.c/d\\e",
            "under_score__double___triple",
            "CamelCase ID 42",
            "100% done",
            "tab\tand\nnewline",
            "....",
            "",
            "this message is long enough that Alembic cuts its slug at forty characters",
            "exactly forty characters long, a-b-c-d-e",
            "averyveryveryveryveryveryverylongsinglewordthatgoesonandon",
            "ÜBER straße",
            "日本語 のテスト",
            "a — b",
            "don’t «quote» me",
            "Ärger mit Ölen",
            "Καλημέρα ΚΌΣΜΕ",
        ]
        p = Projects(self, [])
        for number, message in enumerate(messages):
            with self.subTest(message=message):
                # A header line cannot hold a line break: migrate makes it a
                # space. An empty message reads "empty message" (Alembic's
                # docstring is empty for -m '', "empty message" without -m).
                self.assertSameRevision(p.revision(message, rev_id=f"{number:012x}"),
                                        message=message.replace("\n", " ").strip() or "empty message")
        # no message at all: Alembic's docstring says 'empty message', its slug is empty
        self.assertSameRevision(p.revision(rev_id="0000000000ff"))

    def test_merge(self):
        p = Projects(self, branched())
        header = self.assertSameRevision(p.merge(["heads"], "merge left and right"), merge="heads")
        self.assertEqual(sorted(header["down_revision"]), sorted([L2, R3]))
        self.assertEqual(len(p.migrate.heads()), 1)
        self.assertSameRevision(p.revision("on left", head=L1, splice=True, rev_id="b001"))
        self.assertSameRevision(p.revision("on right", head=R1, splice=True, rev_id="b002"))
        # explicit revisions keep the order given
        header = self.assertSameRevision(p.merge(["b002", "b001"], "merge two"), merge="listed")
        self.assertEqual(header["down_revision"], ["b002", "b001"])
        self.assertEqual(len(p.migrate.heads()), 2)
        header = self.assertSameRevision(p.merge(["heads"]), merge="heads")   # no message
        self.assertEqual(len(header["down_revision"]), 2)
        self.assertEqual(len(p.migrate.heads()), 1)

    def test_merge_errors(self):
        p = Projects(self, branched())
        self.assertSameError(p.merge(["2e17", "zzzz"], "m"), "Can't locate revision identified by 'zzzz'")
        self.assertSameError(p.merge(["2e17", "2e17"], "m"), "Duplicate head revisions specified")
        self.assertSameError(p.merge(["1e17", "2e17", "2e17"], "m"), "Duplicate head revisions specified")
        self.assertSameError(p.merge(["1e17", "3a1b"], "m"),
                             f"Revision {L1} is not a head revision; please specify --splice")
        self.assertSameError(p.merge(["2e17", "1a1b"], "m"),
                             f"Revision {R1} is not a head revision; please specify --splice")
        # label@base names no revision: it adds no parent
        header = self.assertSameRevision(p.merge(["2e17", "3a1b", "right@base"], "m"), merge="listed")
        self.assertEqual(header["down_revision"], [L2, R3])

    def test_file_template(self):
        templates = [
            "%(rev)s",
            "%(slug)s-%(rev)s",
            "%(year)d_%(month).2d_%(day).2d_%(hour).2d%(minute).2d-%(rev)s_%(slug)s",  # Alembic's example
            "%(epoch)s_%(rev)s_%(slug)s",
            "%(rev)s_%(slug).10s",
            "%(second)02d_%(minute)3d_%(rev)-14s_%(day)-3d",
            "%(rev)s_%(epoch)d_%(month)s",
            "%%_%(rev)s",
        ]
        for number, template in enumerate(templates):
            with self.subTest(file_template=template):
                p = Projects(self, linear(), alembic_ini={"file_template": template},
                             migrate_settings={"file_template": template}, folder=f"template{number}")
                alembic_path, migrate_path = p.revision("Add the ledger table", rev_id="0a1b2c3d4e5f")
                self.assertIsInstance(alembic_path, str, alembic_path)
                self.assertIsInstance(migrate_path, str, migrate_path)
                # Date tokens: each tool's name is the template over its own
                # Create Date, rendered by Python's % operator as Alembic does.
                for path, date in ((alembic_path, docstring_create_date(alembic_path)),
                                   (migrate_path, sql_header(migrate_path)[0]["create date"])):
                    self.assertEqual(stem(path), python_file_name(template, "0a1b2c3d4e5f", "add_the_ledger_table", date),
                                     path)
                self.assertEqual(python_header(alembic_path)["down_revision"], [D])
                self.assertEqual(split(sql_header(migrate_path)[0]["revises"]), [D])

    def test_bad_file_template(self):
        # Alembic crashes (KeyError, TypeError, a missing folder) with the
        # file unwritten; migrate fails with a clear error and writes nothing.
        for number, template in enumerate(["%(nope)s_%(rev)s", "%(rev)d", "%(rev)s/%(slug)s", "%(rev)"]):
            with self.subTest(file_template=template):
                p = Projects(self, linear(), alembic_ini={"file_template": template},
                             migrate_settings={"file_template": template}, folder=f"template{number}")
                before = listing(p.alembic.versions)
                alembic_result, migrate_result = p.revision("x", rev_id="0a1b2c3d4e5f")
                self.assertEqual(alembic_result, CRASH)
                self.assertEqual(listing(p.alembic.versions), before)
                self.assertIsInstance(migrate_result, MigrateError)
                self.assertIn("file", str(migrate_result))

    def test_truncate_slug_length(self):
        messages = ["one two three four five", "onetwothreefourfive", "one_two three", "ab cd", "a b c d e f g h",
                    "crème brûlée à la carte"]
        # 0 means the default, 40, in Alembic ("truncate_slug_length or 40")
        for length in ["1", "5", "8", "0", "100"]:
            p = Projects(self, [], alembic_ini={"truncate_slug_length": length},
                         migrate_settings={"truncate_slug_length": length}, folder=f"length{length}")
            for number, message in enumerate(messages + [messages[0] * 10]):
                with self.subTest(truncate_slug_length=length, message=message):
                    self.assertSameRevision(p.revision(message, rev_id=f"{number:012x}"))


if __name__ == "__main__":
    unittest.main()
