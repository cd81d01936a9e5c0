"""Reads of commissioning plans shared by the pages, the lifecycle's conditions and the meeting packs: plans
with everything their report, checklist and approval snapshot read, prefetched in a fixed number of queries."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, Prefetch

from strategies import impact, lifecycle
from strategies.models import Outcome

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

_APPRAISALS = OptionsAppraisal.objects.select_related("adopted_option")


def with_content(plans) -> list[CommissioningPlan]:
    """`plans` (a queryset) read with everything a plan report, the plan checklist (plans.checklist), the plan
    snapshot (members.snapshots) and the golden thread read: a fixed number of queries for any number of
    plans. Their many-to-many links (the plan's outcomes, each service's outcomes, which services each
    appraisal covers) come as arrays of ids with the plans and services, and are filled in from one read of
    the outcomes and from the appraisals read anyway (link())."""
    appraisals = _APPRAISALS.order_by("pk").annotate(
        linked_service_ids=_ids(OptionsAppraisal.services.through, "optionsappraisal", "plannedservice")
    )
    found = list(
        plans.select_related("commercial_model")
        .annotate(linked_outcome_ids=_ids(CommissioningPlan.outcomes.through, "commissioningplan", "outcome"))
        .prefetch_related(
            Prefetch(
                "plannedservices",
                queryset=PlannedService.objects.order_by("pk").annotate(
                    linked_outcome_ids=_ids(PlannedService.outcomes.through, "plannedservice", "outcome"),
                    linked_appraisal_ids=_ids(
                        OptionsAppraisal.services.through, "plannedservice", "optionsappraisal"
                    ),
                ),
            ),
            Prefetch(
                "optionsappraisals",
                queryset=appraisals.prefetch_related(
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
            Prefetch(
                "planimpactentrys", queryset=PlanImpactEntry.objects.select_related("area").order_by("pk")
            ),
        )
    )
    link(found)
    return found


def _ids(through, owner: str, target: str):
    """The ids of the `target`s linked to each `owner` row through the many-to-many table `through`, as an
    array, in order."""
    return ArraySubquery(
        through.objects.filter(**{owner: OuterRef("pk")}).order_by(f"{target}_id").values(f"{target}_id")
    )


def _fill(obj, name: str, rows: list) -> None:
    """Keep `rows` as `obj`'s prefetched `name` relation, as prefetch_related() would."""
    queryset = getattr(obj, name).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def link(plans: list) -> None:
    """Fill in the many-to-many links of plans read by with_content(): one query for the outcomes (none
    without any); the services and appraisals link each other from what was read already (another query only
    for one of another plan, which the forms do not offer)."""
    services = {s.pk: s for plan in plans for s in plan.plannedservices.all()}
    appraisals = {a.pk: a for plan in plans for a in plan.optionsappraisals.all()}
    owners = [*plans, *services.values()]
    outcome_ids = {pk for row in owners for pk in row.linked_outcome_ids}
    outcomes = list(Outcome.objects.filter(pk__in=outcome_ids)) if outcome_ids else []  # in pk order
    for row in owners:
        wanted = set(row.linked_outcome_ids)
        _fill(row, "outcomes", [o for o in outcomes if o.pk in wanted])
    all_appraisals = {
        **appraisals,
        **_others(appraisals, services.values(), "linked_appraisal_ids", _APPRAISALS),
    }
    all_services = {
        **services,
        **_others(services, appraisals.values(), "linked_service_ids", PlannedService.objects),
    }
    for service in services.values():
        _fill(service, "appraisals", [all_appraisals[pk] for pk in sorted(service.linked_appraisal_ids)])
    for appraisal in appraisals.values():
        _fill(appraisal, "services", [all_services[pk] for pk in sorted(appraisal.linked_service_ids)])


def _others(read: dict, linking, ids: str, queryset) -> dict:
    """The rows `linking` link to (their `ids`) that are not among those `read`, by pk (none: no query)."""
    missing = {pk for row in linking for pk in getattr(row, ids)} - read.keys()
    return {row.pk: row for row in queryset.filter(pk__in=missing)} if missing else {}


def plan_with_content(pk) -> CommissioningPlan | None:
    """One plan, with its strategy and its content (with_content()); None if there is no such plan."""
    found = with_content(CommissioningPlan.objects.select_related("strategy").filter(pk=pk))
    return found[0] if found else None


def this_cycle(strategies) -> list[CommissioningPlan]:
    """This cycle's plans of these strategies (ids or objects), with their content."""
    found = CommissioningPlan.objects.filter(strategy__in=strategies, cycle=F("strategy__cycle"))
    return with_content(found.order_by("strategy_id", "pk"))


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
