"""How each main page's time grows with the council (issue 21: at scale 20 at most 1.3 × its time at scale 1,
and the same number of queries, at most 25).

    python bench/growth.py [--scales 1 5 20] [--repeats 7] [--database postgres|sqlite]

Each scale runs in its own process on its own fresh database (`seed_demo --scale N`), signed in as the demo
commissioner. Each page is
requested once to warm caches, then `--repeats` times; the median server-side time (the test client, no
network) and the query count of the last request are kept. Prints a table of median ms and queries per scale
and the ratio of the largest scale's median to the smallest's. Figures only: it asserts nothing (the
query-count tests in tests/*/test_page_queries.py do that).
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
TARGET_RATIO = 1.3
MAX_QUERIES = 25


def _pages(scale: int) -> list[tuple[str, str, str]]:
    """(page, url, username): the same demo records at every scale (each the first by strategy reference)."""
    from django.urls import reverse
    from django.utils import timezone

    from delivery.models import Kpi
    from members.models import Board
    from plans.models import CommissioningPlan, OptionsAppraisal
    from strategies.models import Stage, Strategy

    subject = Strategy.objects.filter(accountable_commissioner__username="commissioner", stage=Stage.PLAN)
    subject = subject.order_by("reference").first() or Strategy.objects.order_by("reference").first()
    appraisal = OptionsAppraisal.objects.order_by("plan__strategy__reference", "plan__pk", "pk").first()
    plan = appraisal.plan if appraisal else CommissioningPlan.objects.order_by("strategy__reference").first()
    kpi = Kpi.objects.order_by("strategy__reference", "pk").first()
    executive = Board.objects.get(kind=Board.Kind.EXECUTIVE)
    meeting = executive.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    commissioner = "commissioner"
    pages = [
        ("dashboard", reverse("home"), commissioner),
        ("strategy list", reverse("strategies:list"), commissioner),
        ("strategy list, search", reverse("strategies:list") + "?q=care&stage=plan", commissioner),
        ("strategy page", reverse("strategies:detail", args=[subject.pk]), commissioner),
        ("strategy history", reverse("strategies:history", args=[subject.pk]), commissioner),
        ("plan page", reverse("plans:detail", args=[plan.pk]), commissioner),
        ("plan history", reverse("plans:history", args=[plan.pk]), commissioner),
        ("programme", reverse("gateway:programme"), commissioner),
        ("programme, page 2", reverse("gateway:programme") + "?page=2", commissioner),
        ("forward plan", reverse("gateway:forward-plan") + "?months=12", commissioner),
        ("overlap finder", reverse("gateway:overlaps"), commissioner),
        ("highlight report", reverse("delivery:highlight"), commissioner),
        ("KPI page", reverse("delivery:kpi", args=[kpi.pk]), commissioner),
        ("approvals waiting", reverse("members:waiting-on"), commissioner),
        ("strategy approvals", reverse("members:strategy-approvals", args=[subject.pk]), commissioner),
        ("scrutiny work programme", reverse("members:referred"), commissioner),
        ("councillors", reverse("members:councillors"), commissioner),
        ("meetings list", reverse("meetings:meetings"), commissioner),
        ("meeting page", reverse("meetings:meeting", args=[meeting.pk]), commissioner),
        ("contracts register CSV", reverse("opendata:register"), commissioner),
        ("open data page", reverse("opendata:index"), commissioner),
    ]
    return pages


def measure(scale: int, repeats: int) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commissioning.settings")
    # What each page computes, every time: not the page cache (bench/load.py measures that).
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from commissioning.models import User
    from strategies.models import Strategy

    setup_test_environment()  # the test client needs it; it also uses a local-memory email backend
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale=scale, verbosity=0)
    seeded = time.perf_counter() - started
    # As a running council's database is: its statistics gathered and its tables vacuumed (autovacuum would
    # have), so that no page is timed on plans made without statistics, or beside autovacuum catching up.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    clients = {}
    results = {}
    for name, url, username in _pages(scale):
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        client.get(url)  # warm caches (content types, permissions) as a running server would have
        times = []
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
        # Savepoints are the bookkeeping of a transaction this process has open around the request, not
        # reads the page makes (with ATOMIC_REQUESTS off, a server sends none): counted as the tests count.
        queries = [q for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]
        results[name] = {"ms": round(statistics.median(times), 1), "queries": len(queries)}
    return {
        "scale": scale,
        "strategies": Strategy.objects.count(),
        "seconds_to_seed": round(seeded, 1),
        "pages": results,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.repeats)))
        return 0
    os.environ["BENCH_REPEATS"] = str(args.repeats)
    runs = []
    for scale in args.scales:
        runs.append(_run(scale, args.database, args.repeats))
    first, last = runs[0], runs[-1]
    print(
        "Median server-side ms (test client) and queries per page: "
        + ", ".join(
            f"scale {r['scale']} = {r['strategies']} strategies (seeded in {r['seconds_to_seed']} s)"
            for r in runs
        )
    )
    width = max(len(name) for name in first["pages"]) + 2
    header = f"{'page':<{width}}" + "".join(f"{'scale ' + str(r['scale']):>18}" for r in runs)
    print(header + f"{'ratio ' + str(last['scale']) + '/' + str(first['scale']):>14}")
    over = []
    for name in first["pages"]:
        cells = "".join(f"{r['pages'][name]['ms']:>9.1f} ms {r['pages'][name]['queries']:>3} q" for r in runs)
        ratio = last["pages"][name]["ms"] / max(first["pages"][name]["ms"], 0.1)
        queries = {r["pages"][name]["queries"] for r in runs}
        flags = []
        if ratio > TARGET_RATIO:
            flags.append(f"> {TARGET_RATIO}")
        if len(queries) > 1:
            flags.append("queries grow")
        if max(queries) > MAX_QUERIES:
            flags.append(f"> {MAX_QUERIES} queries")
        if flags:
            over.append(name)
        print(f"{name:<{width}}{cells}{ratio:>12.2f}  {', '.join(flags)}")
    print(
        f"{len(first['pages']) - len(over)} of {len(first['pages'])} pages within ratio {TARGET_RATIO}, "
        f"equal queries and at most {MAX_QUERIES} (one run on this machine: indicative)"
    )
    return 0


def _run(scale: int, database: str, repeats: int) -> dict:
    # The child reads --measure SCALE only; the repeats travel in the environment.
    return measure_in_child(__file__, scale, database, f"h3_pages_growth_{scale}")


if __name__ == "__main__":
    if "--measure" in sys.argv and "--repeats" not in sys.argv and os.environ.get("BENCH_REPEATS"):
        sys.argv += ["--repeats", os.environ["BENCH_REPEATS"]]
    sys.exit(main())
