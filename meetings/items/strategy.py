"""An agenda item on a strategy and its outcomes: what councillors approve (the Executive), scrutinise or
challenge (the gateway panel), with the minimum requirements' checklist and where approval stands."""

from decimal import Decimal

from django.db.models import Prefetch

import strategies.checklist
from delivery import reports
from members import snapshots
from members.models import Subject
from strategies import impact, proportionality
from strategies.checklist import Item
from strategies.models import NEEDS_CONSIDERATIONS, ImpactEntry, Interdependency, PerformanceMetric

from ..models import AgendaItemKind
from .kind import ItemKind, ItemReport
from .shared import (
    approval_state,
    asked_to,
    by_strategy,
    day,
    facts_of,
    in_pk_order,
    load_approvals,
    load_impact_areas,
    load_reviews,
    money,
    outcomes_prefetch,
    record_rows,
    request_rows,
    requests_for,
    state_tag,
)

TEMPLATE = "packs/items/strategy.html"


def outcomes_snapshot(strategy) -> dict:
    """snapshots.of_outcomes(strategy), which reads the parts `_Data` prefetched (no queries)."""
    return snapshots.of_outcomes(strategy)


def strategy_checklist_items(strategy) -> list[Item]:
    """strategies.checklist.build(strategy), with the counts taken from the prefetched parts."""
    scope = list(strategy.scopeitems.all())
    counts = {name: len(getattr(strategy, name).all()) for name, *_ in strategies.checklist.LIST_PARTS}
    counts["interdependencys"] += len(strategy.interdependents.all())  # either end counts
    counts["scope_in"] = sum(1 for s in scope if s.in_scope)
    counts["scope_out"] = sum(1 for s in scope if not s.in_scope)
    strategy._part_counts = counts
    return strategies.checklist.build(strategy)


def parts_prefetch() -> list:
    """Every part of the strategy the report lays out."""
    return [
        *(
            Prefetch(name, queryset=in_pk_order(name))
            for name in (
                "evidenceitems",
                "scopeitems",
                "stakeholders",
                "serviceareacontributions",
                "influentialdocuments",
                "startingpositionitems",
            )
        ),
        Prefetch(
            "performancemetrics",
            queryset=PerformanceMetric.objects.select_related("outcome").order_by("pk"),
        ),
        Prefetch("interdependencys", queryset=Interdependency.objects.select_related("other")),
        Prefetch("impactentrys", queryset=ImpactEntry.objects.select_related("area").order_by("pk")),
        Prefetch(
            "interdependents",
            queryset=Interdependency.objects.select_related("strategy").order_by("strategy__reference"),
        ),
    ]


def _metric(m) -> dict:
    return {
        "metric": m,
        "baseline": reports.amount(m.baseline, m.unit),
        "target": reports.amount(m.target, m.unit),
    }


def load_proportion(data) -> None:
    """What makes each strategy's checklist proportionate (thresholds, facts, waivers), for all at once."""
    proportionality.load(data.strategies.values())


def impact_rows(entries) -> dict:
    """The integrated impact assessment as the pack lays it out: each entry, and the count of each impact."""
    entries = list(entries)
    return {"entries": entries, "counts": impact.summary(entries)}


