"""Reads of the programme gateway: the commissioning programme, every project (strategy, this cycle) with
its plans, stage, directorate, annual value, key-project status and key dates; and the forward plan of
what is coming up: every source's dates in one UNION, counted and paged in SQL, and only the page's records
read (forward_plan_page).

Key dates are read from the records they belong to: decisions due (councillors' open approval requests),
key decisions on the forward plan (members.selectors.forward_plan_entries),
contract end dates (delivery's contracts, with their extension options: the dates the dashboard's
"ending soon" reads; registered through strategies.keydates), gateway reviews scheduled, gateway
actions and conditions due, and scrutiny recommendations awaiting a response.
"""

import sys
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, F, IntegerField, Q, Value
from django.urls import reverse

import members.selectors
import plans.permissions
from members.models import ApprovalRequest, ForwardPlanEntry, Recommendation
from plans.models import CommissioningPlan
from strategies import keydates, lifecycle
from strategies.keydates import KeyDate
from strategies.models import Stage, Strategy

from .assessment import KeyStatus, assess_many, with_key_status
from .models import GatewayReview, KeyProjectMark, ReviewAction


@dataclass
class Project:
    strategy: object
    assessment: object
    plans: list = field(default_factory=list)
    dates: list[KeyDate] = field(default_factory=list)
    next_review: GatewayReview | None = None
    latest_review: GatewayReview | None = None

    @property
    def next_date(self) -> KeyDate | None:
        return min(self.dates, key=lambda d: d.when) if self.dates else None


def reviews_of_this_cycle(strategy) -> list[GatewayReview]:
    """The strategy's gateway reviews of its cycle, but the cancelled ones: read once per page
    (lifecycle.remembered), where the Plan → Do condition and the gateway panel both ask."""
    return lifecycle.remembered(
        strategy,
        ("gateway-reviews",),
        lambda: list(
            strategy.gateway_reviews.filter(cycle=strategy.cycle).exclude(
                status=GatewayReview.Status.CANCELLED
            )
        ),
    )


def latest_review(strategy) -> GatewayReview | None:
    """The review of this cycle scheduled latest (the panel's), or None."""
    return max(reviews_of_this_cycle(strategy), key=lambda r: (r.scheduled_for, r.pk), default=None)


def latest_completed_review(strategy) -> GatewayReview | None:
    """The review of this cycle completed latest (the one a key project's move to Do rests on), or None."""
    completed = [r for r in reviews_of_this_cycle(strategy) if r.status == GatewayReview.Status.COMPLETED]
    # As the database orders completed_at descending: a review without the time first.
    return max(completed, key=lambda r: (r.completed_at is None, r.completed_at or 0, r.pk), default=None)


def _decisions_due(strategies, since, until, user):
    requests = ApprovalRequest.objects.filter(strategy__in=strategies, status=ApprovalRequest.Status.OPEN)
    readable = plans.permissions.readable(user, CommissioningPlan.objects.all())
    requests = requests.filter(Q(plan__isnull=True) | Q(plan__in=readable))  # a confidential plan's: exempt
    return keydates.window(requests, "decision_due", since, until)


def _decision_due(r, strategy) -> KeyDate:
    what = f"plan '{r.plan.title}'" if r.plan_id else "the strategy and its outcomes"
    return KeyDate(
        r.decision_due, f"Councillors' decision due on {what}", "Decision due", strategy, r.get_absolute_url()
    )


def _key_decisions(strategies, since, until, user):
    entries = members.selectors.forward_plan_entries(user).filter(strategy__in=strategies)
    return keydates.window(entries, "expected_on", since, until)


def _reviews(strategies, since, until, user):
    reviews = GatewayReview.objects.filter(strategy__in=strategies, status=GatewayReview.Status.SCHEDULED)
    return keydates.window(reviews, "scheduled_for", since, until)


def _actions(strategies, since, until, user):
    actions = ReviewAction.objects.filter(review__strategy__in=strategies, status=ReviewAction.Status.OPEN)
    return keydates.window(actions, "due_date", since, until)


def _responses(strategies, since, until, user):
    recommendations = Recommendation.objects.filter(
        strategy__in=strategies, status=Recommendation.Status.AWAITING
    )
    return keydates.window(recommendations, "response_due", since, until)


