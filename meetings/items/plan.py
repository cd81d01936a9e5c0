"""An agenda item on a strategy's commissioning plans in this cycle: the services and delivery analyses (the
options appraised, scored and adopted), the delivery plan, the commercial model and where approval stands;
or the statement of why no plan is required."""

from decimal import Decimal

from django.db.models import F

import plans.appraisal
import plans.checklist
from commissioning import formatting
from members import snapshots
from members.models import Subject
from plans import commercial
from plans.models import NEEDS_COMMERCIAL_MODEL, CommercialModel, NoPlanStatement, Risk
from strategies.checklist import Item

from ..models import AgendaItemKind
from .kind import ItemKind, ItemReport
from .shared import (
    approval_state,
    asked_to,
    by_pk,
    day,
    facts_of,
    load_approvals,
    load_plans,
    milestone_row,
    money,
    outcomes_prefetch,
    record_rows,
    request_rows,
    requests_for,
    risk_row,
    rows,
    state_tag,
)
from .strategy import impact_rows

TEMPLATE = "packs/items/plan.html"


def plan_snapshot(plan) -> dict:
    """snapshots.of_plan(plan), which reads the rows `_plans()` prefetched (no queries)."""
    return snapshots.of_plan(plan)


def _commercial_model(plan):
    return getattr(plan, "commercial_model", None)  # the reverse one-to-one raises an AttributeError


def plan_checklist_items(plan) -> list[Item]:
    """plans.checklist.build(plan), which reads the rows `_plans()` prefetched (no queries)."""
    return plans.checklist.build(plan)


def _adopted(plan) -> list:
    return [a.adopted_option for a in sorted(plan.optionsappraisals.all(), key=by_pk) if a.adopted_option_id]


def _annual_value(plan):
    """The annual cost of the adopted options that need a commercial model (the scale of a failure)."""
    return sum((o.annual_cost for o in _adopted(plan) if o.channel in NEEDS_COMMERCIAL_MODEL), start=0)


def load_no_plan(data) -> None:
    """This cycle's statements of why no plan is required, by strategy."""
    data.no_plan = {
        n.strategy_id: n
        for n in NoPlanStatement.objects.filter(strategy__in=data.ids, cycle=F("strategy__cycle"))
    }


COMMERCIAL_TERMS = [
    ("duration", "Duration", True, ["start_date", "end_date", "extension_options", "duration_rationale"]),
    (
        "payment",
        "Payment terms",
        True,
        ["payment_mechanism", "payment_terms", "indexation", "performance_linked", "payment_rationale"],
    ),
    ("kpis", "KPIs, how they are measured and payment deductions", True, ["kpi_rationale"]),
    (
        "termination",
        "Ending early for poor performance",
        False,
        ["early_termination", "early_termination_rationale"],
    ),
    ("liability", "Limits on the provider's liability", False, ["liability_limits", "liability_rationale"]),
    (
        "subcontracting",
        "Sub-contracting and the council's rights on termination",
        False,
        ["subcontracting", "subcontracting_rationale"],
    ),
    (
        "data",
        "Data protection and information sharing",
        False,
        ["data_protection", "data_protection_rationale"],
    ),
    ("pension", "Pension liability", False, ["staff_transfer", "pension_liability", "pension_rationale"]),
    (
        "property",
        "Occupation, maintenance and repair of council property",
        True,
        ["property_involved", "property_terms", "property_rationale"],
    ),
    (
        "contingency",
        "Contingency for provider failure",
        False,
        ["failure_risk", "contingency_level", "contingency_arrangements", "contingency_rationale"],
    ),
    ("milestones", "Delivery milestones", False, ["milestones_rationale"]),
    (
        "social_value",
        "Social value (Public Services (Social Value) Act 2012)",
        False,
        ["social_value_economic", "social_value_social", "social_value_environmental"],
    ),
]


