"""Plan -> Do needs this cycle's Commissioning Plans complete (their checklist), or a statement of the
reasons no plan is required."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from strategies import lifecycle
from strategies.lifecycle import Transition
from strategies.models import Stage, Strategy

from . import checklist, selectors
from .models import NoPlanStatement, PlannedService


def _new_plan(strategy) -> str:
    return reverse("plans:create", args=[strategy.pk])


@lifecycle.condition(Transition.START_DELIVERY, part="Plans", fix=_new_plan)
def plans_complete(strategy) -> list[str]:
    if strategy.stage != Stage.PLAN:
        return []
    plans = selectors.of_this_cycle(strategy, checklist=True)
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


def with_statutory(strategies):
    """`strategies` (a queryset) annotated with whether each plans a statutory service this cycle
    (`plans_statutory`), which statutory_facts() then answers from."""
    planned = PlannedService.objects.filter(
        plan__strategy=OuterRef("pk"),
        plan__cycle=OuterRef("cycle"),
        priority=PlannedService.Priority.STATUTORY,
    )
    return strategies.annotate(plans_statutory=Exists(planned))


def statutory_facts(strategies) -> dict[int, dict]:
    """Which of these strategies plan a statutory service this cycle (strategies.proportionality); for the one
    strategy a page marked, from this cycle's plans if the page has read them (plans.selectors.of_this_cycle)."""
    read = selectors.of_this_cycle_if_read(strategies[0]) if len(strategies) == 1 else None
    if read is not None:
        planned = [s for p in read for s in p.plannedservices.all()]
        statutory = any(s.priority == PlannedService.Priority.STATUTORY for s in planned)
        return {strategies[0].pk: {"statutory": True}} if statutory else {}
    if all(hasattr(s, "plans_statutory") for s in strategies):  # read with them (with_statutory)
        return {s.pk: {"statutory": True} for s in strategies if s.plans_statutory}
    found = with_statutory(Strategy.objects.filter(pk__in=[s.pk for s in strategies]))
    return {pk: {"statutory": True} for pk in found.filter(plans_statutory=True).values_list("pk", flat=True)}
