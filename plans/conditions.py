"""Plan -> Do needs this cycle's Commissioning Plans complete (their checklist), or a statement of the
reasons no plan is required."""

from django.urls import reverse

from strategies import lifecycle
from strategies.lifecycle import Transition
from strategies.models import Stage

from . import checklist, selectors
from .models import NoPlanStatement


def _new_plan(strategy) -> str:
    return reverse("plans:create", args=[strategy.pk])


@lifecycle.condition(Transition.START_DELIVERY, part="Plans", fix=_new_plan)
def plans_complete(strategy) -> list[str]:
    if strategy.stage != Stage.PLAN:
        return []
    plans = selectors.of_this_cycle(strategy)
    if not plans:
        if NoPlanStatement.objects.filter(strategy=strategy, cycle=strategy.cycle).exists():
            return []
        return ["Write a Commissioning Plan, or a statement of the reasons no plan is required."]
    reasons = []
    for plan in plans:
        for item in checklist.missing(plan):
            reasons.append(
                lifecycle.Reason(
                    f"{plan.title}: {item.label}: {item.missing[0].lower()}{item.missing[1:]}.",
                    fix_url=item.url,
                )
            )
    return reasons


def statutory_facts(ids) -> dict[int, dict]:
    """Which of these strategies plan a statutory service this cycle (strategies.proportionality)."""
    from django.db.models import F

    from .models import PlannedService

    found = PlannedService.objects.filter(
        plan__strategy__in=ids,
        plan__cycle=F("plan__strategy__cycle"),
        priority=PlannedService.Priority.STATUTORY,
    ).values_list("plan__strategy", flat=True)
    return {pk: {"statutory": True} for pk in set(found)}