DECISIONS_DUE = keydates.Source(
    kind="Decision due",
    model=ApprovalRequest,
    records=_decisions_due,
    when="decision_due",
    key_date=_decision_due,
    related=("plan",),
)
# Every source of key dates, in the order a day's dates of one project are listed: the gateway's own and those
# the stages it cannot import register (strategies.keydates: contract ends, from delivery's contracts).
GATEWAY_SOURCES = [
    DECISIONS_DUE,
    keydates.Source(
        kind="Key decision",
        model=ForwardPlanEntry,
        records=_key_decisions,
        when="expected_on",
        key_date=lambda e, strategy: KeyDate(
            e.expected_on, f"Key decision: {e.matter}", "Key decision", strategy, e.get_absolute_url()
        ),
    ),
    keydates.Source(
        kind="Gateway review",
        model=GatewayReview,
        records=_reviews,
        when="scheduled_for",
        key_date=lambda g, strategy: KeyDate(
            g.scheduled_for, "Gateway review", "Gateway review", strategy, g.get_absolute_url()
        ),
    ),
    keydates.Source(
        kind="Gateway action",
        model=ReviewAction,
        records=_actions,
        when="due_date",
        strategy="review__strategy",
        related=("review", "owner"),
        key_date=lambda a, strategy: KeyDate(
            a.due_date,
            f"{a.get_kind_display().split(' (')[0]} due: {a.description} ({a.owner})",
            "Gateway action",
            strategy,
            a.review.get_absolute_url(),
        ),
    ),
    keydates.Source(
        kind="Response due",
        model=Recommendation,
        records=_responses,
        when="response_due",
        related=("board",),
        key_date=lambda rec, strategy: KeyDate(
            rec.response_due,
            f"Executive's response due to {rec.board}",
            "Response due",
            strategy,
            reverse("members:scrutiny", args=[rec.strategy_id]) + f"#recommendation-{rec.pk}",
        ),
    ),
]


def sources() -> list[keydates.Source]:
    return GATEWAY_SOURCES + keydates.registered()


def key_dates(strategies, user, since: date | None = None, until: date | None = None) -> list[KeyDate]:
    """The dated events of these projects that this user may read (a confidential plan's decision and
    contract end are exempt information), in a fixed number of queries."""
    by_id = {s.pk: s for s in strategies}
    found = [
        d
        for each in sources()
        for d in each.read(each.records(list(by_id), since, until, user), by_id).values()
    ]
    found.sort(key=lambda d: (d.when, d.strategy.reference, d.what))
    return found


def projects(strategies, today: date, user, assessments: dict | None = None) -> list[Project]:
    strategies = list(strategies)
    assessments = assess_many(strategies) if assessments is None else assessments
    result = {s.pk: Project(strategy=s, assessment=assessments[s.pk]) for s in strategies}
    found = plans.permissions.readable(user, CommissioningPlan.objects.filter(strategy__in=strategies))
    for plan in found.order_by("pk"):
        project = result[plan.strategy_id]
        if plan.cycle == project.strategy.cycle:
            project.plans.append(plan)
    for d in key_dates(strategies, user, since=today):
        result[d.strategy.pk].dates.append(d)
    for review in (
        GatewayReview.objects.filter(strategy__in=strategies)
        .exclude(status=GatewayReview.Status.CANCELLED)
        .order_by("scheduled_for", "pk")
    ):
        project = result[review.strategy_id]
        if review.cycle != project.strategy.cycle:
            continue
        if review.status == GatewayReview.Status.SCHEDULED:
            project.next_review = project.next_review or review
        else:
            project.latest_review = review
    return list(result.values())


def live(queryset):
    return queryset.exclude(stage=Stage.ARCHIVED)


def programme(*, q="", stage="", directorate=None, key="", page=None, today: date, user) -> tuple[Page, int]:
    """One page of the live projects matching the filters (`key`: "yes", "no" or either), with how many
    of all that match are key projects: assessed, filtered, counted and paged in SQL (with_key_status),
    and only the page's projects assembled."""
    strategies = live(Strategy.objects.select_related("directorate", "accountable_commissioner"))
    if q:
        strategies = strategies.filter(Q(title__icontains=q) | Q(reference__icontains=q))
    if stage:
        strategies = strategies.filter(stage=stage)
    if directorate:
        strategies = strategies.filter(directorate=directorate)
    mark = KeyProjectMark.current().points
    strategies = with_key_status(strategies, mark=mark).order_by("reference")
    if key:
        strategies = strategies.filter(key_project=key == "yes")
    counts = strategies.aggregate(n=Count("pk"), key=Count("pk", filter=Q(key_project=True)))
    paginator = Paginator(strategies, 25)
    paginator.count = counts["n"]  # counted with the key projects: no second COUNT
    shown = paginator.get_page(page)
    rows = list(shown.object_list)
    statuses = {s.pk: KeyStatus.of(s, mark) for s in rows}
    shown.object_list = projects(rows, today, user, statuses)
    return shown, counts["key"]


