"""Reads of commissioning plans shared by the pages, the lifecycle's conditions and the meeting packs: plans
with everything their report, checklist and approval snapshot read, prefetched in a fixed number of queries."""

from django.db.models import F, Prefetch

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


def with_content(plans):
    """`plans` with everything a plan report, the plan checklist (plans.checklist), the plan snapshot
    (members.snapshots) and the golden thread read: a fixed number of queries for any number of plans."""
    appraisals = OptionsAppraisal.objects.select_related("adopted_option").order_by("pk")
    return plans.select_related("commercial_model").prefetch_related(
        "outcomes",
        Prefetch(
            "plannedservices",
            queryset=PlannedService.objects.order_by("pk").prefetch_related(
                "outcomes", Prefetch("appraisals", queryset=appraisals)
            ),
        ),
        Prefetch(
            "optionsappraisals",
            queryset=appraisals.prefetch_related(
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
        Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
        Prefetch("risks", queryset=Risk.objects.order_by("pk")),
        "contractkpis",
        Prefetch("planimpactentrys", queryset=PlanImpactEntry.objects.select_related("area").order_by("pk")),
    )


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


def of_this_cycle(strategy) -> list[CommissioningPlan]:
    """This strategy's plans of its cycle with their content, read once per page (lifecycle.remembered):
    the Plan → Do conditions (the plans' checklists, their approvals) and the page ask alike."""
    return lifecycle.remembered(
        strategy, _PLANS, lambda: with_impact_areas(list(this_cycle([strategy.pk])), strategy)
    )


def of_this_cycle_if_read(strategy) -> list[CommissioningPlan] | None:
    """of_this_cycle(), if this page has read it already; else None (nothing is read)."""
    return lifecycle.recalled(strategy, _PLANS)
