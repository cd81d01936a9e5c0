"""Councillors' approval on the lifecycle (members.approvals says where it stands): leaving Analyse needs
the current approval of the strategy and its outcomes; leaving Plan needs it still current, and a current
approval of each of this cycle's plans. An approval is acted on only once it is in effect: its call-in
period over, or scrutiny's consideration of a call-in concluded (members.callin)."""

from strategies import lifecycle
from strategies.lifecycle import Transition

from . import approvals
from .models import Subject


@lifecycle.condition(Transition.START_PLANNING)
def outcomes_approved(strategy) -> list[str]:
    return _why_not(approvals.state(strategy, Subject.OUTCOMES))


@lifecycle.condition(Transition.START_DELIVERY)
def plans_approved(strategy) -> list[str]:
    return [reason for found in approvals.states_for(strategy) for reason in _why_not(found)]


def _why_not(found) -> list[str]:
    if not found.current:
        return [found.reason]
    return [found.held] if found.held else []
