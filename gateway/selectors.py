"""Reads of the programme gateway: the commissioning programme, every project (strategy, this cycle) with
its plans, stage, directorate, annual value, key-project status and key dates; and the forward plan of
what is coming up.

Key dates are read from the records they belong to: decisions due (councillors' open approval requests),
key decisions on the forward plan (members.selectors.forward_plan_entries),
contract end dates (delivery's contracts, with their extension options: the dates the dashboard's
"ending soon" reads; registered through strategies.keydates), gateway reviews scheduled, gateway
actions and conditions due, and scrutiny recommendations awaiting a response.
"""

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.urls import reverse

import members.selectors
import plans.permissions
from members.models import ApprovalRequest, Recommendation
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


def key_dates(strategies, user, since: date | None = None, until: date | None = None) -> list[KeyDate]:
    """The dated events of these projects that this user may read (a confidential plan's decision and
    contract end are exempt information), in a fixed number of queries."""
    by_id = {s.pk: s for s in strategies}
    found: list[KeyDate] = []

    def keep(when):
        return when is not None and (since is None or when >= since) and (until is None or when <= until)

    def window(queryset, field):
        """Only the rows dated within the window are read (the forward plan shows months of hundreds)."""
        if since is not None:
            queryset = queryset.filter(**{f"{field}__gte": since})
        if until is not None:
            queryset = queryset.filter(**{f"{field}__lte": until})
        return queryset

    requests = ApprovalRequest.objects.filter(strategy__in=by_id, status=ApprovalRequest.Status.OPEN)
    requests = window(requests, "decision_due")
    withheld = plans.permissions.readable(user, CommissioningPlan.objects.filter(strategy__in=by_id))
    requests = requests.filter(Q(plan__isnull=True) | Q(plan__in=withheld))
    for r in requests.select_related("plan"):
        if keep(r.decision_due):
            what = f"plan '{r.plan.title}'" if r.plan_id else "the strategy and its outcomes"
            found.append(
                KeyDate(
                    r.decision_due,
                    f"Councillors' decision due on {what}",
                    "Decision due",
                    by_id[r.strategy_id],
                    r.get_absolute_url(),
                )
            )
    entries = members.selectors.forward_plan_entries(user).filter(strategy__in=by_id).select_related(None)
    entries = window(entries, "expected_on")
    for entry in entries.prefetch_related(None):
        if keep(entry.expected_on):
            found.append(
                KeyDate(
                    entry.expected_on,
                    f"Key decision: {entry.matter}",
                    "Key decision",
                    by_id[entry.strategy_id],
                    entry.get_absolute_url(),
                )
            )
    found.extend(keydates.gathered(by_id, since, until, user))  # contract ends, from delivery's contracts
    reviews = GatewayReview.objects.filter(strategy__in=by_id, status=GatewayReview.Status.SCHEDULED)
    for g in window(reviews, "scheduled_for"):
        if keep(g.scheduled_for):
            found.append(
                KeyDate(
                    g.scheduled_for,
                    "Gateway review",
                    "Gateway review",
                    by_id[g.strategy_id],
                    g.get_absolute_url(),
                )
            )
    actions = window(
        ReviewAction.objects.filter(review__strategy__in=by_id, status=ReviewAction.Status.OPEN), "due_date"
    ).select_related("review", "owner")
    for a in actions:
        if keep(a.due_date):
            found.append(
                KeyDate(
                    a.due_date,
                    f"{a.get_kind_display().split(' (')[0]} due: {a.description} ({a.owner})",
                    "Gateway action",
                    by_id[a.review.strategy_id],
                    a.review.get_absolute_url(),
                )
            )
    recommendations = Recommendation.objects.filter(strategy__in=by_id, status=Recommendation.Status.AWAITING)
    for rec in window(recommendations, "response_due").select_related("board"):
        if keep(rec.response_due):
            found.append(
                KeyDate(
                    rec.response_due,
                    f"Executive's response due to {rec.board}",
                    "Response due",
                    by_id[rec.strategy_id],
                    reverse("members:scrutiny", args=[rec.strategy_id]) + f"#recommendation-{rec.pk}",
                )
            )
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


def forward_plan(*, months: int, directorate=None, today: date, user) -> list[KeyDate]:
    """The key dates of the live projects (of one directorate, or all) from today for `months` months."""
    # Only what a key date shows of its project (the page and the CSV): not each strategy's long texts.
    strategies = live(Strategy.objects.select_related("directorate")).only(
        "reference", "title", "stage", "cycle", "directorate__name"
    )
    if directorate:
        strategies = strategies.filter(directorate=directorate)
    return key_dates(list(strategies), user, since=today, until=today + relativedelta(months=months))