def strategy_report(item, strategy, data) -> ItemReport:
    outcomes = list(strategy.outcomes.all())
    metrics = list(strategy.performancemetrics.all())
    by_outcome = by_strategy(metrics, key=lambda m: m.outcome_id)
    strategy._impact_areas = data.impact_areas
    checklist = strategy_checklist_items(strategy)
    missing = [i for i in checklist if i.required and not i.done]
    state = approval_state(
        Subject.OUTCOMES,
        strategy,
        None,
        requests_for(data, strategy, Subject.OUTCOMES),
        lambda: outcomes_snapshot(strategy),
    )
    records = [r for r in data.records.get(strategy.pk, []) if r.subject == Subject.OUTCOMES]
    starting = list(strategy.startingpositionitems.all())
    scope = list(strategy.scopeitems.all())
    asked = asked_to(data.board)
    names = "; ".join(o.title for o in outcomes)
    points = []
    if asked == "approve":
        if state.current:
            lead = (
                f"The Executive is asked to note that councillors approved the strategy and its outcomes on "
                f"{day(state.approved.closed_at)}, and that the approved version is unchanged."
            )
        else:
            lead = f"The Executive is asked to approve {strategy} and its {len(outcomes)} outcome{'s' if len(outcomes) != 1 else ''}."
            points.append(f"Approve the outcomes: {names or 'none are written yet'}.")
            points.append(
                f"Approve the {len(metrics)} performance measure{'s' if len(metrics) != 1 else ''} of those "
                "outcomes and the statement of scope."
            )
    elif asked == "challenge":
        lead = (
            f"The panel is asked to challenge {strategy}: its commissioning objectives, the outcomes sought, "
            "the stakeholders consulted, and the risks and impacts, including unintended ones."
        )
    else:
        lead = (
            f"The board is asked to scrutinise {strategy} and its "
            f"{'approved' if state.current else 'proposed'} outcomes, and to agree any recommendations "
            "to the Executive."
        )
        points.append(f"The outcomes: {names or 'none are written yet'}.")
    points.append(
        f"Note the interdependencies with {len(strategy.interdependencys.all())} other "
        f"strateg{'ies' if len(strategy.interdependencys.all()) != 1 else 'y'} and the starting position "
        f"of {len(starting)} existing contract{'s' if len(starting) != 1 else ''}, partnerships and services."
    )
    notes = []
    if missing:
        notes.append(
            f"{len(missing)} of the minimum requirements {'is' if len(missing) == 1 else 'are'} not yet met "
            "(see the checklist in this report)."
        )
    if not state.current:
        notes.append(state.reason)
    lessons = data.reviews.get((strategy.pk, strategy.cycle - 1)) if strategy.cycle > 1 else None
    return ItemReport(
        TEMPLATE,
        {
            "item": item,
            "strategy": strategy,
            "facts": facts_of(strategy),
            "recommendation": {"lead": lead, "points": points, "notes": notes},
            "evidence": list(strategy.evidenceitems.all()),
            "needs": [(text, getattr(strategy, name)) for name, text in NEEDS_CONSIDERATIONS.items()],
            "outcomes": [
                {"outcome": o, "metrics": [_metric(m) for m in by_outcome.get(o.pk, [])]} for o in outcomes
            ],
            "unlinked_metrics": [_metric(m) for m in by_outcome.get(None, [])],
            "metric_count": len(metrics),
            "scope_in": [s for s in scope if s.in_scope],
            "scope_out": [s for s in scope if not s.in_scope],
            "stakeholders": list(strategy.stakeholders.all()),
            "contributions": list(strategy.serviceareacontributions.all()),
            "documents": list(strategy.influentialdocuments.all()),
            "starting": [{"item": s, "cost": money(s.annual_cost)} for s in starting],
            "starting_total": money(sum((s.annual_cost or 0 for s in starting), start=Decimal(0))),
            "interdependencies": sorted(strategy.interdependencys.all(), key=lambda i: i.other.reference),
            "depended_on_by": list(strategy.interdependents.all()),
            "checklist": checklist,
            "missing": missing,
            "approval": state,
            "approval_tag": state_tag(state),
            "requests": request_rows(requests_for(data, strategy, Subject.OUTCOMES)),
            "records": record_rows(records),
            "lessons": lessons,
            "impact": impact_rows(strategy.impactentrys.all()),
        },
    )


KIND = ItemKind(
    AgendaItemKind.STRATEGY,
    needs_strategy=True,
    template=TEMPLATE,
    builder=strategy_report,
    loaders=(load_approvals, load_reviews, load_impact_areas, load_proportion),
    strategy_prefetch=(outcomes_prefetch, parts_prefetch),
)
