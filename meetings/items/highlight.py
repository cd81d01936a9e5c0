"""An agenda item reporting a strategy's delivery: its KPIs against target with their trends, the golden
thread from outcomes to services and contracts, milestones and risks, contracts and their checks, and the
last review."""

from dateutil.relativedelta import relativedelta
from django.conf import settings

from delivery import charts, performance, reports, selectors
from delivery.models import Contract
from plans.models import Risk

from ..models import AgendaItemKind
from .kind import ItemKind, ItemReport
from .shared import (
    by_pk,
    by_strategy,
    facts_of,
    load_plans,
    load_reviews,
    milestone_row,
    money,
    outcomes_prefetch,
    risk_row,
    rows,
)

TEMPLATE = "packs/items/highlight.html"


STATUS_TAGS = {
    performance.ACHIEVED: "green",
    performance.WITHIN: "amber",
    performance.NOT_ACHIEVED: "red",
}


def golden_thread(strategy, plans, contracts, positions) -> reports.GoldenThread:
    """delivery.reports.thread(strategy), from rows already read: this cycle's plans (by `_plans()`), the
    strategy's contracts (option and plan selected) and its KPIs' positions."""
    plans = sorted((p for p in plans if p.cycle == strategy.cycle), key=by_pk)
    return reports.assemble(
        sorted(strategy.outcomes.all(), key=by_pk),
        plans,
        [s for p in plans for s in sorted(p.plannedservices.all(), key=by_pk)],
        sorted((c for c in contracts if c.plan.cycle == strategy.cycle), key=by_pk),
        sorted(positions, key=lambda p: p.kpi.pk),
    )


def load_performance(data) -> None:
    """Every KPI of the strategies on the agenda with its position, and their contracts with their checks."""
    kpis = selectors.kpis_with_actuals().filter(strategy__in=data.ids).order_by("strategy_id", "pk")
    data.positions = by_strategy(selectors.positions(kpis), key=lambda p: p.kpi.strategy_id)
    data.places = selectors.locality_breakdowns([p.kpi for ps in data.positions.values() for p in ps])
    data.contracts = by_strategy(
        Contract.objects.filter(strategy__in=data.ids)
        .select_related("option", "plan")
        .prefetch_related("checks")
        .order_by("end_date", "pk")
    )


def _contract(c, today) -> dict:
    horizon = today + relativedelta(days=settings.RECOMMISSION_HORIZON_DAYS)
    if c.end_date < today:
        state, tag = "Ended", "grey"
    elif c.end_date <= horizon:
        state, tag = "Ending soon: recommission", "amber"
    else:
        state, tag = "Running", "green"
    checks = list(c.checks.all())
    return {
        "contract": c,
        "value": money(c.annual_value),
        "state": state,
        "tag": tag,
        "checks": checks,
        "unsatisfied": [ch for ch in checks if ch.status != ch.Status.SATISFIED],
    }


def highlight_report(item, strategy, data) -> ItemReport:
    positions = data.positions.get(strategy.pk, [])
    # Exempt information goes into the confidential pack alone, with an exempt item: a public item's report
    # leaves out the confidential plans and contracts.
    contracts = [c for c in data.contracts.get(strategy.pk, []) if item.confidential or not c.withheld]
    plans = [p for p in data.plans.get(strategy.pk, []) if item.confidential or not p.confidential]
    withheld_contracts = {c.pk for c in data.contracts.get(strategy.pk, []) if c.withheld} - {
        c.pk for c in contracts
    }
    withheld_plans = {p.pk for p in data.plans.get(strategy.pk, []) if p.confidential} - {p.pk for p in plans}
    thread = golden_thread(strategy, plans, contracts, positions)
    kpis = []
    for p in positions:
        row = reports.Row(p, charts.trend(p))
        kpis.append(
            {
                "row": row,
                "kpi": p.kpi,
                "tag": STATUS_TAGS.get(p.status, "grey"),
                "actuals": [
                    {"m": m, "value": reports.amount(m.value, p.kpi.unit)} for m in p.kpi.measurements.all()
                ],
                "period": p.latest[0] if p.latest else None,
                "places": data.places.get(p.kpi.pk),
                "exempt": p.kpi.contract_id in withheld_contracts
                or (p.kpi.contract_kpi_id is not None and p.kpi.contract_kpi.plan_id in withheld_plans),
            }
        )
    milestones = [
        {**milestone_row(m, data.today), "plan": plan} for plan in plans for m in plan.milestones.all()
    ]
    risks = [
        {**risk_row(r), "plan": plan}
        for plan in plans
        for r in plan.risks.all()
        if r.status == Risk.Status.OPEN and r.score >= 10
    ]
    risks.sort(key=lambda r: -r["score"])
    reviews = [r for (sid, _cycle), r in data.reviews.items() if sid == strategy.pk]
    review = max(reviews, key=lambda r: r.cycle) if reviews else None
    summary = reports.summary(positions)
    exceptions = [k for k in kpis if k["row"].position.status == performance.NOT_ACHIEVED]
    return ItemReport(
        TEMPLATE,
        {
            "item": item,
            "strategy": strategy,
            "facts": facts_of(strategy),
            "summary": summary,
            "kpis": kpis,
            "exceptions": exceptions,
            "worsening": [k for k in kpis if k["row"].position.direction == performance.WORSENING],
            "contracts": [_contract(c, data.today) for c in contracts],
            "thread": thread,
            "plans": plans,
            "milestones": milestones,
            "late": [m for m in milestones if m["exception"]],
            "risks": risks,
            "review": review,
            "review_rows": rows(
                review,
                [
                    "population_outcomes",
                    "service_user_outcomes",
                    "what_worked",
                    "what_did_not",
                    "lessons",
                    "recommendation",
                    "trigger",
                ],
            )
            if review
            else [],
            "review_trigger": review.trigger if review else "",
        },
    )


KIND = ItemKind(
    AgendaItemKind.HIGHLIGHT,
    needs_strategy=True,
    template=TEMPLATE,
    builder=highlight_report,
    loaders=(load_plans, load_reviews, load_performance),
    strategy_prefetch=(outcomes_prefetch,),
)
