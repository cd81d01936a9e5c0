"""Where a strategy's or plan's approval stands (the lifecycle conditions on it are members.conditions).

"Current" means an
approved request whose snapshot hash equals the hash of the content now, with no later request refused
or sent back for changes.
"""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

import plans.permissions
import plans.selectors
from commissioning import formatting
from commissioning.prefetch import attach, grouped, read_together
from strategies import lifecycle

from . import callin, snapshots
from .models import ApprovalDecision, ApprovalRequest, CallIn, CallInOutcome, Subject

Status = ApprovalRequest.Status


@dataclass
class State:
    subject: str
    strategy: object
    plan: object = None
    latest: ApprovalRequest | None = None
    approved: ApprovalRequest | None = None
    current: bool = False
    stale: bool = False
    changes: list = field(default_factory=list)
    reason: str = ""
    # Approved and current, but not yet in effect (members.callin): why the strategy must wait.
    held: str = ""
    referred_back: bool = False

    @property
    def what(self) -> str:
        if self.subject == Subject.PLAN:
            return f"the plan '{self.plan.title}'"
        return "the strategy and its outcomes"

    @property
    def label(self) -> str:
        if self.current:
            return "Approved, not yet in effect" if self.held else "Approved"
        if self.referred_back:
            return "Referred back by scrutiny"
        if self.stale:
            return "Approval out of date"
        if self.latest is None:
            return "Not yet asked"
        return self.latest.get_status_display()

    @property
    def tag(self) -> str:
        if self.current:
            return "govuk-tag--green"
        if self.stale or (self.latest and self.latest.status == Status.REFUSED):
            return "govuk-tag--red"
        if self.latest and self.latest.status == Status.OPEN:
            return "govuk-tag--blue"
        return "govuk-tag--yellow" if self.latest else "govuk-tag--grey"


def _standing(request):
    """Where the published decision on this approved request stands (None: no notice, as before call-in)."""
    record = getattr(request, "record", None)
    notice = getattr(record, "notice", None) if record is not None else None
    return callin.standing(notice) if notice is not None else None


def requests_for(strategy, subject, plan=None):
    return (
        ApprovalRequest.objects.filter(
            strategy=strategy, cycle=plan.cycle if plan else strategy.cycle, subject=subject, plan=plan
        )
        .exclude(status=Status.WITHDRAWN)
        .select_related("requested_by", "plan", "record__notice")
        .prefetch_related("approvers", "decisions", "record__notice__call_ins", "record__notice__outcomes")
        .order_by("-requested_at", "-pk")
    )


def state(strategy, subject, plan=None, requests=None, current=None) -> State:
    """`requests` (newest first, withdrawn left out) and `current` (a function giving the content's
    snapshot now) may be given already read, as meeting packs do for many strategies at once. Otherwise
    worked out once per page (strategies.lifecycle.remembered): the lifecycle's conditions and the
    councillors' panel ask the same."""
    if requests is None and current is None:
        key = ("approval", subject, plan.pk if plan else None)
        return lifecycle.remembered(
            strategy,
            key,
            lambda: _state(strategy, subject, plan, _page_requests(strategy, subject, plan), None),
        )
    return _state(strategy, subject, plan, requests, current)


def of_strategy(strategy) -> list[ApprovalRequest]:
    """Every request of the strategy, newest first, withdrawn ones too, with how many approvers and decisions
    it has, its requester, plan, decision record and notice with its call-ins and outcomes: read once per page
    (lifecycle.remembered) for all its approvals and the list of every request."""
    return lifecycle.remembered(
        strategy,
        ("requests",),
        lambda: _with_call_ins(
            list(
                ApprovalRequest.objects.filter(strategy=strategy)
                .select_related("requested_by", "plan", "record__notice")
                .annotate(
                    _n_approvers=_counted(ApprovalRequest.approvers.through),
                    _n_decisions=_counted(ApprovalDecision),
                )
                .order_by("-requested_at", "-pk")
            )
        ),
    )


