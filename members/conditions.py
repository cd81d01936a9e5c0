"""Councillors' approval on the lifecycle (members.approvals says where it stands): leaving Analyse needs
the current approval of the strategy and its outcomes; leaving Plan needs it still current, and a current
approval of each of this cycle's plans."""

from strategies import lifecycle
from strategies.lifecycle import Transition

from . import approvals
from .models import Subject


@lifecycle.condition(Transition.START_PLANNING)
def outcomes_approved(strategy) -> list[str]:
    found = approvals.state(strategy, Subject.OUTCOMES)
    return [] if found.current else [found.reason]


@lifecycle.condition(Transition.START_DELIVERY)
def plans_approved(strategy) -> list[str]:
    return [found.reason for found in approvals.states_for(strategy) if not found.current]
