"""Branched, merged, labelled and depends_on histories: the steps, their order
and the version table rows after each call, as Alembic 1.8 gives them (files
read in file-name order)."""

import unittest

from .scenario import ScenarioTest, log, rev


def up(to, frm=""):
    return "upgrade %s -> %s, create t_%s" % (frm, to, to)


def down(frm, to=""):
    return "downgrade %s -> %s, create t_%s" % (frm, to, frm)


def tables(*ids):
    return ["t_" + i for i in ids]


class BranchTest(ScenarioTest):
    """a is a branch point: a -> b1 -> c1 (label left), a -> b2 (label right)."""

    def setUp(self):
        super().setUp()
        self.project(
            rev("a", filename="1_a.sql"),
            rev("b1", "a", labels="left", filename="2_b1.sql"),
            rev("c1", "b1", filename="3_c1.sql"),
            rev("b2", "a", labels="right", filename="4_b2.sql"),
        )

    def test_heads(self):
        self.assertEqual(self.heads(), "b2,c1")

    def test_head_is_ambiguous(self):
        self.assertFailsCleanly(
            "migrate_upgrade", "head",
            contains="Multiple head revisions are present for given argument 'head'; please specify a specific "
                     "target revision, '<branchname>@head' to narrow to a specific head, or 'heads' for all heads")
        self.assertState(None, [])

    def test_upgrade_heads_then_downgrade_base(self):
        self.assertEqual(self.upgrade("heads"), log(up("a"), up("b2", "a"), up("b1", "a"), up("c1", "b1")))
        self.assertState(["b2", "c1"], tables("a", "b1", "b2", "c1"))
        self.assertCurrent("b2,c1")
        self.assertEqual(self.downgrade("base"), log(down("c1", "b1"), down("b1", "a"), down("b2", "a"), down("a")))
        self.assertState([], [])

    def test_branch_labels(self):
        self.assertEqual(self.upgrade("left@head"), log(up("a"), up("b1", "a"), up("c1", "b1")))
        self.assertState(["c1"], tables("a", "b1", "c1"))
        self.assertEqual(self.upgrade("right@+1"), log(up("b2", "a")))
        self.assertState(["b2", "c1"], tables("a", "b1", "b2", "c1"))
        self.assertEqual(self.downgrade("left@-1"), log(down("c1", "b1")))
        self.assertState(["b1", "b2"], tables("a", "b1", "b2"))
        self.assertEqual(self.upgrade("left@+1"), log(up("c1", "b1")))
        self.assertState(["b2", "c1"], tables("a", "b1", "b2", "c1"))
        self.assertEqual(self.downgrade("right@base"),
                         log(down("c1", "b1"), down("b1", "a"), down("b2", "a"), down("a")))
        self.assertState([], [])

    def test_upgrading_one_branch_then_the_other(self):
        self.assertEqual(self.upgrade("c1"), log(up("a"), up("b1", "a"), up("c1", "b1")))
        self.assertState(["c1"], tables("a", "b1", "c1"))
        self.assertEqual(self.upgrade("b2"), log(up("b2", "a")))
        self.assertState(["b2", "c1"], tables("a", "b1", "b2", "c1"))
        self.assertEqual(self.upgrade("heads"), "")
        self.assertEqual(self.downgrade("b1"), log(down("c1", "b1")))
        self.assertState(["b1", "b2"], tables("a", "b1", "b2"))
        self.assertEqual(self.upgrade("heads"), log(up("c1", "b1")))
        self.assertState(["b2", "c1"], tables("a", "b1", "b2", "c1"))

    def test_downgrade_below_a_branch_point_is_refused_when_not_an_ancestor(self):
        self.upgrade("c1")
        self.assertFailsCleanly("migrate_downgrade", "b2",
                                contains="Destination b2 is not a valid downgrade target from current head(s)")
        self.assertState(["c1"], tables("a", "b1", "c1"))

    def test_stamp_branches(self):
        self.assertEqual(self.stamp("b1"), log("stamp_revision  -> b1"))
        self.assertState(["b1"], [])
        self.assertEqual(self.stamp("b2"), log("stamp_revision  -> b2"))
        self.assertState(["b1", "b2"], [])
        self.assertEqual(self.stamp("left@base"), log("stamp_revision b1 -> "))
        self.assertState(["b2"], [])

    def test_flags(self):
        rows = {r["revision"]: r for r in self.db.versions()}
        self.assertEqual(sorted(rows), ["a", "b1", "b2", "c1"])
        flags = {k: (r["is_head"], r["is_base"], r["is_branch_point"], r["is_merge_point"]) for k, r in rows.items()}
        self.assertEqual(flags, {
            "a": (False, True, True, False),
            "b1": (False, False, False, False),
            "c1": (True, False, False, False),
            "b2": (True, False, False, False),
        })
        self.assertEqual(rows["b1"]["branch_labels"], "left")
        self.assertEqual(rows["b2"]["branch_labels"], "right")
        self.assertIsNone(rows["c1"]["branch_labels"])  # inherited labels are not the file's own


