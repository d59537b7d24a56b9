"""What the fault, stress and untrusted-input scenarios check after a call
that must not have written anything: the whole schema, the version table
and its audit log, compared before and after."""

from .engines import MigrateError

VERSION_TABLE = "alembic_version"


def log_rows(db, version_table=VERSION_TABLE):
    """The audit log's rows in order, less when they ran and how long they
    took; None when there is no log."""
    log = version_table + "_log"
    if log not in db.tables():
        return None
    return db.rows("SELECT id, direction, revision, from_revisions, to_revisions, message, checksum FROM %s "
                   "ORDER BY id" % db.identifier(log))


def full_state(db, version_table=VERSION_TABLE):
    """(schema, version table rows, audit log rows)."""
    return db.snapshot(), db.version_rows(version_table), log_rows(db, version_table)


class NothingWrittenMixin:
    """For ScenarioTest subclasses."""

    def assertFailsWithoutWriting(self, function, *args, contains=(), version_table=VERSION_TABLE, db=None):
        """`function(*args)` fails with a message holding each of `contains`
        and leaves schema, version table and log as they were. Returns the
        error."""
        db = db or self.db
        before = full_state(db, version_table)
        with self.assertRaises(MigrateError) as caught:
            db.call(function, *args)
        for text in [contains] if isinstance(contains, str) else contains:
            self.assertIn(text, caught.exception.message)
        self.assertEqual(full_state(db, version_table), before, "the failed call wrote to the database")
        return caught.exception
