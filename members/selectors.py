"""Reads of key decisions and decision notices shared by the signed-in pages, the API and the public site.

`published_decision_notices(user=None)` and `forward_plan_entries(user=None)`: with no user, what the
public may read (nothing about a confidential plan, which is exempt information); with a user, what they
may read. Each notice comes with `.standing` (members.callin.standing: in effect, or not yet and why)."""

from django.db.models import Prefetch, Q

from strategies.models import Stage

from . import callin, permissions
from .models import CallIn, CallInOutcome, DecisionNotice, ForwardPlanEntry


def _public_or_readable(records, user, via: str):
    if user is None:
        return records.filter(Q(**{f"{via}plan__isnull": True}) | Q(**{f"{via}plan__confidential": False}))
    return permissions.readable_requests(user, records, via=via)


def published_decision_notices(user=None, status: str = ""):
    """Decision notices, newest first, with their call-ins and outcomes read in the same few queries.
    `status`: "open" (still in the call-in period or held) keeps those only; "" all."""
    notices = _public_or_readable(DecisionNotice.objects.all(), user, via="record__request__")
    notices = notices.select_related(
        "record__strategy__directorate", "record__request__plan"
    ).prefetch_related(
        Prefetch("call_ins", CallIn.objects.select_related("member").order_by("made_at", "pk")),
        Prefetch(
            "outcomes", CallInOutcome.objects.select_related("recorded_by").order_by("recorded_at", "pk")
        ),
    )
    return notices.order_by("-published_at", "-pk")


def with_standing(notices, today=None) -> list:
    """The notices (a page of them), each with `.standing`."""
    found = list(notices)
    for notice in found:
        notice.standing = callin.standing(notice, today)
    return found


def decision_notice(pk, user=None):
    """One notice, with `.standing`, or None when there is none this reader may see."""
    notice = published_decision_notices(user).filter(pk=pk).first()
    if notice is not None:
        notice.standing = callin.standing(notice)
    return notice


def forward_plan_entries(user=None, since=None):
    """The key decisions on the forward plan of live strategies, soonest first, with their exceptions and
    whether each may be taken yet; `since`: expected on or after that day."""
    entries = ForwardPlanEntry.objects.exclude(strategy__stage=Stage.ARCHIVED)
    entries = _public_or_readable(entries, user, via="")
    if since is not None:
        entries = entries.filter(expected_on__gte=since)
    return (
        entries.select_related("strategy__directorate", "plan")
        .prefetch_related("exceptions")
        .order_by("expected_on", "pk")
    )
