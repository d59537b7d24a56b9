"""migrate reads the headers of Alembic revision files as Alembic does: for
files that real Alembic generates (several templates, every graph-shaping
option of `alembic revision` and `alembic merge`) and for hand-written forms,
migrate_versions and migrate_heads() agree with Alembic's ScriptDirectory and
`alembic heads`."""
import os
import textwrap
import unittest

from support import AlembicProject, TempDirTestCase, split_list

# The script.py.mako of Alembic before 1.8: no return annotations.
TEMPLATE_PRE_1_8 = '''"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}


def upgrade():
    ${upgrades if upgrades else "pass"}


def downgrade():
    ${downgrades if downgrades else "pass"}
'''

# The script.py.mako of Alembic 1.13 (type-annotated header assignments);
# Alembic 1.14 widened down_revision's annotation as in TEMPLATE_1_14.
TEMPLATE_1_13 = '''"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
${imports if imports else ""}

# revision identifiers, used by Alembic.
revision: str = ${repr(up_revision)}
down_revision: Union[str, None] = ${repr(down_revision)}
branch_labels: Union[str, Sequence[str], None] = ${repr(branch_labels)}
depends_on: Union[str, Sequence[str], None] = ${repr(depends_on)}


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
'''
TEMPLATE_1_14 = TEMPLATE_1_13.replace("down_revision: Union[str, None]",
                                      "down_revision: Union[str, Sequence[str], None]")


