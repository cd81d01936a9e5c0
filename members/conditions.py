"""Councillors' approval on the lifecycle (members.approvals says where it stands): leaving Analyse needs
the current approval of the strategy and its outcomes; leaving Plan needs it still current, and a current
approval of each of this cycle's plans. An approval is acted on only once it is in effect: its call-in
period over, or scrutiny's consideration of a call-in concluded (members.callin)."""

from django.urls import reverse

from strategies import lifecycle
from strategies.lifecycle import Transition

from . import approvals
from .models import ApprovalRequest, Subject


def _approvals(strategy) -> str:
    return reverse("members:strategy-approvals", args=[strategy.pk])


@lifecycle.condition(Transition.START_PLANNING, part="Approvals", fix=_approvals)
def outcomes_approved(strategy) -> list[str]:
    return _why_not(approvals.state(strategy, Subject.OUTCOMES))


@lifecycle.condition(Transition.START_DELIVERY, part="Approvals", fix=_approvals)
def plans_approved(strategy) -> list[str]:
    return [reason for found in approvals.states_for(strategy) for reason in _why_not(found)]


def _fix(found) -> str:
    """Where this approval is moved on: the open request, the published decision notice while it waits out
    call-in, else the approval's card on the strategy's approvals page (where it is asked for)."""
    if found.held and found.approved is not None:
        notice = getattr(getattr(found.approved, "record", None), "notice", None)
        if notice is not None:
            return reverse("members:notice", args=[notice.pk])
    if not found.current and found.latest is not None and found.latest.status == ApprovalRequest.Status.OPEN:
        return reverse("members:request", args=[found.latest.pk])
    anchor = f"approval-{found.subject}" + (f"-{found.plan.pk}" if found.plan else "")
    return f"{_approvals(found.strategy)}#{anchor}"


def _why_not(found) -> list[str]:
    if not found.current:
        return [lifecycle.Reason(found.reason, fix_url=_fix(found))]
    return [lifecycle.Reason(found.held, fix_url=_fix(found))] if found.held else []
