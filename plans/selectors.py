"""Reads of commissioning plans shared by the pages, the lifecycle's conditions and the meeting packs: plans
with everything their report, checklist and approval snapshot read, prefetched in a fixed number of queries."""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, Prefetch, prefetch_related_objects

from commissioning.prefetch import attach, grouped, read_together
from strategies import impact, lifecycle
from strategies.models import ImpactArea, Outcome

from .models import (
    AppraisalCriterion,
    CommissioningPlan,
    ContractKpi,
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


def _ids(relation, owner: str, target: str):
    """The ids a row links to through a many-to-many `relation` (its through model), in id order, as an
    array read with the row: no query of its own."""
    rows = relation.through.objects.filter(**{owner: OuterRef("pk")}).order_by(target)
    return ArraySubquery(rows.values(target))


def _snapshot_parts(linked: bool = False):
    """What a plan's approval snapshot (members.snapshots) reads of it. `linked`: the outcomes of the plan
    and of its services, and the services of its appraisals, as ids read with them (`_outcome_ids`,
    `_service_ids`), for link() to find among rows read anyway."""
    services = PlannedService.objects.order_by("pk")
    appraisals = _appraisals()
    if linked:
        services = services.annotate(_outcome_ids=_ids(PlannedService.outcomes, "plannedservice", "outcome"))
        appraisals = appraisals.annotate(
            _service_ids=_ids(OptionsAppraisal.services, "optionsappraisal", "plannedservice")
        )
    else:
        services = services.prefetch_related("outcomes")
        appraisals = appraisals.prefetch_related("services")
    impact = Prefetch(
        "planimpactentrys", queryset=PlanImpactEntry.objects.select_related("area").order_by("pk")
    )
    if linked:  # the appraisals' criteria, options and scores, the plans' KPIs and impact: read_parts()
        return [Prefetch("plannedservices", queryset=services), Prefetch("optionsappraisals", appraisals)]
    return [
        "outcomes",
        Prefetch("plannedservices", queryset=services),
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
        "contractkpis",
        impact,
    ]


def read_parts(plans: list) -> None:
    """The plans' appraisals' criteria, options and their scores, and the plans' KPIs, impact assessment
    entries (with their areas), milestones and risks (for their checklists), read in one query and given to
    them as the prefetches of _snapshot_parts() and _other_parts() would (each in its order)."""
    ids = [p.pk for p in plans]
    if not ids:
        return
    entries = PlanImpactEntry.objects.filter(plan__in=ids).order_by("pk")
    criteria, options, scores, kpis, entries, areas, milestones, risks = read_together(
        AppraisalCriterion.objects.filter(appraisal__plan__in=ids),
        DeliveryOption.objects.filter(appraisal__plan__in=ids),
        OptionScore.objects.filter(option__appraisal__plan__in=ids),
        ContractKpi.objects.filter(plan__in=ids),
        entries,
        ImpactArea.objects.filter(pk__in=entries.values("area")),
        Milestone.objects.filter(plan__in=ids),
        Risk.objects.filter(plan__in=ids),
    )
    areas = {a.pk: a for a in areas}
    for entry in entries:
        entry.area = areas[entry.area_id]
    entries = grouped(entries, "plan_id")
    by_pk = {c.pk: c for c in criteria}
    for score in scores:
        if score.criterion_id in by_pk:
            score.criterion = by_pk[score.criterion_id]
    # Each list comes in its own order (read_together), as the prefetches would give it.
    criteria, options = grouped(criteria, "appraisal_id"), grouped(options, "appraisal_id")
    scores, kpis = grouped(scores, "option_id"), grouped(kpis, "plan_id")
    milestones, risks = grouped(milestones, "plan_id"), grouped(risks, "plan_id")
    for plan in plans:
        attach(plan, "contractkpis", kpis.get(plan.pk, []))
        attach(plan, "planimpactentrys", entries.get(plan.pk, []))
        attach(plan, "milestones", milestones.get(plan.pk, []))
        attach(plan, "risks", risks.get(plan.pk, []))
        for appraisal in plan.optionsappraisals.all():
            attach(appraisal, "criteria", criteria.get(appraisal.pk, []))
            attach(appraisal, "options", options.get(appraisal.pk, []))
            for option in appraisal.options.all():
                attach(option, "scores", scores.get(option.pk, []))


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


_PLANS = ("plans",)  # strategies.selectors.plans_of_this_cycle recalls them by this key too


def of_this_cycle(strategy, *, checklist: bool = False) -> list[CommissioningPlan]:
    """This strategy's plans of its cycle, read once per page (lifecycle.remembered): the Plan → Do
    conditions (the plans' checklists, their approvals) and the page ask alike. With what their approval
    snapshots read; `checklist`: with all their content and impact areas too (read then, once, for all)."""
    found = lifecycle.remembered(strategy, _PLANS, lambda: _read_this_cycle(strategy))
    if checklist:
        lifecycle.remembered(strategy, ("plans-content",), lambda: _complete(found, strategy))
    return found


def _read_this_cycle(strategy) -> list[CommissioningPlan]:
    plans = CommissioningPlan.objects.filter(strategy=strategy.pk, cycle=F("strategy__cycle"))
    if not lifecycle.remembering(strategy):
        return list(with_snapshot_content(plans).order_by("pk"))
    plans = plans.select_related("commercial_model").annotate(
        _outcome_ids=_ids(CommissioningPlan.outcomes, "commissioningplan", "outcome")
    )
    found = list(plans.prefetch_related(*_snapshot_parts(linked=True)).order_by("pk"))
    read_parts(found)
    # The page's strategy, with its outcomes read once: its own snapshot reads them too.
    prefetch_related_objects([strategy], "outcomes")
    return link(found, strategy.outcomes.all())


def link(plans: list, outcomes) -> list:
    """Each plan's and each of its services' outcomes, and each appraisal's services, from the ids read with
    them (_snapshot_parts(linked=True)): found among `outcomes` (the strategy's) and the plans' services,
    and read only if one is not among them."""
    services = {s.pk: s for plan in plans for s in plan.plannedservices.all()}
    appraisals = [a for plan in plans for a in plan.optionsappraisals.all()]
    by_pk = {o.pk: o for o in outcomes}
    wanted = {pk for row in [*plans, *services.values()] for pk in row._outcome_ids}
    if wanted - by_pk.keys():
        by_pk.update((o.pk, o) for o in Outcome.objects.filter(pk__in=wanted - by_pk.keys()))
    wanted = {pk for a in appraisals for pk in a._service_ids} - services.keys()
    others = {s.pk: s for s in PlannedService.objects.filter(pk__in=wanted)} if wanted else {}
    for row in [*plans, *services.values()]:
        attach(row, "outcomes", [by_pk[pk] for pk in row._outcome_ids])
    for a in appraisals:
        attach(a, "services", [services.get(pk) or others[pk] for pk in a._service_ids])
    return plans


def _complete(found: list, strategy) -> bool:
    """What the plans' checklists read besides their snapshots': milestones, risks and the impact areas.
    (On a page, not each service's appraisals, which the plan report reads: with_content.)"""
    if not lifecycle.remembering(strategy):  # on a page, read_parts() read the milestones and risks
        prefetch_related_objects(found, *_other_parts())
    with_impact_areas(found, strategy)
    return True


def of_this_cycle_if_read(strategy) -> list[CommissioningPlan] | None:
    """of_this_cycle(), if this page has read it already; else None (nothing is read)."""
    return lifecycle.recalled(strategy, _PLANS)


def plan_with_content(pk) -> CommissioningPlan | None:
    """One plan with its strategy and its content, for its page: its many-to-many links read as ids with it
    (link()), its parts in one query (read_parts()); None if there is no such plan."""
    found = list(
        CommissioningPlan.objects.filter(pk=pk)
        .select_related("strategy", "commercial_model")
        .annotate(_outcome_ids=_ids(CommissioningPlan.outcomes, "commissioningplan", "outcome"))
        .prefetch_related(
            *_snapshot_parts(linked=True), Prefetch("plannedservices__appraisals", queryset=_appraisals())
        )
    )
    if not found:
        return None
    read_parts(found)
    return link(found, [])[0]
