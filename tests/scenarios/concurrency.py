"""One deployer at a time (docs/reference.md section 8): two processes call
migrate_upgrade('head') on one database at the same moment. Each step is
applied exactly once; the loser either waits and finds nothing to do, or
(when it may not wait) fails with the engine's own busy error."""

import json
import os
import subprocess
import sys
import time
import unittest

from .scenario import ScenarioTest, log, rev

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def recording(id, parent=None, extra=""):
    """A revision that records in table `applied` that its upgrade ran."""
    return rev(id, parent, upgrade="%sCREATE TABLE t_%s (id INTEGER PRIMARY KEY);\n"
                                   "INSERT INTO applied (step) VALUES ('%s');" % (extra, id, id))


class TwoDeployersTest(ScenarioTest):
    def setUp(self):
        super().setUp()
        self.db.execute("CREATE TABLE applied (step VARCHAR(10) NOT NULL)")
        # b holds the winner inside its run long enough for the loser to arrive.
        self.root = self.project(recording("a"), recording("b", "a", self.engine.sleep_sql(1.5) + "\n"),
                                 recording("c", "b"))

    def run_deployers(self, wait, count=2, calls=(("migrate_upgrade", "head"),)):
        barrier = os.path.join(self.dir, "barrier")
        workers = []
        for i in range(count):
            job = {"engine": self.engine.name, "spec": self.db.spec, "wait": wait, "script_location": self.root,
                   "barrier": barrier, "name": str(i), "calls": [list(c) for c in calls]}
            workers.append(subprocess.Popen([sys.executable, "-B", "-m", "scenarios.worker", json.dumps(job)],
                                            cwd=TESTS_DIR, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                            text=True))
        try:
            deadline = time.monotonic() + 60
            while not all(os.path.exists("%s.%d.ready" % (barrier, i)) for i in range(count)):
                for w in workers:
                    if w.poll() is not None:
                        self.fail("a worker exited early: %s" % w.stderr.read())
                self.assertLess(time.monotonic(), deadline, "workers never got ready")
                time.sleep(0.01)
            with open(barrier + ".go", "w"):
                pass
            outcomes = []
            for w in workers:
                out, err = w.communicate(timeout=120)
                self.assertEqual(w.returncode, 0, err)
                outcomes.append(json.loads(out)[0])
            return outcomes
        finally:
            for w in workers:
                if w.poll() is None:
                    w.kill()
                    w.wait()

    def applied(self):
        return sorted(r[0] for r in self.db.rows("SELECT step FROM applied"))

    FULL_LOG = log("upgrade  -> a, create t_a", "upgrade a -> b, create t_b", "upgrade b -> c, create t_c")

    def test_waiting_loser_finds_nothing_to_do(self):
        outcomes = self.run_deployers(wait=True)
        self.assertTrue(all("result" in o for o in outcomes), outcomes)
        self.assertEqual(sorted(o["result"] for o in outcomes), ["", self.FULL_LOG])
        self.assertEqual(self.applied(), ["a", "b", "c"])
        self.assertState(["c"], ["applied", "t_a", "t_b", "t_c"])

    def test_impatient_loser_gets_the_busy_error(self):
        outcomes = self.run_deployers(wait=False)
        winners = [o for o in outcomes if "result" in o]
        losers = [o for o in outcomes if "error" in o]
        self.assertEqual([w["result"] for w in winners], [self.FULL_LOG], outcomes)
        self.assertEqual(len(losers), 1, outcomes)
        self.assertTrue(losers[0]["busy"], losers[0])
        self.assertEqual(self.applied(), ["a", "b", "c"])
        self.assertState(["c"], ["applied", "t_a", "t_b", "t_c"])

    def test_three_deployers_from_a_partial_upgrade(self):
        self.assertEqual(self.upgrade("a"), log("upgrade  -> a, create t_a"))
        outcomes = self.run_deployers(wait=True, count=3)
        self.assertEqual(sorted(o.get("result") for o in outcomes),
                         ["", "", log("upgrade a -> b, create t_b", "upgrade b -> c, create t_c")], outcomes)
        self.assertEqual(self.applied(), ["a", "b", "c"])
        self.assertState(["c"], ["applied", "t_a", "t_b", "t_c"])


if __name__ == "__main__":
    unittest.main()
