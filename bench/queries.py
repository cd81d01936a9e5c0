"""Query counts of each main page with the demo council at two scales: they must be equal (no N+1).

    python bench/queries.py [--scales 1 20] [--database sqlite|postgres]

Each scale runs in its own process on its own fresh database (seed_demo --scale N), signed in as the
demo commissioner. Prints a table and a verdict; exits 1 when any page's count grows with the data.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

from fresh import measure_in_child

ROOT = Path(__file__).resolve().parent.parent


def measure(scale: int) -> dict:
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
    from django.urls import reverse
    from django.utils import timezone

    setup_test_environment()  # the test client needs it; it also uses a local-memory email backend
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", scale=scale, verbosity=0)
    seeded = time.perf_counter() - started

    from commissioning.models import User
    from strategies.models import Stage, Strategy
    from strategies.sections import SECTIONS

    client = Client()
    client.force_login(User.objects.get(username="commissioner"))
    # The same demo strategy at every scale: the commissioner's first strategy in Plan.
    subject = Strategy.objects.filter(accountable_commissioner__username="commissioner", stage=Stage.PLAN)
    subject = subject.order_by("reference").first() or Strategy.objects.order_by("reference").first()
    pk = subject.pk
    pages = {
        "dashboard": reverse("home"),
        "strategies list": reverse("strategies:list"),
        "strategies list, search": reverse("strategies:list") + "?q=care&stage=plan",
        "strategy page": reverse("strategies:detail", args=[pk]),
        "history": reverse("strategies:history", args=[pk]),
    }
    for section in SECTIONS:
        pages[f"section: {section.slug}"] = reverse("strategies:section", args=[pk, section.slug])

    from plans.models import CommissioningPlan, OptionsAppraisal
    from plans.sections import SECTIONS as PLAN_SECTIONS

    # The same demo plan at every scale: the first plan (by strategy reference) with an appraisal.
    appraisal = OptionsAppraisal.objects.order_by("plan__strategy__reference", "plan__pk", "pk").first()
    plan = appraisal.plan if appraisal else CommissioningPlan.objects.order_by("strategy__reference").first()
    if plan is not None:
        pages["plan page"] = reverse("plans:detail", args=[plan.pk])
        pages["plan history"] = reverse("plans:history", args=[plan.pk])
        pages["plan commercial model"] = reverse("plans:commercial", args=[plan.pk])
        if appraisal:
            pages["options appraisal"] = reverse("plans:appraisal", args=[plan.pk, appraisal.pk])
        for section in PLAN_SECTIONS:
            pages[f"plan section: {section.slug}"] = reverse("plans:section", args=[plan.pk, section.slug])
    from members.models import ApprovalRequest, Board, DecisionRecord

    # Councillors' pages: the same demo records at every scale (the first by strategy reference).
    pages["approvals waiting"] = reverse("members:waiting-on")
    pages["awaiting your decision"] = reverse("members:my-decisions")
    pages["strategy approvals"] = reverse("members:strategy-approvals", args=[pk])
    request = ApprovalRequest.objects.order_by("strategy__reference", "pk").first()
    if request is not None:
        pages["approval request"] = reverse("members:request", args=[request.pk])
    pages["decisions log"] = reverse("members:decision-log")
    record = DecisionRecord.objects.order_by("strategy__reference", "pk").first()
    if record is not None:
        pages["decision record"] = reverse("members:decision", args=[record.pk])
    pages["scrutiny of a strategy"] = reverse("members:scrutiny", args=[pk])
    pages["scrutiny work programme"] = reverse("members:referred")
    pages["boards"] = reverse("members:boards")
    pages["board"] = reverse("members:board", args=[Board.objects.order_by("pk").first().pk])
    pages["councillors"] = reverse("members:councillors")
    from gateway.models import GatewayReview

    # The programme gateway: the same demo project and review at every scale.
    pages["programme"] = reverse("gateway:programme")
    pages["programme, key projects"] = reverse("gateway:programme") + "?key=yes"
    pages["forward plan"] = reverse("gateway:forward-plan") + "?months=12"
    pages["forward plan CSV"] = reverse("gateway:forward-plan-csv") + "?months=12"
    pages["gateway project"] = reverse("gateway:project", args=[pk])
    review = GatewayReview.objects.order_by("strategy__reference", "pk").first()
    if review is not None:
        pages["gateway review"] = reverse("gateway:review", args=[review.pk])
    pages["gateway actions"] = reverse("gateway:actions")
    pages["overlaps"] = reverse("gateway:overlaps")
    pages["key-project criteria"] = reverse("gateway:criteria")
    from delivery.models import Contract, Kpi

    # Do and Review: the first strategy (by reference) with KPIs, at every scale.
    kpi = Kpi.objects.order_by("strategy__reference", "pk").first()
    if kpi is not None:
        delivering = kpi.strategy_id
        pages["delivery of a strategy"] = reverse("delivery:strategy", args=[delivering])
        pages["KPI"] = reverse("delivery:kpi", args=[kpi.pk])
        pages["highlight report, strategy"] = reverse("delivery:strategy-highlight", args=[delivering])
        pages["golden thread"] = reverse("delivery:golden-thread", args=[delivering])
        pages["review record"] = reverse("delivery:review", args=[delivering])
    contract = Contract.objects.order_by("strategy__reference", "pk").first()
    if contract is not None:
        pages["contract"] = reverse("delivery:contract", args=[contract.pk])
    pages["highlight report, council-wide"] = reverse("delivery:highlight")
    pages["contracts ending"] = reverse("delivery:contracts-ending")
    # The API (as the app's own pages call it, with the session): each list's first page, and the open data.
    for resource in ["strategies", "plans", "milestones", "risks", "contracts", "kpis", "measurements",
                     "gateway-reviews", "gateway-actions", "decisions", "meetings"]:  # fmt: skip
        pages[f"API {resource}"] = f"/api/{resource}/"
    if kpi is not None:
        pages["API strategy"] = f"/api/strategies/{kpi.strategy_id}/"
        pages["API KPI"] = f"/api/kpis/{kpi.pk}/"
    if plan is not None:
        pages["API plan"] = f"/api/plans/{plan.pk}/"
        pages["OCDS plan package"] = reverse("opendata:plan", args=[plan.pk])
    if contract is not None:
        pages["OCDS contract package"] = reverse("opendata:contract", args=[contract.pk])
    pages["open data page"] = reverse("opendata:index")
    pages["contracts register CSV"] = reverse("opendata:register")
    pages["contracts register CSV (API)"] = "/api/open-data/contracts.csv"
    from meetings.models import Meeting

    # Meetings: the Executive's coming meeting, whose agenda holds every strategy of the first copy.
    executive = Board.objects.get(kind=Board.Kind.EXECUTIVE)
    meeting = executive.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    pages["meetings"] = reverse("meetings:meetings")
    pages["board meetings and work programme"] = reverse("meetings:board-meetings", args=[executive.pk])
    pages["meeting"] = reverse("meetings:meeting", args=[meeting.pk])
    pages["meeting packs panel"] = reverse("meetings:packs", args=[meeting.pk])
    assert Meeting.objects.count()
    counts = {}
    timings = {}
    for name, url in pages.items():
        client.get(url)  # warm caches (content types, permissions) as a running server would have
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            timings[name] = round((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{name}: {url} answered {response.status_code}")
        counts[name] = len(ctx.captured_queries)
    return {
        "scale": scale,
        "strategies": Strategy.objects.count(),
        "seconds_to_seed": round(seeded, 1),
        "counts": counts,
        "ms": timings,
    }


def run_scale(scale: int, database: str) -> dict:
    return measure_in_child(__file__, scale, database, f"commissioning_bench_{scale}")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--scales", type=int, nargs=2, default=[1, 20])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    small, large = (run_scale(scale, args.database) for scale in args.scales)
    width = max(len(name) for name in small["counts"]) + 2
    print(
        f"Queries per page ({args.database}): scale {small['scale']} = {small['strategies']} strategies "
        f"(seeded in {small['seconds_to_seed']} s), scale {large['scale']} = {large['strategies']} "
        f"strategies (seeded in {large['seconds_to_seed']} s)"
    )
    print(
        f"{'page':<{width}}{'scale ' + str(small['scale']):>10}{'scale ' + str(large['scale']):>10}  verdict"
        f"   ms at {small['scale']} / {large['scale']} (one request, server-side)"
    )
    grew = []
    for name, count in small["counts"].items():
        other = large["counts"][name]
        verdict = "constant" if other <= count else "GROWS"
        if other > count:
            grew.append(name)
        print(
            f"{name:<{width}}{count:>10}{other:>10}  {verdict:<8}   {small['ms'][name]:>5} / {large['ms'][name]:>5}"
        )
    if grew:
        print(f"FAIL: query counts grow with the data on {len(grew)} page(s): {', '.join(grew)}")
        return 1
    print(f"PASS: all {len(small['counts'])} pages make the same number of queries at both scales")
    return 0


if __name__ == "__main__":
    sys.exit(main())
