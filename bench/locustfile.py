"""The users of bench/load.py (run by it, not on its own): signed-in people of each role, by session
cookie, who all ask for the same page at once, one page after another in phases of LOAD_PHASE seconds
from LOAD_START (a wall-clock time), so each page is measured at saturation in one run, beside the
trivial signed-in view `/session/status/`. LOAD_PLAN (JSON) lists the phases (page, [(role, url)]) and each role's cookie."""

import itertools
import json
import os
import time

from locust import FastHttpUser, constant, task

PLAN = json.loads(os.environ["LOAD_PLAN"])
START = float(os.environ["LOAD_START"])
PHASE = float(os.environ["LOAD_PHASE"])
_numbers = itertools.count()


class Person(FastHttpUser):  # geventhttpclient: the load generator's own CPU kept small on a 2-core machine
    wait_time = constant(0)

    def on_start(self):
        self.number = next(_numbers)

    @task
    def current_page(self):
        phase = int((time.time() - START) // PHASE)
        if phase < 0:
            time.sleep(min(0.2, START - time.time()))
            return
        if phase >= len(PLAN["phases"]):
            self.environment.runner.quit()
            return
        name, visits = PLAN["phases"][phase]  # [(role, url)] for every role that may read the page
        role, url = visits[self.number % len(visits)]
        # Sent as a header (the session and CSRF cookies): they are Secure (DEBUG off) and the run is plain
        # HTTP on loopback.
        headers = {"Cookie": PLAN["cookies"][role]}
        with self.client.get(
            url, headers=headers, name=name, allow_redirects=False, catch_response=True
        ) as r:
            if r.status_code != 200:
                r.failure(f"{role}: {r.status_code}")
