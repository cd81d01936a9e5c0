"""A key project cannot move from Plan to Do until its latest gateway review passed and its conditions
are met (issue 6; seed 001: the gateway challenges key projects before delivery)."""

from django.urls import reverse

from commissioning import formatting
from strategies import lifecycle
from strategies.lifecycle import Transition
from strategies.models import Strategy

from . import selectors
from .assessment import assess, with_key_status
from .models import ReviewAction


def _project(strategy) -> str:
    return reverse("gateway:project", args=[strategy.pk])


@lifecycle.condition(Transition.START_DELIVERY, part="Gateway review", fix=_project)
def gateway_passed(strategy) -> list[str]:
    found = assess(strategy)
    ref = strategy.reference
    if not found.is_key:
        # Not key on what is known; but if the panel's unanswered judgements could make it key, they must
        # be answered first, or a key project could start delivery without its review.
        could_reach = found.score + sum(c.points for c in found.unanswered)
        if found.override is None and found.unanswered and could_reach >= found.mark:
            names = ", ".join(c.name.lower() for c in found.unanswered)
            return [f"The gateway panel has not yet judged whether {ref} is a key project ({names})."]
        return []
    latest = selectors.latest_completed_review(strategy)
    if latest is None:
        return [f"{ref} is a key project: it needs a gateway review that passes before delivery starts."]
    if not latest.passed:
        return [
            f"{ref} is a key project and its latest gateway review ({formatting.long_date(latest.scheduled_for)}) was not "
            "passed: it needs a review that passes."
        ]
    open_conditions = latest.actions.filter(kind=ReviewAction.Kind.CONDITION, status=ReviewAction.Status.OPEN)
    return [
        lifecycle.Reason(
            f"Gateway condition not yet met: {c.description} ({c.owner}, due {formatting.long_date(c.due_date)}).",
            fix_url=reverse("gateway:action", args=[c.pk]),
        )
        for c in open_conditions.select_related("owner")
    ]


def key_facts(strategies) -> dict[int, dict]:
    """The annual value and key project status of these strategies, in SQL (strategies.proportionality); for
    the one strategy a page marked, its assessment, which the page and the move's condition read anyway
    (equal to the SQL's: tests/commissioning/test_page_queries.py); for strategies read with their key status
    (with_key_status), what was read."""
    if len(strategies) == 1 and lifecycle.remembering(strategies[0]):
        found = assess(strategies[0])
        return {strategies[0].pk: {"annual_value": found.value, "key_project": found.is_key}}
    if all(hasattr(s, "key_project") for s in strategies):  # read with them (with_key_status)
        return {s.pk: {"annual_value": s.key_value, "key_project": s.key_project} for s in strategies}
    ids = [s.pk for s in strategies]
    return {
        s.pk: {"annual_value": s.key_value, "key_project": s.key_project}
        for s in with_key_status(Strategy.objects.filter(pk__in=ids))
    }
