"""Timings and query counts of "Your tasks" and the search at two scales of the demo council (issue 19).

    python bench/tasks_search.py [--scales 1 20] [--database postgres|sqlite]

Each scale runs in its own process on its own fresh database (seed_demo --scale N). For every demo user:
their task list (commissioning.worklist.tasks_for), and a few searches (commissioning.search.search), each the
median of five runs after a warm-up. Prints a table; exits 1 when a query count grows with the data, or a search
takes 200 ms or more (the issue's budget).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from fresh import measure_in_child

ROOT = Path(__file__).resolve().parent.parent
USERS = ["commissioner", "commissioner2", "councillor", "councillor2", "scrutiny", "gateway", "admin"]
QUERIES = ["advocacy", "children safe", '"young carers" -adult', "advocasy"]
BUDGET_MS = 200


def _timed(func) -> tuple[float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    func()  # warm-up
    runs, count = [], 0
    for _ in range(5):
        reset_queries()  # the seeding filled the debug log, whose length then stays at its maximum
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            func()
            runs.append((time.perf_counter() - started) * 1000)
        count = len(ctx.captured_queries)
    return round(statistics.median(runs), 1), count


def measure(scale: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commissioning.settings")
    # What each page computes, every time: not the page cache (bench/load.py measures that).
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale=scale, verbosity=0)

    from commissioning import search, worklist
    from commissioning.models import User
    from strategies.models import Strategy

    rows = {}
    for username in USERS:
        user = User.objects.get(username=username)
        ms, count = _timed(lambda user=user: worklist.tasks_for(user))
        rows[f"tasks: {username}"] = {"ms": ms, "queries": count, "found": len(worklist.tasks_for(user))}
    commissioner = User.objects.get(username="commissioner")
    for query in QUERIES:
        ms, count = _timed(lambda query=query: search.search(commissioner, query))
        rows[f"search: {query}"] = {
            "ms": ms,
            "queries": count,
            "found": search.search(commissioner, query).total,
        }
    return {"scale": scale, "strategies": Strategy.objects.count(), "rows": rows}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 20])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    results = [
        measure_in_child(__file__, s, args.database, f"commissioning_bench_tasks_{s}") for s in args.scales
    ]
    first = results[0]
    width = max(len(name) for name in first["rows"]) + 2
    print(
        "  ".join(f"scale {r['scale']} = {r['strategies']} strategies" for r in results), f"({args.database})"
    )
    print(f"{'':<{width}}" + "".join(f"{'scale ' + str(r['scale']):>28}" for r in results))
    print(f"{'':<{width}}" + "".join(f"{'ms':>10}{'queries':>9}{'found':>9}" for _ in results))
    failed = []
    for name in first["rows"]:
        cells = [r["rows"][name] for r in results]
        print(f"{name:<{width}}" + "".join(f"{c['ms']:>10}{c['queries']:>9}{c['found']:>9}" for c in cells))
        if len({c["queries"] for c in cells}) > 1:
            failed.append(f"{name}: queries grow")
        if name.startswith("search") and any(c["ms"] >= BUDGET_MS for c in cells):
            failed.append(f"{name}: {BUDGET_MS} ms or more")
    print("\n".join(failed) or "Query counts equal at every scale; every search under the budget.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
