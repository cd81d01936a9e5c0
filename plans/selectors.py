"""Reads of commissioning plans shared by the pages, the lifecycle's conditions and the meeting packs: plans
with everything their report, checklist and approval snapshot read, prefetched in a fixed number of queries."""

from django.db.models import F, Prefetch, prefetch_related_objects

from strategies import impact, lifecycle

from .models import (
    CommissioningPlan,
    DeliveryOption,
    Milestone,
    OptionsAppraisal,
    OptionScore,
    PlanImpactEntry,
    PlannedService,
    Risk,
)


def _appraisals():
    return OptionsAppraisal.objects.select_related("adopted_option").order_by("pk")


def _snapshot_parts():
    """What a plan's approval snapshot (members.snapshots) reads of it."""
    return [
        "outcomes",
        Prefetch(
            "plannedservices",
            queryset=PlannedService.objects.order_by("pk").prefetch_related("outcomes"),
        ),
        Prefetch(
            "optionsappraisals",
            queryset=_appraisals().prefetch_related(
                "services",
                "criteria",
                Prefetch(
                    "options",
                    queryset=DeliveryOption.objects.order_by("pk").prefetch_related(
                        Prefetch("scores", queryset=OptionScore.objects.select_related("criterion"))
                    ),
                ),
            ),
        ),
        "contractkpis",
        Prefetch("planimpactentrys", queryset=PlanImpactEntry.objects.select_related("area").order_by("pk")),
    ]


def _other_parts():
    """What the plan report, the checklist (plans.checklist) and the golden thread read besides."""
    return [
        Prefetch("plannedservices__appraisals", queryset=_appraisals()),
        Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
        Prefetch("risks", queryset=Risk.objects.order_by("pk")),
    ]


def with_content(plans):
    """`plans` with everything a plan report, the plan checklist (plans.checklist), the plan snapshot
    (members.snapshots) and the golden thread read: a fixed number of queries for any number of plans."""
    return with_snapshot_content(plans).prefetch_related(*_other_parts())


def with_snapshot_content(plans):
    """`plans` with what their approval snapshot reads (a fixed number of queries for any number)."""
    return plans.select_related("commercial_model").prefetch_related(*_snapshot_parts())


def this_cycle(strategies):
    """This cycle's plans of these strategies (ids or objects), with their content."""
    found = CommissioningPlan.objects.filter(strategy__in=strategies, cycle=F("strategy__cycle"))
    return with_content(found).order_by("strategy_id", "pk")


def with_impact_areas(plans: list, strategy=None) -> list:
    """The plans, each told the impact assessment areas (read once for all, for their checklists; once per
    page with the `strategy`'s own checklist, given the strategy)."""
    areas = (
        (impact.required_areas_for(strategy) if strategy is not None else impact.required_areas())
        if plans
        else []
    )
    for plan in plans:
        plan._impact_areas = areas
    return plans


_PLANS = ("plans",)


def of_this_cycle(strategy, *, checklist: bool = False) -> list[CommissioningPlan]:
    """This strategy's plans of its cycle, read once per page (lifecycle.remembered): the Plan → Do
    conditions (the plans' checklists, their approvals) and the page ask alike. With what their approval
    snapshots read; `checklist`: with all their content and impact areas too (read then, once, for all)."""
    found = lifecycle.remembered(
        strategy,
        _PLANS,
        lambda: list(
            with_snapshot_content(
                CommissioningPlan.objects.filter(strategy=strategy.pk, cycle=F("strategy__cycle"))
            ).order_by("pk")
        ),
    )
    if checklist:
        lifecycle.remembered(strategy, ("plans-content",), lambda: _complete(found, strategy))
    return found


def _complete(found: list, strategy) -> bool:
    prefetch_related_objects(found, *_other_parts())
    with_impact_areas(found, strategy)
    return True


def of_this_cycle_if_read(strategy) -> list[CommissioningPlan] | None:
    """of_this_cycle(), if this page has read it already; else None (nothing is read)."""
    return lifecycle.recalled(strategy, _PLANS)