FORWARD_PLAN_PER_PAGE = 25
FORWARD_PLAN_ORDER = ("dated_on", "project_reference", "source_index", "record_pk")  # stable: the record last


def _forward_plan_rows(*, months: int, directorate, today: date, user, kinds=None):
    """One row per key date of the live projects (of one directorate, or all) from today for `months` months
    that this user may read: every source's records in one UNION ALL (each source's window and rights in
    its SQL), in the plan's order (the date, the project, the source, the record: the same every time).
    Each row is (dated_on, project_reference, source_index: in sources(), record_pk, project_pk).
    `kinds`: only the sources of these kinds."""
    strategies = live(Strategy.objects.all())
    if directorate:
        strategies = strategies.filter(directorate=directorate)
    until = today + relativedelta(months=months)
    first, *others = [
        each.records(strategies, today, until, user)
        .select_related(None)
        .prefetch_related(None)
        .order_by()
        .values(
            dated_on=F(each.when),
            project_reference=F(f"{each.strategy}__reference"),
            source_index=Value(index, output_field=IntegerField()),
            record_pk=F("pk"),
            project_pk=F(each.strategy),
        )
        for index, each in enumerate(sources())
        if kinds is None or each.kind in kinds
    ]
    found = first.union(*others, all=True) if others else first
    return found.order_by(*FORWARD_PLAN_ORDER)


def _key_dates_of(rows) -> list[KeyDate]:
    """These rows of the forward plan (_forward_plan_rows) as key dates, in their order: each source's
    records and the projects read once, by id (the rows were read with the reader's rights)."""
    rows = list(rows)
    # Only what a key date shows of its project (the page and the CSV): not each strategy's long texts.
    by_id = (
        Strategy.objects.select_related("directorate")
        .only("reference", "title", "stage", "cycle", "directorate__name")
        .in_bulk({row["project_pk"] for row in rows})
    )
    read = {}
    for index, each in enumerate(sources()):
        ids = [row["record_pk"] for row in rows if row["source_index"] == index]
        if ids:
            read[index] = each.read(each.model.objects.filter(pk__in=ids), by_id)
    found = (read[row["source_index"]].get(row["record_pk"]) for row in rows)
    return [d for d in found if d is not None]  # but a record gone since the rows were read


def forward_plan(*, months: int, directorate=None, today: date, user, kinds=None) -> list[KeyDate]:
    """Every key date of the live projects (of one directorate, or all) from today for `months` months (the
    CSV; `kinds`: only these kinds), in the forward plan's order."""
    rows = _forward_plan_rows(months=months, directorate=directorate, today=today, user=user, kinds=kinds)
    return _key_dates_of(rows)


def _page_of(rows, number: int) -> tuple[list[dict], int | None]:
    """The rows of page `number` (from 1) of the forward plan and how many rows it has in all, in one query:
    COUNT(*) OVER () over the UNION (which Django cannot annotate). None for the count when the page is past
    the end (no row to carry it)."""
    sql, params = rows.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            # The UNION as Django compiled it (its values as parameters) and constant column names.
            f"SELECT *, COUNT(*) OVER () FROM ({sql}) AS plan ORDER BY {', '.join(FORWARD_PLAN_ORDER)} "  # noqa: S608
            "LIMIT %s OFFSET %s",
            (*params, FORWARD_PLAN_PER_PAGE, (number - 1) * FORWARD_PLAN_PER_PAGE),
        )
        names = [column.name for column in cursor.description]
        found = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    return found, (found[0]["count"] if found else None)


def forward_plan_page(*, months: int, directorate=None, today: date, user, page=None) -> Page:
    """One page of the forward plan (forward_plan): its rows and the count in one query, and only the page's
    key dates read. As Paginator.get_page: a page number that is not a number gives the first page, one out
    of range the last (counted alone then)."""
    rows = _forward_plan_rows(months=months, directorate=directorate, today=today, user=user)
    try:
        number = int(page)
    except (TypeError, ValueError):
        number = 1
    in_range = 1 <= number <= sys.maxsize // FORWARD_PLAN_PER_PAGE  # (its OFFSET a bigint)
    found, total = _page_of(rows, number) if in_range else ([], None)
    if total is None:  # no such page: the last
        total = rows.count()
        last = max(1, -(-total // FORWARD_PLAN_PER_PAGE))
        found, number = (_page_of(rows, last)[0] if total else []), last
    paginator = Paginator(rows, FORWARD_PLAN_PER_PAGE)
    paginator.count = total  # counted with the page's rows
    shown = paginator.page(number)
    shown.object_list = _key_dates_of(found)
    return shown