class MergeTest(ScenarioTest):
    """a -> b1, a -> b2, m merges b1 and b2, n follows m."""

    def setUp(self):
        super().setUp()
        self.project(
            rev("a", filename="1_a.sql"),
            rev("b1", "a", filename="2_b1.sql"),
            rev("b2", "a", filename="3_b2.sql"),
            rev("m", "b1, b2", message="merge", upgrade="", downgrade="", filename="4_m.sql"),
            rev("n", "m", filename="5_n.sql"),
        )

    def test_upgrade_through_the_merge(self):
        self.assertEqual(self.heads(), "n")
        self.assertEqual(self.upgrade("b1"), log(up("a"), up("b1", "a")))
        self.assertState(["b1"], tables("a", "b1"))
        self.assertEqual(self.upgrade("head"), log(up("b2", "a"), "upgrade b1, b2 -> m, merge", up("n", "m")))
        self.assertState(["n"], tables("a", "b1", "b2", "n"))

    def test_downgrade_through_the_merge(self):
        self.upgrade("head")
        self.assertEqual(self.downgrade("-1"), log(down("n", "m")))
        self.assertState(["m"], tables("a", "b1", "b2"))
        # Below a merge point a relative step is ambiguous.
        self.assertFailsCleanly("migrate_downgrade", "-1", contains="Ambiguous walk")
        self.assertEqual(self.downgrade("b1"), log("downgrade m -> b1, b2, merge"))
        self.assertState(["b1", "b2"], tables("a", "b1", "b2"))
        self.assertCurrent("b1,b2")
        self.assertEqual(self.downgrade("base"), log(down("b1", "a"), down("b2", "a"), down("a")))
        self.assertState([], [])

    def test_stamp_the_merge(self):
        self.upgrade("b1")
        self.upgrade("b2")
        self.assertState(["b1", "b2"], tables("a", "b1", "b2"))
        self.stamp("m")
        self.assertState(["m"], tables("a", "b1", "b2"))
        self.assertEqual(self.upgrade("head"), log(up("n", "m")))
        self.assertState(["n"], tables("a", "b1", "b2", "n"))

    def test_flags(self):
        self.upgrade("b2")
        rows = {r["revision"]: r for r in self.db.versions()}
        self.assertEqual(rows["m"]["down_revision"], "b1,b2")
        self.assertEqual(rows["m"]["message"], "merge")
        flags = {k: (r["is_head"], r["is_base"], r["is_branch_point"], r["is_merge_point"], r["is_current"],
                     r["is_applied"]) for k, r in rows.items()}
        self.assertEqual(flags, {
            "a": (False, True, True, False, False, True),
            "b1": (False, False, False, False, False, False),
            "b2": (False, False, False, False, True, True),
            "m": (False, False, False, True, False, False),
            "n": (True, False, False, False, False, False),
        })


class DependsOnTest(ScenarioTest):
    """Two bases: a -> b -> c, where b depends on x2 of x1 -> x2 (label other)."""

    def setUp(self):
        super().setUp()
        self.project(
            rev("a", filename="1_a.sql"),
            rev("b", "a", depends_on="x2", filename="2_b.sql"),
            rev("c", "b", filename="3_c.sql"),
            rev("x1", labels="other", filename="4_x1.sql"),
            rev("x2", "x1", filename="5_x2.sql"),
        )

    def test_upgrade_pulls_in_the_dependency(self):
        self.assertEqual(self.heads(), "c,x2")
        self.assertEqual(self.upgrade("b"), log(up("x1"), up("x2", "x1"), up("a"), up("b", "a")))
        # b's row stands for x2 too
        self.assertState(["b"], tables("a", "b", "x1", "x2"))
        rows = {r["revision"]: r for r in self.db.versions()}
        self.assertEqual({k for k, r in rows.items() if r["is_applied"]}, {"a", "b", "x1", "x2"})
        self.assertEqual({k for k, r in rows.items() if r["is_current"]}, {"b"})
        self.assertEqual(rows["b"]["depends_on"], "x2")
        self.assertTrue(rows["x2"]["is_head"])  # heads follow Revises only

    def test_downgrading_the_dependency_takes_its_dependents_down(self):
        self.upgrade("heads")
        self.assertState(["c"], tables("a", "b", "c", "x1", "x2"))
        self.assertEqual(self.downgrade("x1"), log(down("c", "b"), down("b", "a"), down("x2", "x1")))
        self.assertState(["a", "x1"], tables("a", "x1"))
        self.assertEqual(self.downgrade("other@base"), log(down("x1")))
        self.assertState(["a"], tables("a"))

    def test_label_targets(self):
        self.assertEqual(self.upgrade("other@head"), log(up("x1"), up("x2", "x1")))
        self.assertState(["x2"], tables("x1", "x2"))
        self.assertEqual(self.upgrade("heads"), log(up("a"), up("b", "a"), up("c", "b")))
        self.assertState(["c"], tables("a", "b", "c", "x1", "x2"))
        self.assertEqual(self.downgrade("other@base"),
                         log(down("c", "b"), down("b", "a"), down("x2", "x1"), down("x1")))
        self.assertState(["a"], tables("a"))


class DependsOnLabelTest(ScenarioTest):
    """b depends on the branch label `other` (revision x1)."""

    def setUp(self):
        super().setUp()
        self.project(
            rev("a", filename="1_a.sql"),
            rev("b", "a", depends_on="other", filename="2_b.sql"),
            rev("x1", labels="other", filename="3_x1.sql"),
            rev("x2", "x1", filename="4_x2.sql"),
        )

    def test_depends_on_a_label(self):
        self.assertEqual(self.upgrade("b"), log(up("x1"), up("a"), up("b", "a")))
        self.assertState(["b"], tables("a", "b", "x1"))
        self.assertEqual(self.upgrade("other@+1"), log(up("x2", "x1")))
        self.assertState(["b", "x2"], tables("a", "b", "x1", "x2"))
        self.assertEqual(self.downgrade("other@-1"), log(down("x2", "x1")))
        self.assertState(["b"], tables("a", "b", "x1"))
        self.assertEqual(self.downgrade("other@base"), log(down("b", "a"), down("x1")))
        self.assertState(["a"], tables("a"))


if __name__ == "__main__":
    unittest.main()
