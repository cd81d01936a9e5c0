"""The overlap finder at three sizes of programme: its page, one change, and the old way side by side.

    python bench/overlap.py [--scales 1 20 100] [--seed] [--old-at-every-scale] [--compare-all]
                            [--template DB]

Each scale runs in its own process on its own fresh PostgreSQL database (the finder is pg_trgm's there).
The demo council is seeded at scale 1 once, into a database each scale's is then copied from
(`CREATE DATABASE ... TEMPLATE`; `--template` names an already migrated one to start that from, such as
the tests' database, as migrating takes minutes on a busy machine). The larger programmes are the demo's
copies with **distinct wording**
(each copy's outcomes, services and scope say different things, as real strategies would, instead of
repeating the demo's words, which would make every copy overlap every other). By default the copies of
what the finder compares (strategies, outcomes, plans of this cycle with their services, scope) are
written in bulk, which takes seconds; `--seed` makes them with `seed_demo --scale N` instead (minutes).

Prints, per scale: the page's median time (server-side, signed in as the gateway panel), comparing
everything at once (`refresh_overlaps`), one change (an outcome renamed: the write, and the job comparing
that item with the others), and the old finder's work on every view (every pair compared: at scale 1,
and at every scale with --old-at-every-scale, as it grows with the square). Comparing everything at once
is timed at scale 1 (and at every scale with --compare-all); the copies' pairs are otherwise the demo's,
as their distinct wording is like nothing else. Target: the page in 50 ms or less at 100.
"""

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from fresh import measure_in_child

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def distinct(text: str, copy: int) -> str:
    """The same shape of wording, different words: each word becomes a made-up one of its length (letters
    drawn evenly, so made-up words share few trigrams), fixed by the word and the copy; a copy's items are
    alike only where the demo's own items are."""
    words = []
    for word in text.split():
        digest = hashlib.sha256(f"{copy}:{word}".encode()).digest()
        words.append("".join(LETTERS[digest[i] % 26] for i in range(max(2, min(len(word), 32)))))
    return " ".join(words)


def copy_in_bulk(scale: int) -> None:
    """Copies 2..scale of the demo's strategies with what the finder compares, in bulk."""
    from plans.models import CommissioningPlan, PlannedService
    from strategies.models import Outcome, ScopeItem, Strategy

    originals = list(Strategy.objects.order_by("pk"))
    outcomes = list(Outcome.objects.filter(strategy__in=originals))
    scope = list(ScopeItem.objects.filter(strategy__in=originals))
    plans = {
        p.pk: p
        for p in CommissioningPlan.objects.filter(strategy__in=originals)
        if p.cycle == p.strategy.cycle
    }
    services = list(PlannedService.objects.filter(plan__in=plans))
    for copy in range(2, scale + 1):
        strategies = {}
        for s in originals:
            new = Strategy.objects.get(pk=s.pk)
            new.pk, new.reference, new.title = None, f"{s.reference}-{copy}", f"{s.title} (area {copy})"
            strategies[s.pk] = new
        Strategy.objects.bulk_create(strategies.values())
        new_plans = {}
        for pk, plan in plans.items():
            new = CommissioningPlan.objects.get(pk=pk)
            new.pk, new.strategy = None, strategies[plan.strategy_id]
            new_plans[pk] = new
        CommissioningPlan.objects.bulk_create(new_plans.values())
        for items, parent, field, text in [
            (outcomes, strategies, "strategy", "title"),
            (scope, strategies, "strategy", "area"),
            (services, new_plans, "plan", "name"),
        ]:
            rows = []
            for item in items:
                row = type(item)(**{f.attname: getattr(item, f.attname) for f in item._meta.concrete_fields})
                row.pk = None
                setattr(row, field, parent[getattr(item, f"{field}_id")])
                setattr(row, text, distinct(getattr(item, text), copy))
                rows.append(row)
            type(items[0]).objects.bulk_create(rows, batch_size=1000)


