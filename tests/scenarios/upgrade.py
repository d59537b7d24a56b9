"""upgrade, downgrade, stamp, current and heads on a linear history, with
absolute, prefix and relative targets. Expected values are Alembic 1.8's."""

import unittest

from .engines import MigrateError
from .scenario import ScenarioTest, log, rev


def linear():
    return [
        rev("a", message="create account"),
        rev("b", "a", message="add orders"),
        rev("c", "b", message="add items"),
    ]


UP_A = "upgrade  -> a, create account"
UP_B = "upgrade a -> b, add orders"
UP_C = "upgrade b -> c, add items"
DOWN_A = "downgrade a -> , create account"
DOWN_B = "downgrade b -> a, add orders"
DOWN_C = "downgrade c -> b, add items"


class LinearTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.project(*linear())

    def test_fresh_database_has_no_version_table_and_no_current(self):
        self.assertCurrent(None)
        self.assertEqual(self.heads(), "c")
        self.assertState(None, [])  # reading never creates the version table

    def test_upgrade_head_runs_every_step_in_order(self):
        self.assertEqual(self.upgrade("head"), log(UP_A, UP_B, UP_C))
        self.assertState(["c"], ["t_a", "t_b", "t_c"])
        self.assertCurrent("c")

    def test_upgrade_without_argument_means_heads(self):
        self.assertEqual(self.upgrade(), log(UP_A, UP_B, UP_C))
        self.assertState(["c"], ["t_a", "t_b", "t_c"])

    def test_upgrade_at_head_does_nothing(self):
        self.upgrade("head")
        self.assertEqual(self.upgrade("head"), "")
        self.assertEqual(self.upgrade("heads"), "")
        self.assertEqual(self.upgrade("a"), "")  # below the current revision: nothing to do
        self.assertState(["c"], ["t_a", "t_b", "t_c"])

    def test_upgrade_one_step_at_a_time(self):
        self.assertEqual(self.upgrade("+1"), log(UP_A))
        self.assertState(["a"], ["t_a"])
        self.assertEqual(self.upgrade("+1"), log(UP_B))
        self.assertState(["b"], ["t_a", "t_b"])
        self.assertEqual(self.upgrade("+1"), log(UP_C))
        self.assertState(["c"], ["t_a", "t_b", "t_c"])

    def test_upgrade_relative_to_a_revision(self):
        self.assertEqual(self.upgrade("+2"), log(UP_A, UP_B))
        self.assertState(["b"], ["t_a", "t_b"])
        self.downgrade("base")
        self.assertEqual(self.upgrade("a+1"), log(UP_A, UP_B))
        self.assertState(["b"], ["t_a", "t_b"])
        self.assertEqual(self.upgrade("c-1"), "")
        self.assertEqual(self.upgrade("b+1"), log(UP_C))
        self.assertState(["c"], ["t_a", "t_b", "t_c"])

    def test_upgrade_to_an_explicit_revision(self):
        self.assertEqual(self.upgrade("b"), log(UP_A, UP_B))
        self.assertState(["b"], ["t_a", "t_b"])
        self.assertCurrent("b")

    def test_relative_upgrade_too_far_fails_and_changes_nothing(self):
        self.upgrade("a")
        self.assertFailsCleanly("migrate_upgrade", "+5", contains="Relative revision +5 didn't produce 5 migrations")
        self.assertState(["a"], ["t_a"])
        self.assertFailsCleanly("migrate_upgrade", "-1", contains="Relative revision -1 didn't produce 1 migrations")
        self.assertState(["a"], ["t_a"])

    def test_downgrade_one_step_at_a_time(self):
        self.upgrade("head")
        self.assertEqual(self.downgrade("-1"), log(DOWN_C))
        self.assertState(["b"], ["t_a", "t_b"])
        self.assertEqual(self.downgrade("-1"), log(DOWN_B))
        self.assertState(["a"], ["t_a"])
        self.assertEqual(self.downgrade("-1"), log(DOWN_A))
        self.assertState([], [])  # the version table stays, empty
        self.assertCurrent(None)

    def test_downgrade_to_base_and_to_a_revision(self):
        self.upgrade("head")
        self.assertEqual(self.downgrade("a"), log(DOWN_C, DOWN_B))
        self.assertState(["a"], ["t_a"])
        self.upgrade("head")
        self.assertEqual(self.downgrade("base"), log(DOWN_C, DOWN_B, DOWN_A))
        self.assertState([], [])

    def test_downgrade_relative_forms(self):
        self.upgrade("head")
        self.assertEqual(self.downgrade("-2"), log(DOWN_C, DOWN_B))
        self.assertState(["a"], ["t_a"])
        self.upgrade("head")
        self.assertEqual(self.downgrade("head-2"), log(DOWN_C, DOWN_B))
        self.assertState(["a"], ["t_a"])
        self.upgrade("head")
        self.assertEqual(self.downgrade("b-1"), log(DOWN_C, DOWN_B))
        self.assertState(["a"], ["t_a"])

    def test_downgrade_errors_change_nothing(self):
        self.upgrade("b")
        self.assertFailsCleanly("migrate_downgrade", "-5", contains="Relative revision -5 didn't produce 5 migrations")
        self.assertFailsCleanly("migrate_downgrade", "+1", contains="Relative revision +1 didn't produce 1 migrations")
        self.assertFailsCleanly("migrate_downgrade", "c",
                                contains="Destination c is not a valid downgrade target from current head(s)")
        self.assertState(["b"], ["t_a", "t_b"])
        self.downgrade("base")
        self.assertFailsCleanly("migrate_downgrade", "-1", contains="Relative revision -1 didn't produce 1 migrations")
        self.assertState([], [])

    def test_downgrade_to_the_current_revision_does_nothing(self):
        self.upgrade("b")
        self.assertEqual(self.downgrade("b"), "")
        self.assertState(["b"], ["t_a", "t_b"])

    def test_downgrade_on_a_fresh_database_does_nothing(self):
        self.assertEqual(self.downgrade("base"), "")
        self.assertState(None, [])


class StampTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.project(*linear())

    def test_stamp_head_writes_the_version_table_only(self):
        self.assertEqual(self.stamp("head"), log("stamp_revision  -> c"))
        self.assertState(["c"], [])
        self.assertCurrent("c")
        self.assertEqual(self.upgrade("head"), "")

    def test_stamp_down_then_upgrade_runs_only_the_rest(self):
        self.upgrade("head")
        self.assertEqual(self.stamp("a"), log("stamp_revision c -> a"))
        self.assertState(["a"], ["t_a", "t_b", "t_c"])
        self.db.execute("DROP TABLE t_b")
        self.db.execute("DROP TABLE t_c")
        self.assertEqual(self.upgrade("head"), log(UP_B, UP_C))
        self.assertState(["c"], ["t_a", "t_b", "t_c"])

    def test_stamp_base_empties_the_version_table(self):
        self.upgrade("b")
        self.assertEqual(self.stamp("base"), log("stamp_revision b -> "))
        self.assertState([], ["t_a", "t_b"])
        self.assertCurrent(None)

    def test_stamp_by_prefix_and_same_revision(self):
        self.assertEqual(self.stamp("b"), log("stamp_revision  -> b"))
        self.assertEqual(self.stamp("b"), "")
        self.assertState(["b"], [])

    def test_stamp_unknown_revision_writes_nothing(self):
        self.assertFailsCleanly("migrate_stamp", "zzzz", contains="Can't locate revision identified by 'zzzz'")
        self.assertState(None, [])