def _commercial(plan, milestones) -> dict | None:
    model = _commercial_model(plan)
    needed = any(o.channel in NEEDS_COMMERCIAL_MODEL for o in _adopted(plan))
    kpis = sorted(plan.contractkpis.all(), key=by_pk)
    if model is None and not needed:
        return None
    value = _annual_value(plan)
    result = {
        "needed": needed,
        "model": model,
        "kpis": kpis,
        "gaps": commercial.gaps(model, value, len(kpis)) if needed else [],
        "annual_value": money(value),
        "contractual_milestones": [m for m in milestones if m["milestone"].contractual],
    }
    if model is not None:
        result["terms"] = [
            {
                "key": key,
                "title": title,
                "member": member,
                "rows": [(k, v or "Not stated") for k, v in rows(model, names)],
            }
            for key, title, member, names in COMMERCIAL_TERMS
        ]
        required = commercial.required_contingency(model, value)
        result["scale"] = commercial.scale_of_failure(value)
        result["required"] = CommercialModel.Contingency(required).label if required else ""
        result["proportionate"] = bool(
            required and model.contingency_level and model.contingency_level >= required
        )
    return result


OPTION_FIELDS = [
    "description",
    "governance",
    "outcomes_achieved",
    "policy_alignment",
    "other_resources",
    "risks",
    "value_for_money_evidence",
    "decommission_impact",
]
SWOT = ["strengths", "weaknesses", "opportunities", "threats"]


def _appraisal(appraisal) -> dict:
    criteria = sorted(appraisal.criteria.all(), key=by_pk)
    options = sorted(appraisal.options.all(), key=by_pk)
    compared = plans.appraisal.compare(appraisal, options, criteria)
    scored = []
    for row in compared:
        by_criterion = {s.criterion_id: s.score for s in row.option.scores.all()}
        scored.append(
            {
                "figures": row,
                "option": row.option,
                "scores": [by_criterion.get(c.pk, "–") for c in criteria],
                "whole_life_cost": money(row.whole_life_cost),
                "whole_life_benefit": money(row.whole_life_benefit),
                "npv": money(row.npv.quantize(Decimal("1"))),
                "roi": f"{row.roi}%" if row.roi is not None else "–",
                "shown": plans.appraisal.figures_shown(row, appraisal.years),
                "score": f"{row.score}" if row.score is not None else "Not fully scored",
                "one_off": money(row.option.one_off_cost),
                "annual_cost": money(row.option.annual_cost),
                "annual_benefit": money(row.option.annual_benefit),
                "details": rows(row.option, OPTION_FIELDS, skip_blank=True),
                "swot": rows(row.option, SWOT),
            }
        )
    return {
        "appraisal": appraisal,
        "services": sorted(appraisal.services.all(), key=by_pk),
        "criteria": criteria,
        "weights": sum(c.weight for c in criteria),
        "options": scored,
        "matrix": [
            {"criterion": c, "scores": [row["scores"][i] for row in scored]} for i, c in enumerate(criteria)
        ],
        "adopted": appraisal.adopted_option,
        "baseline": next((r.option for r in compared if r.is_baseline), None),
    }