def median_ms(func, times: int) -> float:
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        func()
        taken.append((time.perf_counter() - started) * 1000)
    return statistics.median(taken)


def measure(scale: int, seed: bool, old: bool, compare_all: bool) -> dict:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commissioning.settings")
    # What each page computes, every time: not the page cache (bench/load.py measures that).
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import F
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale=scale if seed else 1, verbosity=0)  # nothing if copied seeded
    if scale == 0:  # the seeded database the scales are copied from
        return {}
    from strategies.models import Outcome, Strategy

    if seed and scale > 1:  # seed_demo's copies repeat the demo's words: make each copy's its own
        from plans.models import PlannedService
        from strategies.models import ScopeItem

        for model, text in [(Outcome, "title"), (ScopeItem, "area"), (PlannedService, "name")]:
            owner = "plan__strategy__reference" if model is PlannedService else "strategy__reference"
            rows = list(model.objects.filter(**{f"{owner}__regex": r"^CS-\d+-\d+$"}).annotate(ref=F(owner)))
            for row in rows:
                setattr(row, text, distinct(getattr(row, text), int(row.ref.rsplit("-", 1)[1])))
            model.objects.bulk_update(rows, [text], batch_size=1000)
    elif scale > 1:
        copy_in_bulk(scale)
    with connection.cursor() as cursor:  # these tables only: a database-wide ANALYZE waits on others' locks
        for table in ["strategies_strategy", "strategies_outcome", "strategies_scopeitem",
                      "plans_commissioningplan", "plans_plannedservice"]:  # fmt: skip
            cursor.execute(f"ANALYZE {table}")
    made = time.perf_counter() - started

    from commissioning.models import User
    from gateway import overlaps
    from gateway.models import OverlapPair
    from strategies import services

    rebuild_s = None
    if compare_all or scale == 1:
        started = time.perf_counter()
        overlaps.rebuild()
        rebuild_s = time.perf_counter() - started
    # Otherwise the pairs are the demo's, compared when it was seeded: the copies' distinct wording is
    # like nothing else (comparing everything again at 100 is the quadratic work the jobs avoid).
    pairs = OverlapPair.objects.count()

    old_ms = None
    if old:
        old_ms = median_ms(lambda: overlaps._all_matches(overlaps.THRESHOLD), 1 if scale > 20 else 3)

    client = Client()
    client.force_login(User.objects.get(username="gateway"))
    url = reverse("gateway:overlaps")
    assert client.get(url).status_code == 200  # warm caches, as a running server would have
    page_ms = median_ms(lambda: client.get(url), 7)
    last_page_ms = median_ms(lambda: client.get(url + "?page=last"), 5)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)

    # One change: the first demo strategy's first outcome renamed (the write queues the job), then the job.
    outcome = Outcome.objects.filter(strategy__reference="CS-01").order_by("pk").first()
    owner = outcome.strategy.accountable_commissioner
    started = time.perf_counter()
    services.update_part(
        strategy=outcome.strategy,
        model=Outcome,
        pk=outcome.pk,
        seen_version=outcome.version,
        changes={"title": outcome.title + " and well"},
        acting_user=owner,
    )
    write_ms = (time.perf_counter() - started) * 1000
    job_ms = median_ms(lambda: overlaps.compare_item("Outcome", outcome.pk), 5)
    return {
        "scale": scale,
        "strategies": Strategy.objects.count(),
        "items": sum(overlaps._live(kind).count() for kind in overlaps.Kind),
        "pairs": pairs,
        "seconds_to_make": round(made, 1),
        "rebuild_s": None if rebuild_s is None else round(rebuild_s, 2),
        "page_ms": round(page_ms, 1),
        "last_page_ms": round(last_page_ms, 1),
        "page_queries": len(queries),
        "write_ms": round(write_ms, 1),
        "job_ms": round(job_ms, 1),
        "old_ms": None if old_ms is None else round(old_ms),
    }