def _with_call_ins(requests: list) -> list:
    """The requests, each decision notice with its call-ins and call-in outcomes (in their order), both read
    in one query (as prefetch_related would leave them, in two)."""
    notices = {}
    for r in requests:
        record = getattr(r, "record", None)
        notice = getattr(record, "notice", None) if record is not None else None
        if notice is not None:
            notices[notice.pk] = notice
    if not notices:
        return requests
    call_ins, outcomes = read_together(
        CallIn.objects.filter(notice__in=list(notices)),
        CallInOutcome.objects.filter(notice__in=list(notices)),
    )
    for name, rows in [
        ("call_ins", grouped(call_ins, "notice_id")),
        ("outcomes", grouped(outcomes, "notice_id")),
    ]:
        for pk, notice in notices.items():
            attach(notice, name, rows.get(pk, []))
    return requests


def _counted(model):
    """How many rows of `model` belong to the request (a subquery: no join multiplies the requests)."""
    field = "approvalrequest" if model is ApprovalRequest.approvers.through else "request"
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


def _how_many(request, name: str) -> int:
    """The request's approvers or decisions: counted with it (of_strategy), else those prefetched or read."""
    counted = getattr(request, f"_n_{name}", None)
    return len(getattr(request, name).all()) if counted is None else counted


def _page_requests(strategy, subject, plan):
    """On a page (lifecycle.evaluate_once), requests_for() from every request of the strategy, read once for
    all its approvals; None elsewhere (requests_for reads them)."""
    if not lifecycle.remembering(strategy):
        return None
    wanted = (plan.cycle if plan else strategy.cycle, subject, plan.pk if plan else None)
    return [
        r
        for r in of_strategy(strategy)
        if r.status != Status.WITHDRAWN and (r.cycle, r.subject, r.plan_id) == wanted
    ]


def _take(subject, strategy, plan):
    """The snapshot of the content now; on a page, of the strategy's content read once on it
    (snapshots.read_outcome_content)."""
    if subject == Subject.OUTCOMES and lifecycle.remembering(strategy):
        snapshots.read_outcome_content(strategy)
    return snapshots.take(subject, strategy, plan)


def _state(strategy, subject, plan, requests, current) -> State:
    if requests is None:
        requests = list(requests_for(strategy, subject, plan))
    result = State(subject=subject, strategy=strategy, plan=plan, latest=requests[0] if requests else None)
    what = result.what
    settled_against = None
    for request in requests:  # newest first
        if request.status == Status.APPROVED:
            result.approved = request
            break
        if request.status in (Status.REFUSED, Status.CHANGES_REQUESTED) and settled_against is None:
            settled_against = request
    if result.approved and not settled_against:
        standing = _standing(result.approved)
        if standing is not None and standing.label == callin.REFERRED_BACK:
            result.referred_back = True
            result.reason = f"{standing.reason} Ask councillors to approve {what} again."
            return result
        if standing is not None and not standing.in_effect:
            result.held = standing.reason
        now = current() if current else _take(subject, strategy, plan)
        if snapshots.unchanged(result.approved.snapshot, result.approved.content_hash, now):
            result.current = True
            return result
        result.stale = True
        result.changes = snapshots.differences(result.approved.snapshot, now)
        when = result.approved.closed_at
        result.reason = (
            f"{what[:1].upper()}{what[1:]} changed after councillors approved it"
            f"{f' on {formatting.long_date(when)}' if when else ''}, so that approval is out of date: "
            "ask for approval again."
        )
        return result
    latest = result.latest
    if latest is None:
        result.reason = f"Councillors have not yet been asked to approve {what}."
    elif latest.status == Status.OPEN:
        decided = _how_many(latest, "decisions")
        result.reason = (
            f"Councillors' approval of {what} is awaited: {decided} of {_how_many(latest, 'approvers')} "
            "approvers have decided."
        )
    else:
        verb = "refused" if latest.status == Status.REFUSED else "asked for changes to"
        result.reason = f"Councillors {verb} {what} on {formatting.long_date(latest.closed_at)}: make the changes, then ask again."
    return result


def states_for(strategy, reader=None) -> list[State]:
    """Every approval this strategy needs in its current cycle: its outcomes, then each plan's (for a page,
    only the plans the `reader` may read: a confidential plan is exempt information)."""
    result = [state(strategy, Subject.OUTCOMES)]
    found = plans.selectors.of_this_cycle(strategy)
    if reader is not None:
        found = plans.permissions.readable_among(reader, found)
    for plan in sorted(found, key=lambda p: p.pk):
        result.append(state(strategy, Subject.PLAN, plan))
    return result