class PrefixTest(ScenarioTest):
    """Identifiers as users type them: full ids, unique prefixes, relative steps."""

    def setUp(self):
        super().setUp()
        self.revs = [
            rev("1a2b3c4d5e6f", message="one"),
            rev("1a2bffff0000", "1a2b3c4d5e6f", message="two"),
            rev("9f8e7d6c5b4a", "1a2bffff0000", message="three"),
        ]
        self.project(*self.revs)

    def test_unique_prefix(self):
        self.assertEqual(self.upgrade("1a2b3"), log("upgrade  -> 1a2b3c4d5e6f, one"))
        self.assertState(["1a2b3c4d5e6f"], ["t_1a2b3c4d5e6f"])
        self.assertEqual(self.upgrade("9f8e"), log("upgrade 1a2b3c4d5e6f -> 1a2bffff0000, two",
                                                   "upgrade 1a2bffff0000 -> 9f8e7d6c5b4a, three"))
        self.assertState(["9f8e7d6c5b4a"], ["t_1a2b3c4d5e6f", "t_1a2bffff0000", "t_9f8e7d6c5b4a"])
        self.assertEqual(self.downgrade("1a2bf"), log("downgrade 9f8e7d6c5b4a -> 1a2bffff0000, three"))
        self.assertState(["1a2bffff0000"], ["t_1a2b3c4d5e6f", "t_1a2bffff0000"])

    def test_ambiguous_prefix_is_refused(self):
        self.assertFailsCleanly("migrate_upgrade", "1a2b", contains="Can't locate revision identified by '1a2b'")
        self.assertState(None, [])

    def test_prefix_of_any_length(self):
        self.assertEqual(self.upgrade("9f"), log("upgrade  -> 1a2b3c4d5e6f, one",
                                                 "upgrade 1a2b3c4d5e6f -> 1a2bffff0000, two",
                                                 "upgrade 1a2bffff0000 -> 9f8e7d6c5b4a, three"))
        self.assertState(["9f8e7d6c5b4a"], ["t_1a2b3c4d5e6f", "t_1a2bffff0000", "t_9f8e7d6c5b4a"])
        self.assertFailsCleanly("migrate_stamp", "1a2b", contains="Can't locate revision identified by '1a2b'")
        self.assertEqual(self.stamp("1a2b3"), log("stamp_revision 9f8e7d6c5b4a -> 1a2b3c4d5e6f"))
        self.assertState(["1a2b3c4d5e6f"], ["t_1a2b3c4d5e6f", "t_1a2bffff0000", "t_9f8e7d6c5b4a"])


class EmptyProjectTest(ScenarioTest):
    def test_no_revisions(self):
        self.project()
        self.assertEqual(self.heads(), "")
        self.assertEqual(self.db.versions(), [])
        for call in [self.upgrade, lambda: self.upgrade("head"), lambda: self.downgrade("base"),
                     lambda: self.stamp("heads")]:
            self.assertEqual(call(), "")
        self.assertState(None, [])
        self.assertCurrent(None)


class VersionTableShapeTest(ScenarioTest):
    """docs/reference.md section 4: exactly Alembic's table, created by the first step."""

    def test_shape(self):
        self.project(rev("a"))
        self.upgrade("head")
        self.assertEqual(self.db.columns("alembic_version"), ["version_num"])
        if self.engine.name == "sqlite":
            # cid, name, type, notnull, default, pk
            self.assertEqual(self.db.rows("PRAGMA table_info(alembic_version)"),
                             [(0, "version_num", "VARCHAR(32)", 1, None, 1)])
            self.assertRegex(self.db.table_sql("alembic_version"),
                             r'CONSTRAINT "?alembic_version_pkc"? PRIMARY KEY \(version_num\)')

    def test_one_row_per_applied_head(self):
        self.project(rev("a"), rev("b", "a"))
        self.upgrade("head")
        with self.assertRaises(MigrateError):
            self.db.execute("INSERT INTO alembic_version (version_num) VALUES ('b')")  # the primary key


if __name__ == "__main__":
    unittest.main()
