"""A script folder moving from Alembic to migrate: an old .py history that
Alembic generated and applied, and new .sql revisions on top that migrate
applies, in the same versions/ folder. Alembic ignores the .sql files; it is
given their .py twins through a second version location, and agrees with
migrate about the database."""
import hashlib
import os
import sqlite3
import unittest

from support import AlembicProject, TempDirTestCase, set_body, split_list, version_rows, write_pair

SQL_ON_TOP = [
    dict(rev="5e1f00000001", message="create orders",
         upgrade="CREATE TABLE orders (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES account(id));",
         downgrade="DROP TABLE orders;"),
    dict(rev="5e1f00000002", down=("5e1f00000001",), message="index orders",
         upgrade="CREATE INDEX ix_orders_account ON orders (account_id);",
         downgrade="DROP INDEX ix_orders_account;"),
    dict(rev="5e1f00000003", down=("5e1f00000002",), message="order total",
         upgrade="ALTER TABLE orders ADD COLUMN total NUMERIC NOT NULL DEFAULT 0;",
         downgrade="ALTER TABLE orders DROP COLUMN total;"),
]


class MixedFolder(TempDirTestCase):
    def setUp(self):
        super().setUp()
        self.twins = self.folder("twins")
        self.versions = os.path.join(self.tmp, "alembic", "versions")
        # One folder for both tools: migrate's script_location is Alembic's.
        self.project = AlembicProject(self.tmp, version_locations=[self.versions, self.twins])
        self.reference = AlembicProject(self.tmp, "reference", database=os.path.join(self.tmp, "reference.db"),
                                        version_locations=[self.versions, self.twins])
        here = ("--version-path", self.versions)
        self.p1, path = self.project.revision("create account", *here)
        set_body(path, """
            op.create_table(
                "account",
                sa.Column("id", sa.Integer, primary_key=True),
                sa.Column("name", sa.String(50), nullable=False),
            )""", 'op.drop_table("account")')
        self.p2, path = self.project.revision("seed account", *here)
        set_body(path, """op.execute("INSERT INTO account (id, name) VALUES (1, 'alice')")""",
                 'op.execute("DELETE FROM account WHERE id = 1")')
        self.p3, path = self.project.revision("account email", *here)
        set_body(path, 'op.add_column("account", sa.Column("email", sa.String(100)))',
                 'op.drop_column("account", "email")')
        self.m = self.migrate(self.project.database, self.project.script_location)

    def add_sql(self, *revisions):
        for r in revisions:
            r = dict(r)
            r.setdefault("down", (self.p3,))
            write_pair(self.versions, self.twins, **r)

    def schema(self, database):
        conn = sqlite3.connect(database)
        try:
            # migrate's own tables (the version table, compared on its own, and
            # the audit log Alembic never writes) are left out
            return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master "
                                       "WHERE name NOT IN ('alembic_version', 'alembic_version_log')"))
        finally:
            conn.close()

    def test_alembic_upgrades_the_python_part_migrate_the_rest(self):
        self.assertEqual(self.project.steps("upgrade", "head"), [
            f"Running upgrade  -> {self.p1}, create account",
            f"Running upgrade {self.p1} -> {self.p2}, seed account",
            f"Running upgrade {self.p2} -> {self.p3}, account email",
        ])
        self.add_sql(*SQL_ON_TOP)
        self.assertEqual(self.m.heads(), self.project.heads())
        log = self.m.upgrade("head").splitlines()
        self.assertEqual(self.project.current(), ["5e1f00000003"])

        # Alembic alone, .py part and twins, on a second database: same steps,
        # same schema, same version table.
        self.assertEqual(self.reference.steps("upgrade", "head")[3:], log)
        self.assertEqual(self.schema(self.project.database), self.schema(self.reference.database))
        self.assertEqual(self.m.version_table(), version_rows(self.reference.database))

        rows = self.m.versions()
        self.assertEqual(len(rows), 6)
        self.assertTrue(all(r["is_applied"] for r in rows.values()))
        self.assertEqual([r for r, v in rows.items() if v["is_current"]], ["5e1f00000003"])
        # the .sql rows read as Alembic reads their twins
        alembic_revisions, _ = self.project.script_directory()
        for rev, a in alembic_revisions.items():
            row = rows[rev]
            self.assertEqual((split_list(row["down_revision"]), row["message"], bool(row["is_head"])),
                             (a["down_revision"], a["message"], a["is_head"]), rev)
            self.assertEqual(row["path"].endswith(".py"), rev in (self.p1, self.p2, self.p3), rev)

        # Alembic steps back through the twins; migrate reads it and steps forward.
        self.assertEqual(self.project.steps("downgrade", "-2"), [
            "Running downgrade 5e1f00000003 -> 5e1f00000002, order total",
            "Running downgrade 5e1f00000002 -> 5e1f00000001, index orders",
        ])
        self.assertEqual(self.m.current(), ["5e1f00000001"])
        self.assertEqual(self.m.upgrade("head"), "\n".join(log[1:]))
        self.assertEqual(self.project.current(), ["5e1f00000003"])

    def test_alembic_stamps_the_python_part(self):
        # The database was built before the project used migrations: the
        # schema of p1..p3 exists and Alembic stamps it.
        self.m.conn.execute("CREATE TABLE account (id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(50) NOT NULL, "
                            "email VARCHAR(100))")
        self.project.run("stamp", self.p3)
        self.add_sql(*SQL_ON_TOP)
        self.assertEqual(self.m.current(), [self.p3])
        self.assertEqual(self.m.upgrade("head").count("Running upgrade"), 3)
        self.assertEqual(self.project.current(), ["5e1f00000003"])
        self.assertEqual(self.m.conn.execute("SELECT name FROM pragma_table_info('orders') ORDER BY cid").fetchall(),
                         [("id",), ("account_id",), ("total",)])

    def test_migrate_adds_its_log_and_alembic_leaves_it_alone(self):
        self.project.run("upgrade", "head")
        self.add_sql(*SQL_ON_TOP)
        self.assertNotIn("alembic_version_log", self.m.tables())
        self.m.upgrade("head")
        self.assertIn("alembic_version_log", self.m.tables())

        def logged():
            return self.m.conn.execute("SELECT direction, revision, from_revisions, to_revisions, checksum "
                                       "FROM alembic_version_log ORDER BY id").fetchall()

        # only migrate's steps; the checksum is of the upgrade section, the
        # lines between the markers as write_sql_revision wrote them
        sections = {r["rev"]: hashlib.sha256((r["upgrade"] + "\n\n").encode()).hexdigest() for r in SQL_ON_TOP}
        steps = [("upgrade", "5e1f00000001", self.p3, "5e1f00000001", sections["5e1f00000001"]),
                 ("upgrade", "5e1f00000002", "5e1f00000001", "5e1f00000002", sections["5e1f00000002"]),
                 ("upgrade", "5e1f00000003", "5e1f00000002", "5e1f00000003", sections["5e1f00000003"])]
        self.assertEqual(logged(), steps)
        rows = self.m.versions()
        self.assertEqual({rev: (row["checksum"], row["modified"]) for rev, row in rows.items()},
                         {**{p: (None, 0) for p in (self.p1, self.p2, self.p3)},
                          **{rev: (checksum, 0) for rev, checksum in sections.items()}})

        # Alembic reads the version table beside the log, and runs its twins without writing to it.
        self.assertEqual(self.project.current(), ["5e1f00000003"])
        self.assertEqual(len(self.project.steps("downgrade", self.p3)), 3)
        self.assertEqual(len(self.project.steps("upgrade", "head")), 3)
        self.assertEqual(self.project.current(), ["5e1f00000003"])
        self.assertEqual(logged(), steps)
        self.assertEqual(self.m.current(), ["5e1f00000003"])

    def test_sql_branch_from_the_python_history(self):
        self.project.run("upgrade", "head")
        # a .sql branch off p2 (already applied), then a .sql merge of both lines
        self.add_sql(dict(rev="b4a2c0000001", down=(self.p2,), message="side table",
                          upgrade="CREATE TABLE side (id INTEGER);", downgrade="DROP TABLE side;"))
        self.assertEqual(self.m.heads(), sorted(["b4a2c0000001", self.p3]))
        self.assertEqual(self.m.heads(), self.project.heads())
        self.assertEqual(self.m.upgrade("heads"), f"Running upgrade {self.p2} -> b4a2c0000001, side table")
        self.assertEqual(self.project.current(), sorted(["b4a2c0000001", self.p3]))
        self.assertEqual(self.m.version_table(), sorted(["b4a2c0000001", self.p3]))

        self.add_sql(dict(rev="3e46e0000001", down=(self.p3, "b4a2c0000001"), message="merge lines"))
        self.assertEqual(self.m.upgrade("head"), f"Running upgrade {self.p3}, b4a2c0000001 -> 3e46e0000001, merge lines")
        self.assertEqual(self.project.current(), ["3e46e0000001"])
        # Alembic's own run over the same graph ends in the same place
        self.reference.run("upgrade", "heads")
        self.assertEqual(self.m.version_table(), version_rows(self.reference.database))
        self.assertEqual(self.schema(self.project.database), self.schema(self.reference.database))


if __name__ == "__main__":
    unittest.main()
