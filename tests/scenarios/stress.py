"""Eight deployers at once, round after round (docs/reference.md section 8, "one deployer
at a time"): eight processes call migrate_upgrade('head') on one database at
the same moment, twenty times over, each round with new revisions to apply.
Every step runs exactly once; the version table, the audit log and what the
steps recorded agree; half the processes wait for the lock and never fail,
the other half may not wait and fail only with the engine's own busy error
(SQLite: SQLITE_BUSY "database is locked"; PostgreSQL: lock_timeout's
55P03).

`python3 -m scenarios.stress worker '<job>'` is one of the processes.
MIGRATE_TEST_REPORT=1 prints what each test saw (docs/RELIABILITY.md)."""

import json
import os
import subprocess
import sys
import time
import unittest

from .engines import MigrateError, engine_named
from .invariants import log_rows
from .scenario import ScenarioTest, log, rev

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROCESSES = 8
ROUNDS = 20
STEPS_PER_ROUND = 3


def report(text):
    if os.environ.get("MIGRATE_TEST_REPORT"):
        print("\n    [report] " + text, file=sys.stderr)


def wait_for(paths, deadline, what):
    while not all(os.path.exists(p) for p in paths):
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for " + what)
        time.sleep(0.002)


def worker(job):
    """Round after round: say ready, wait for the go, call, write the outcome."""
    engine = engine_named(job["engine"])
    session = engine.connect(job["spec"], wait=job["wait"])
    session.use_script_location(job["script_location"])
    folder, name = job["folder"], job["name"]
    for round_ in range(job["rounds"]):
        open(os.path.join(folder, "ready.%d.%s" % (round_, name)), "w").close()
        wait_for([os.path.join(folder, "go.%d" % round_)], time.monotonic() + 120, "round %d" % round_)
        try:
            outcome = {"result": session.call("migrate_upgrade", "head")}
        except MigrateError as e:
            outcome = {"error": e.message, "code": e.code, "busy": engine.is_busy_error(e)}
        outcome["wait"] = job["wait"]
        done = os.path.join(folder, "done.%d.%s" % (round_, name))
        with open(done + ".tmp", "w") as f:
            json.dump(outcome, f)
        os.rename(done + ".tmp", done)
    session.close()


class EightDeployersTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.db.execute("CREATE TABLE applied (step VARCHAR(10) NOT NULL)")
        self.revisions = []  # every revision written so far, in order
        self.root = self.project()

    def write_round(self, round_):
        """The round's revisions, chained on the last head; the middle one
        holds the winner's lock a little while so that the others collide
        with it."""
        new = []
        for k in range(STEPS_PER_ROUND):
            id = "r%02ds%d" % (round_, k)
            parent = self.revisions[-1].id if self.revisions else None
            extra = self.engine.sleep_sql(0.05) + "\n" if k == 1 else ""
            r = rev(id, parent, message="step %s" % id,
                    upgrade="%sCREATE TABLE t_%s (id INTEGER PRIMARY KEY);\nINSERT INTO applied (step) VALUES ('%s');"
                            % (extra, id, id))
            self.revisions.append(r)
            new.append(r)
        self.project(*new, use=False)
        return new

    def start_workers(self, folder):
        workers = []
        for i in range(PROCESSES):
            job = {"engine": self.engine.name, "spec": self.db.spec, "wait": i % 2 == 0,
                   "script_location": self.root, "folder": folder, "name": str(i), "rounds": ROUNDS}
            workers.append(subprocess.Popen([sys.executable, "-B", "-m", "scenarios.stress", "worker", json.dumps(job)],
                                            cwd=TESTS_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        return workers

    def check_round(self, new, outcomes):
        errors = [o for o in outcomes if "error" in o]
        results = [o["result"] for o in outcomes if "result" in o]
        # One winner ran the round's steps; every other caller found nothing
        # to do or, not waiting, got the busy error.
        expected_log = log(*["upgrade %s -> %s, step %s" % (r.revises[0] if r.revises else "", r.id, r.id)
                             for r in new])
        self.assertEqual(sorted(results), [""] * (len(results) - 1) + [expected_log], outcomes)
        for e in errors:
            self.assertTrue(e["busy"], "an error other than the busy error: %r" % e)
            self.assertFalse(e["wait"], "a waiting deployer failed: %r" % e)
        # Each step ran exactly once, in order, and the version table and
        # the log agree with what the steps recorded.
        applied = [r[0] for r in self.db.rows("SELECT step FROM applied")]
        self.assertEqual(sorted(applied), sorted(r.id for r in self.revisions))
        self.assertEqual(self.db.version_rows(), [self.revisions[-1].id])
        logged = log_rows(self.db)
        self.assertEqual([(row[1], row[2]) for row in logged], [("upgrade", r.id) for r in self.revisions])
        self.assertEqual(logged[-1][4], self.revisions[-1].id)
        self.assertEqual([row[0] for row in logged], list(range(1, len(logged) + 1)))
        return len(errors)

    def run_rounds(self):
        folder = os.path.join(self.dir, "rounds")
        os.mkdir(folder)
        workers = self.start_workers(folder)
        busy_errors = 0
        started = time.monotonic()
        try:
            for round_ in range(ROUNDS):
                new = self.write_round(round_)
                deadline = time.monotonic() + 120
                wait_for([os.path.join(folder, "ready.%d.%d" % (round_, i)) for i in range(PROCESSES)], deadline,
                         "the workers to get ready")
                open(os.path.join(folder, "go.%d" % round_), "w").close()
                done = [os.path.join(folder, "done.%d.%d" % (round_, i)) for i in range(PROCESSES)]
                while not all(os.path.exists(p) for p in done):
                    for w in workers:
                        if w.poll() is not None and w.returncode != 0:
                            self.fail("a worker failed: %s" % w.stderr.read())
                    self.assertLess(time.monotonic(), deadline, "round %d never ended" % round_)
                    time.sleep(0.005)
                outcomes = []
                for p in done:
                    with open(p) as f:
                        outcomes.append(json.load(f))
                busy_errors += self.check_round(new, outcomes)
            for w in workers:
                _, err = w.communicate(timeout=60)
                self.assertEqual(w.returncode, 0, err)
        finally:
            for w in workers:
                if w.poll() is None:
                    w.kill()
                    w.wait()
        elapsed = time.monotonic() - started
        report("%s: %d processes x %d rounds, %d steps each ran once; %d busy errors (non-waiting callers), "
               "%d log rows; %.1fs" % (self.engine.name, PROCESSES, ROUNDS, len(self.revisions), busy_errors,
                                      len(log_rows(self.db)), elapsed))

    def test_eight_deployers_twenty_rounds(self):
        self.run_rounds()

    def test_eight_deployers_twenty_rounds_wal(self):
        self.require_engine("sqlite", "SQLite's journal modes")
        self.assertEqual(self.db.scalar("PRAGMA journal_mode = WAL"), "wal")
        self.run_rounds()


if __name__ == "__main__":
    if sys.argv[1:2] == ["worker"]:
        worker(json.loads(sys.argv[2]))
    else:
        unittest.main()
