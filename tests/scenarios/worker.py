"""A second deployer: `python3 -m scenarios.worker '<job json>'` connects to
a test's database, waits at a barrier, makes its calls and prints the
outcome as JSON.

job: {"engine", "spec", "wait", "script_location", "barrier", "name",
      "calls": [[function, arg...], ...]}
The worker creates <barrier>.<name>.ready once connected, then waits for
<barrier>.go so that all workers call at the same moment.
"""

import json
import os
import sys
import time

from .engines import MigrateError, engine_named


def main():
    job = json.loads(sys.argv[1])
    engine = engine_named(job["engine"])
    session = engine.connect(job["spec"], wait=job["wait"])
    session.use_script_location(job["script_location"])
    with open("%s.%s.ready" % (job["barrier"], job["name"]), "w"):
        pass
    deadline = time.monotonic() + 60
    while not os.path.exists(job["barrier"] + ".go"):
        if time.monotonic() > deadline:
            raise SystemExit("worker %s: no go signal" % job["name"])
        time.sleep(0.005)
    outcomes = []
    for function, *args in job["calls"]:
        try:
            outcomes.append({"result": session.call(function, *args)})
        except MigrateError as e:
            outcomes.append({"error": e.message, "code": e.code, "busy": engine.is_busy_error(e)})
    session.close()
    print(json.dumps(outcomes))


if __name__ == "__main__":
    main()