class HeaderTestCase(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.project = AlembicProject(self.tmp)

    def use_template(self, text):
        with open(os.path.join(self.project.script_location, "script.py.mako"), "w") as f:
            f.write(text)

    def write(self, name, text, newline="\n"):
        path = os.path.join(self.project.versions, name)
        with open(path, "w", newline=newline) as f:
            f.write(textwrap.dedent(text).lstrip("\n"))
        return path

    def assert_same_as_alembic(self, expected_count):
        """Every revision's header as migrate reads it equals what Alembic's
        ScriptDirectory reports; the heads equal `alembic heads`."""
        alembic_revisions, alembic_heads = self.project.script_directory()
        self.assertEqual(len(alembic_revisions), expected_count)
        m = self.migrate(self.project.database, self.project.script_location)
        rows = m.versions()
        self.assertEqual(sorted(rows), sorted(alembic_revisions))
        for rev, a in alembic_revisions.items():
            row = rows[rev]
            got = {
                "revision": row["revision"],
                "down_revision": split_list(row["down_revision"]),
                "branch_labels": split_list(row["branch_labels"]),
                "depends_on": split_list(row["depends_on"]),
                "message": row["message"],
                "create_date": row["create_date"] or None,
                "path": os.path.realpath(row["path"]),
                "is_head": bool(row["is_head"]),
                "is_base": bool(row["is_base"]),
                "is_branch_point": bool(row["is_branch_point"]),
                "is_merge_point": bool(row["is_merge_point"]),
            }
            self.assertEqual(got, a, f"revision {rev} ({a['path']})")
        self.assertEqual(m.heads(), alembic_heads)
        self.assertEqual(m.heads(), self.project.heads())
        return alembic_revisions


class GeneratedByAlembic(HeaderTestCase):
    def build_graph(self):
        """A graph using every option of `alembic revision` / `merge` that shapes it."""
        p = self.project
        a, _ = p.revision("create account")
        b, _ = p.revision("add email to account")
        c, _ = p.revision("spliced branch", "--head", a, "--splice")
        lib, _ = p.revision("library root", "--head", "base", "--branch-label", "lib")
        p.revision("library two", "--head", "lib@head")
        d, _ = p.revision("uses lib", "--head", b, "--depends-on", lib)
        p.revision("two deps", "--head", d, "--depends-on", c, "--depends-on", "lib")
        p.revision("labelled splice", "--head", a, "--splice", "--branch-label", "side")
        p.revision("custom id", "--rev-id", "custom_rev_1", "--head", "side@head")
        merge, _ = p.merge("merge everything", "heads")
        p.revision("après la fusion ✓ 'quoted' \"double\"", "--head", merge)
        p.merge("merge of one", "heads", "--rev-id", "single_merge")

    def test_current_template(self):
        self.build_graph()
        revisions = self.assert_same_as_alembic(12)
        self.assertTrue(any(r["is_merge_point"] for r in revisions.values()))
        self.assertTrue(any("lib" in r["depends_on"] for r in revisions.values()))  # a label kept as such
        self.assertIn("custom_rev_1", revisions)

    def test_pre_1_8_template(self):
        self.use_template(TEMPLATE_PRE_1_8)
        self.build_graph()
        self.assert_same_as_alembic(12)

    def test_typed_templates(self):
        self.use_template(TEMPLATE_1_13)
        p = self.project
        a, _ = p.revision("typed base")
        labelled, _ = p.revision("typed labelled", "--head", a, "--splice", "--branch-label", "typed")
        self.use_template(TEMPLATE_1_14)
        deps, _ = p.revision("typed deps", "--head", a, "--splice", "--depends-on", "typed")
        path = p.merge("typed merge", labelled, deps)[1]
        with open(path) as f:
            self.assertIn("down_revision: Union[str, Sequence[str], None] = (", f.read())
        self.assert_same_as_alembic(4)

    def test_messages(self):
        p = self.project
        p.run("revision")  # no message
        p.revision("")
        p.revision("  padded message  ")
        p.revision("first line\nsecond line of the same paragraph")
        p.revision("paragraph one\n\nparagraph two")
        p.revision("Revision ID: looks like a header")
        # Alembic writes the message into a non-raw docstring: Python decodes its escapes
        p.revision("C:\\temp\\new folder \\x41 \\\\ done")
        self.assert_same_as_alembic(7)


class HandWritten(HeaderTestCase):
    """Forms Alembic accepts that its templates do not produce."""

    def test_header_forms(self):
        self.write("01_single_quotes.py", """
            '''base in single-quoted docstring

            Revision ID: hw01
            '''
            revision='hw01'
            down_revision=None
            branch_labels=None
            depends_on=None
            """)
        self.write("02_raw_docstring.py", '''
            #!/usr/bin/env python
            # -*- coding: utf-8 -*-
            r"""raw docstring: C:\\temp

            Revision ID: not-the-variable
            """
            from alembic import op

            revision = "hw02"  # the variable wins over the docstring
            down_revision = "hw01"
            branch_labels = ("label_a", "label_b")
            depends_on = None
            ''')
        self.write("03_annotations.py", '''
            """python 3.10 annotations"""
            from __future__ import annotations

            revision: str = 'hw03'
            down_revision: str | None = 'hw02'
            branch_labels: str | tuple[str, ...] | None = None
            depends_on: str | list[str] | None = ['hw01']
            ''')
        self.write("04_multiline.py", '''
            """
            message on the line after the quotes
            continuing here

            Create Date: 2020-01-02 03:04:05
            """

            revision = "hw04"
            down_revision = (
                "hw03",  # the main line
            )
            branch_labels = [
                "label_c",
            ]
            depends_on = (
                "hw02",
                "label_a",
            )
            ''')
        self.write("05_side.py", '''
            """side base"""
            revision = "hw05"
            down_revision = None
            ''')
        self.write("06_list_merge.py", '''
            """merge written as a list"""
            revision = 'hw06'
            down_revision = ['hw04', 'hw05']
            branch_labels = None
            depends_on = None
            ''')
        self.write("07_no_docstring.py", '''
            from alembic import op
            revision = "hw07"
            down_revision = "hw06"
            ''')
        self.write("08_after_future_import.py", '''
            from __future__ import annotations
            """not a docstring"""
            revision = "hw08"
            down_revision = "hw07"
            ''')
        self.write("09_spaces.py", '''
            """spaces and tabs around the equals sign"""
            revision  =  "hw09"
            down_revision\t= "hw08"
            branch_labels =    'label_d'
            depends_on =None
            ''')
        self.write("10_continuation_and_set.py", '''
            """a backslash continuation and a set"""
            revision = \\
                "hw10"
            down_revision = "hw09"
            branch_labels = {"label_e"}
            depends_on = {
                "hw05",
            }
            ''')
        self.assert_same_as_alembic(10)

    def test_escapes_in_docstrings(self):
        self.write("01_escapes.py", r'''
            """caf\u00e9 \x41\102 tab\there \d kept \
            joined

            Revision ID: esc1
            """
            revision = 'esc1'
            down_revision = None
            ''')
        self.write("02_escaped_quote.py", "'''it\\'s a \\''' quote'''\nrevision = 'esc2'\ndown_revision = 'esc1'\n")
        self.write("03_bom.py", '\ufeff"""with a byte order mark"""\nrevision = "esc3"\ndown_revision = "esc2"\n')
        revisions = self.assert_same_as_alembic(3)
        self.assertEqual(revisions["esc1"]["message"], "café AB tab\there \\d kept joined")
        self.assertEqual(revisions["esc2"]["message"], "it's a ''' quote")

    def test_crlf_line_endings(self):
        self.write("01_crlf.py", '''
            """written on windows

            Revision ID: crlf1
            Create Date: 2020-01-02 03:04:05

            """
            revision = 'crlf1'
            down_revision = None
            branch_labels = ('win',)
            depends_on = None
            ''', newline="\r\n")
        self.write("02_crlf.py", '''
            """second
            windows revision

            more text
            """
            revision = 'crlf2'
            down_revision = (
                'crlf1',
            )
            ''', newline="\r\n")
        self.assert_same_as_alembic(2)


if __name__ == "__main__":
    unittest.main()