def _postgres():
    return psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True)


def measure_copied(scale: int, args) -> dict:
    """Measure `scale` in a copy of the seeded database (made first, once, and kept)."""
    seeded = f"{args.prefix}_seeded"
    with _postgres() as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [seeded]).fetchone()
    if not exists:
        template = f' TEMPLATE "{args.template}"' if args.template else ""
        with _postgres() as conn:  # empty, migrated by the child, unless made from a migrated template
            conn.execute(f'CREATE DATABASE "{seeded}"{template}')
        run_child(0, seeded)
    name = f"{args.prefix}_{scale}"
    with _postgres() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{seeded}"')
    return run_child(scale, name)


def run_child(scale: int, database: str) -> dict:
    env = {**os.environ, "DEBUG": "on", "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}"}
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, __file__, "--measure", str(scale)], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if result.returncode != 0:
        raise SystemExit(f"scale {scale} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 20, 100])
    parser.add_argument("--seed", action="store_true", help="make the copies with seed_demo --scale N")
    parser.add_argument(
        "--old-at-every-scale", action="store_true", help="time the old finder beyond scale 1"
    )
    parser.add_argument("--compare-all", action="store_true", help="compare everything again at every scale")
    parser.add_argument("--template", help="an already migrated database to make the seeded one from")
    parser.add_argument("--prefix", default="commissioning_bench_overlap", help="the databases' names")
    args = parser.parse_args()
    if args.measure is not None:  # the child: its options come through the environment (bench/fresh.py)
        old = os.environ.get("BENCH_OLD_EVERYWHERE") == "1" or args.measure <= 1
        compare_all = os.environ.get("BENCH_COMPARE_ALL") == "1"
        print(json.dumps(measure(args.measure, os.environ.get("BENCH_SEED") == "1", old, compare_all)))
        return 0
    os.environ["BENCH_SEED"] = "1" if args.seed else ""
    os.environ["BENCH_OLD_EVERYWHERE"] = "1" if args.old_at_every_scale else ""
    os.environ["BENCH_COMPARE_ALL"] = "1" if args.compare_all else ""
    if args.seed:
        results = [measure_in_child(__file__, s, "postgres", f"{args.prefix}_{s}") for s in args.scales]
    else:
        results = [measure_copied(scale, args) for scale in args.scales]
    print("The overlap finder (PostgreSQL, pg_trgm), each scale with distinct wording:")
    head = (
        f"{'scale':>5} {'strategies':>10} {'items':>6} {'pairs':>6} {'page ms':>8} {'last page':>9} "
        f"{'queries':>7} {'change: write ms':>16} {'job ms':>7} {'compare all s':>13} {'old, per view ms':>16}"
    )
    print(head)
    for r in results:
        old = "skipped" if r["old_ms"] is None else f"{r['old_ms']}"
        whole = "-" if r["rebuild_s"] is None else r["rebuild_s"]
        print(
            f"{r['scale']:>5} {r['strategies']:>10} {r['items']:>6} {r['pairs']:>6} {r['page_ms']:>8} "
            f"{r['last_page_ms']:>9} {r['page_queries']:>7} {r['write_ms']:>16} {r['job_ms']:>7} "
            f"{whole:>13} {old:>16}"
        )
    small, large = results[0], results[-1]
    print(
        f"Page at scale {large['scale']}: {large['page_ms']} ms (target {TARGET_MS} ms: "
        f"{'met' if large['page_ms'] <= TARGET_MS else 'NOT met'}); {large['page_ms'] / small['page_ms']:.2f}x "
        f"scale {small['scale']}. One change's job: {large['job_ms']} ms at {large['scale']}, "
        f"{large['job_ms'] / small['job_ms']:.1f}x scale {small['scale']} for "
        f"{large['items'] / small['items']:.0f}x the items."
    )
    return 0 if large["page_ms"] <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
