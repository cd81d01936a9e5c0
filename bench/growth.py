"""How each main page's time grows with the council (issue 21: at scale 20 at most 1.3 × its time at scale 1,
and the same number of queries, at most 25).

    python bench/growth.py [--scales 1 5 20] [--repeats 15] [--database postgres|sqlite]

Each scale runs in its own process on its own fresh database (`seed_demo --scale N`, seeded at once),
signed in as the demo commissioner. The scales are measured side by side: each page is requested once in
every process to warm caches, then in `--repeats` rounds, each round timing the page once at every scale, one
right after the other. Prints the median server-side time (the test client, no network) and the query count
per scale, and the median of the rounds' ratios (largest scale ÷ smallest): measured within the same second,
each pair meets the same machine, so a change in its speed between pages or runs does not show as growth.
Figures only: it asserts nothing (the query-count tests in tests/*/test_page_queries.py do that).
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from fresh import serving_child

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


def serve(scale: int) -> None:
    """The child: seeds its own council at `scale`, says it is ready, then times one request of the page
    named on each line of its standard input (answering on its standard output) until told to stop."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commissioning.settings")
    # What each page computes, every time: not the page cache (bench/load.py measures that).
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, reset_queries
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

    pages = {name: (url, username) for name, url, username in _pages(scale)}
    clients = {}
    for username in {username for _, username in pages.values()}:
        clients[username] = Client()
        clients[username].force_login(User.objects.get(username=username))
    _say(
        {
            "scale": scale,
            "strategies": Strategy.objects.count(),
            "seconds_to_seed": round(seeded, 1),
            "pages": list(pages),
        }
    )
    for line in sys.stdin:
        name = line.strip()
        if not name:
            break
        url, username = pages[name]
        # With DEBUG on, the query log keeps the last 9,000 (seeding fills it): emptied, so each request's
        # are counted.
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = clients[username].get(url)
            ms = (time.perf_counter() - started) * 1000
        # Savepoints are the bookkeeping of a transaction this process has open around the request, not
        # reads the page makes (with ATOMIC_REQUESTS off, a server sends none): counted as the tests count.
        queries = [q for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]
        size = len(response.content) if not response.streaming else sum(map(len, response.streaming_content))
        _say({"ms": ms, "queries": len(queries), "status": response.status_code, "bytes": size})


ANSWER = "growth-bench: "  # marks the child's answers among anything else printed


def _say(answer: dict) -> None:
    print(ANSWER + json.dumps(answer), flush=True)


def _hear(child) -> dict:
    for line in child.stdout:
        if line.startswith(ANSWER):
            return json.loads(line[len(ANSWER) :])
    raise SystemExit(f"a measuring process stopped (exit code {child.wait()})")


def measure_side_by_side(children, repeats: int) -> dict:
    """Each page, turn by turn in every scale's process: once to warm caches (content types, permissions,
    as a running server would have), then `repeats` rounds, the scales' order reversed every other round.
    A round times the page at every scale within a fraction of a second, so a change in the machine's speed
    (another process, the CPU's clock) falls on every scale alike; each round's ratio compares like with
    like."""
    pages = {}
    names = children[0][1]["pages"]
    for name in names:
        times = [[] for _ in children]  # by the child's position in `children`
        queries, sizes = [0] * len(children), [0] * len(children)
        for round_ in range(repeats + 1):
            order = list(enumerate(children))
            for position, (child, ready) in order if round_ % 2 else order[::-1]:
                child.stdin.write(name + "\n")
                answer = _hear(child)
                if answer["status"] != 200:
                    raise SystemExit(f"{name} at scale {ready['scale']} answered {answer['status']}")
                if round_:
                    times[position].append(answer["ms"])
                queries[position], sizes[position] = answer["queries"], answer["bytes"]
        pages[name] = {
            "ms": [round(statistics.median(t), 1) for t in times],
            "queries": queries,
            # The largest scale against each smaller one, round by round.
            "paired": [
                statistics.median(b / a for a, b in zip(t, times[-1], strict=True)) for t in times[:-1]
            ],
            # How much more the page shows at the largest scale than at the smallest (its size in bytes):
            # a list not yet full at the smallest scale renders more rows at the largest, which is not work
            # growing behind a page that shows a fixed amount.
            "shows": sizes[-1] / sizes[0],
        }
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    args = parser.parse_args()
    if args.serve:
        serve(args.serve)
        return 0
    # Seeded at once, each in its own process and database; measured once all are ready.
    started = [
        serving_child(__file__, scale, args.database, f"h3_pages_growth_{scale}") for scale in args.scales
    ]
    children = [(child, _hear(child)) for child in started]
    try:
        pages = measure_side_by_side(children, args.repeats)
    finally:
        for child in started:
            child.stdin.close()
            child.wait()
    runs = [ready for _, ready in children]
    print(
        f"Median server-side ms (test client) over {args.repeats} rounds, scales measured side by side, and "
        "queries per page: "
        + ", ".join(
            f"scale {r['scale']} = {r['strategies']} strategies (seeded in {r['seconds_to_seed']} s)"
            for r in runs
        )
    )
    width = max(len(name) for name in pages) + 2
    header = f"{'page':<{width}}" + "".join(f"{'scale ' + str(r['scale']):>18}" for r in runs)
    print(
        header
        + "".join(f"{'ratio ' + str(runs[-1]['scale']) + '/' + str(r['scale']):>14}" for r in runs[:-1])
        + f"{'shows ' + str(runs[-1]['scale']) + '/' + str(runs[0]['scale']):>14}"
    )
    over = []
    for name, page in pages.items():
        cells = "".join(f"{ms:>9.1f} ms {q:>3} q" for ms, q in zip(page["ms"], page["queries"], strict=True))
        ratio = page["paired"][0]
        flags = []
        if ratio > TARGET_RATIO:
            flags.append(f"> {TARGET_RATIO}")
            if page["shows"] > TARGET_RATIO:
                flags.append(f"the page shows {page['shows']:.1f}x as much")
        if len(set(page["queries"])) > 1:
            flags.append("queries grow")
        if max(page["queries"]) > MAX_QUERIES:
            flags.append(f"> {MAX_QUERIES} queries")
        if flags:
            over.append(name)
        ratios = "".join(f"{paired:>14.2f}" for paired in page["paired"])
        print(f"{name:<{width}}{cells}{ratios}{page['shows']:>14.2f}  {', '.join(flags)}")
    print(
        f"Ratios: the median of each round's ratio (the scales timed within the same second); the verdict is "
        f"on the largest scale against the smallest. 'shows': the page's size in bytes at the largest scale ÷ "
        f"at the smallest. "
        f"{len(pages) - len(over)} of {len(pages)} pages within ratio {TARGET_RATIO}, equal queries and at "
        f"most {MAX_QUERIES}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