def _plan(plan, data, strategy) -> dict:
    milestones = [milestone_row(m, data.today) for m in plan.milestones.all()]
    risks = sorted((risk_row(r) for r in plan.risks.all()), key=lambda r: (-r["score"], r["risk"].pk))
    state = approval_state(
        Subject.PLAN,
        strategy,
        plan,
        requests_for(data, strategy, Subject.PLAN, plan),
        lambda: plan_snapshot(plan),
    )
    checklist = plan_checklist_items(plan)
    asked = {r.pk for r in requests_for(data, strategy, Subject.PLAN, plan)}
    return {
        "plan": plan,
        "outcomes": sorted(plan.outcomes.all(), key=by_pk),
        "budget": money(plan.current_budget),
        "staff": formatting.number(plan.current_staff) if plan.current_staff is not None else "",
        "services": [
            {"service": s, "outcomes": sorted(s.outcomes.all(), key=by_pk)}
            for s in sorted(plan.plannedservices.all(), key=by_pk)
        ],
        "appraisals": [_appraisal(a) for a in sorted(plan.optionsappraisals.all(), key=by_pk)],
        "milestones": milestones,
        "risks": risks,
        "open_risks": sum(1 for r in risks if r["risk"].status == Risk.Status.OPEN),
        "commercial": _commercial(plan, milestones),
        "checklist": checklist,
        "impact": impact_rows(plan.planimpactentrys.all()),
        "missing": [i for i in checklist if i.required and not i.done],
        "approval": state,
        "approval_tag": state_tag(state),
        "requests": request_rows(requests_for(data, strategy, Subject.PLAN, plan)),
        "records": record_rows(
            r
            for r in data.records.get(strategy.pk, [])
            if r.subject == Subject.PLAN and r.request_id in asked
        ),
    }


def plan_report(item, strategy, data) -> ItemReport:
    # A confidential plan is exempt information: only an exempt item (the confidential pack) reports it.
    found = [p for p in data.plans.get(strategy.pk, []) if item.confidential or not p.confidential]
    plans = [_plan(p, data, strategy) for p in found]
    statement = data.no_plan.get(strategy.pk)
    asked = asked_to(data.board)
    points, notes = [], []
    for p in plans:
        adopted = [
            f"{a['adopted'].name} ({a['adopted'].get_channel_display().lower()})"
            for a in p["appraisals"]
            if a["adopted"]
        ]
        what = (
            f"'{p['plan'].title}': its services analysis ({len(p['services'])} "
            f"service{'s' if len(p['services']) != 1 else ''}), its delivery analysis"
            + (f" adopting {'; '.join(adopted)}" if adopted else " (no option adopted yet)")
            + (", and its commercial model" if p["commercial"] and p["commercial"]["model"] else "")
            + "."
        )
        if asked == "approve" and not p["approval"].current:
            points.append(f"Approve the plan {what}")
        elif asked == "approve":
            points.append(
                f"Note that councillors approved the plan '{p['plan'].title}' on "
                f"{day(p['approval'].approved.closed_at)}, unchanged since."
            )
        else:
            points.append(f"The plan {what}")
        if p["missing"]:
            notes.append(
                f"'{p['plan'].title}': {len(p['missing'])} minimum requirement"
                f"{'s are' if len(p['missing']) != 1 else ' is'} not yet met (see its checklist)."
            )
        if not p["approval"].current:
            notes.append(p["approval"].reason)
    if asked == "approve":
        lead = f"The Executive is asked to decide on the commissioning plan{'s' if len(plans) != 1 else ''} for {strategy}."
    elif asked == "challenge":
        lead = (
            f"The panel is asked to challenge the delivery options and commissioning process of {strategy}."
        )
    else:
        lead = (
            f"The board is asked to scrutinise the commissioning plan{'s' if len(plans) != 1 else ''} for "
            f"{strategy}, including the services and delivery analyses and the commercial model, and to "
            "agree any recommendations to the Executive."
        )
    if not plans:
        points.append(
            "Note the statement of the reasons no plan is required."
            if statement
            else f"Note that no commissioning plan has been written yet in cycle {strategy.cycle}."
        )
    return ItemReport(
        TEMPLATE,
        {
            "item": item,
            "strategy": strategy,
            "facts": facts_of(strategy),
            "recommendation": {"lead": lead, "points": points, "notes": notes},
            "plans": plans,
            "no_plan": statement,
        },
    )


KIND = ItemKind(
    AgendaItemKind.PLAN,
    needs_strategy=True,
    template=TEMPLATE,
    builder=plan_report,
    loaders=(load_plans, load_no_plan, load_approvals),
    strategy_prefetch=(outcomes_prefetch,),
)
