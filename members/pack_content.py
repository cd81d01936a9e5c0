"""The content of each agenda item of a meeting pack: what councillors read about a strategy, a plan, a
highlight report, a gateway review, scrutiny's recommendations, decisions made, and the last minutes.

`gather(meeting, items)` returns one ItemReport (a template under packs/items/ and its context) per agenda
item. Everything is read in bulk, one query (or one prefetch) per model across every strategy on the
agenda, so the number of queries does not grow with the number of items or strategies. The functions of
other apps that query per strategy or per plan (approval state, the plan checklist, the golden thread)
are worked out here from the prefetched rows instead; tests/test_pack_content.py checks each gives the
same answer as the original. Templates only lay the context out: no queries, no logic beyond loops/ifs.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.text import get_text_list

from delivery import charts, performance, reports, selectors
from delivery.models import Contract, ReviewRecord
from gateway import assessment as key_projects
from gateway.models import Area, AreaFinding, GatewayReview, ReviewAction
from plans import appraisal as figures
from plans import checklist as plan_checklist
from plans import commercial
from plans.models import (
    NEEDS_COMMERCIAL_MODEL,
    CommercialModel,
    CommissioningPlan,
    DeliveryOption,
    Milestone,
    NoPlanStatement,
    OptionsAppraisal,
    OptionScore,
    PlannedService,
    Risk,
)
from strategies import checklist as strategy_checklist
from strategies.checklist import Item
from strategies.models import NEEDS_CONSIDERATIONS, Interdependency, PerformanceMetric, Strategy

from . import approvals, snapshots
from .approvals import State
from .models import (
    AgendaItemKind,
    ApprovalDecision,
    ApprovalRequest,
    Board,
    BoardMembership,
    DecisionRecord,
    Meeting,
    PortfolioHolder,
    Recommendation,
    Subject,
)

Kind = AgendaItemKind
Status = ApprovalRequest.Status

TEMPLATES = {kind: f"packs/items/{kind}.html" for kind in Kind.values if kind != Kind.DOCUMENT}
NO_STRATEGY_TEMPLATE = "packs/items/no_strategy.html"

# Without a previous meeting of the board, "since the last meeting" means this long before this one.
LOOKBACK = relativedelta(months=3)


@dataclass
class ItemReport:
    template: str  # e.g. "packs/items/strategy.html"
    context: dict  # everything the template lays out


# Presentation helpers ----------------------------------------------------------------------------------------


def money(value) -> str:
    """£1,250,000 or £1,250.50; '' for nothing."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"£{value:,.0f}" if value >= 0 else f"−£{-value:,.0f}"
    return f"£{value:,.2f}" if value >= 0 else f"−£{-value:,.2f}"


def day(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value:%-d %B %Y}"


def display(obj, name: str) -> str:
    """A field's value as a reader sees it: choices by label, Yes/No, dates in words, money with £."""
    model_field = obj._meta.get_field(name)
    value = getattr(obj, model_field.attname)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value) or "")
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Decimal):
        return money(value) if "£" in str(model_field.verbose_name) else reports.number(value)
    return str(value).strip()


def label(obj, name: str) -> str:
    text = str(obj._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def rows(obj, names, skip_blank=False) -> list[tuple[str, str]]:
    found = [(label(obj, n), display(obj, n)) for n in names]
    return [(k, v) for k, v in found if v] if skip_blank else found


def paragraphs(text: str) -> list[dict]:
    """A written record ("What was decided:\\n- this\\n- that\\n\\nDeclared interests: none") as paragraphs,
    each with its lead line and any "- " bullets, so the template lays out a list, not dashes."""
    out = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.rstrip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        lead = [line for line in lines if not line.lstrip().startswith("- ")]
        bullets = [line.lstrip()[2:] for line in lines if line.lstrip().startswith("- ")]
        out.append({"text": "\n".join(lead), "bullets": bullets})
    return out


STATUS_TAGS = {
    performance.ACHIEVED: "green",
    performance.WITHIN: "amber",
    performance.NOT_ACHIEVED: "red",
}
RAG = {
    AreaFinding.Rating.ASSURED: ("green", "Green"),
    AreaFinding.Rating.RESERVATIONS: ("amber", "Amber"),
    AreaFinding.Rating.NOT_ASSURED: ("red", "Red"),
}
RISK_TAGS = {"Very high": "red", "High": "red", "Medium": "amber", "Low": "green"}
VERDICT_TAGS = {
    GatewayReview.Verdict.PASSED: "green",
    GatewayReview.Verdict.PASSED_WITH_CONDITIONS: "amber",
    GatewayReview.Verdict.NOT_PASSED: "red",
}
RECOMMENDATION_TAGS = {
    Recommendation.Status.AWAITING: "blue",
    Recommendation.Status.ACCEPTED: "green",
    Recommendation.Status.IMPLEMENTED: "green",
    Recommendation.Status.PARTLY_ACCEPTED: "amber",
    Recommendation.Status.NOT_ACCEPTED: "red",
}
RESULT_TAGS = {
    Status.APPROVED: "green",
    Status.CHANGES_REQUESTED: "amber",
    Status.REFUSED: "red",
    Status.OPEN: "blue",
    Status.WITHDRAWN: "grey",
}


def state_tag(state: State) -> str:
    """The approval state's colour on the strategy page (State.tag), named as items.css names it."""
    colour = state.tag.removeprefix("govuk-tag--")
    return "amber" if colour == "yellow" else colour


# Work that other modules do per strategy or per plan, done here on prefetched rows -------------------------


def outcomes_snapshot(strategy) -> dict:
    """snapshots.of_outcomes(strategy), which reads the parts `_Data` prefetched (no queries)."""
    return snapshots.of_outcomes(strategy)


def plan_snapshot(plan) -> dict:
    """snapshots.of_plan(plan), which reads the rows `_plans()` prefetched (no queries)."""
    return snapshots.of_plan(plan)


def _pk(obj):
    return obj.pk


def _commercial_model(plan):
    return getattr(plan, "commercial_model", None)  # the reverse one-to-one raises an AttributeError


def approval_state(subject, strategy, plan, requests, current_snapshot) -> State:
    """members.approvals.state(), from the requests already read and the snapshot worked out here."""
    return approvals.state(strategy, subject, plan, requests=requests, current=current_snapshot)


def strategy_checklist_items(strategy) -> list[Item]:
    """strategies.checklist.build(strategy), with the counts taken from the prefetched parts."""
    scope = list(strategy.scopeitems.all())
    counts = {name: len(getattr(strategy, name).all()) for name, *_ in strategy_checklist.LIST_PARTS}
    counts["scope_in"] = sum(1 for s in scope if s.in_scope)
    counts["scope_out"] = sum(1 for s in scope if not s.in_scope)
    strategy._part_counts = counts
    return strategy_checklist.build(strategy)


def plan_checklist_items(plan) -> list[Item]:
    """plans.checklist.build(plan), which reads the rows `_plans()` prefetched (no queries)."""
    return plan_checklist.build(plan)


def _adopted(plan) -> list:
    return [a.adopted_option for a in sorted(plan.optionsappraisals.all(), key=_pk) if a.adopted_option_id]


def _annual_value(plan):
    """The annual cost of the adopted options that need a commercial model (the scale of a failure)."""
    return sum((o.annual_cost for o in _adopted(plan) if o.channel in NEEDS_COMMERCIAL_MODEL), start=0)


def golden_thread(strategy, plans, contracts, positions) -> reports.GoldenThread:
    """delivery.reports.thread(strategy), from rows already read: this cycle's plans (by `_plans()`), the
    strategy's contracts (option and plan selected) and its KPIs' positions."""
    plans = sorted((p for p in plans if p.cycle == strategy.cycle), key=_pk)
    return reports.assemble(
        sorted(strategy.outcomes.all(), key=_pk),
        plans,
        [s for p in plans for s in sorted(p.plannedservices.all(), key=_pk)],
        sorted((c for c in contracts if c.plan.cycle == strategy.cycle), key=_pk),
        sorted(positions, key=lambda p: p.kpi.pk),
    )


# Reading everything at once ----------------------------------------------------------------------------------


def _plans(strategy_ids):
    """This cycle's plans of these strategies, with everything a plan report, the plan checklist, the plan
    snapshot and the golden thread read. A fixed number of queries."""
    appraisals = OptionsAppraisal.objects.select_related("adopted_option").order_by("pk")
    return list(
        CommissioningPlan.objects.filter(strategy__in=strategy_ids, cycle=F("strategy__cycle"))
        .select_related("commercial_model")
        .prefetch_related(
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
        )
        .order_by("strategy_id", "pk")
    )


class _Data:
    """Everything the agenda's reports need, read once."""

    def __init__(self, meeting, items):
        self.meeting = meeting
        self.board = meeting.board
        self.today = timezone.localdate()
        kinds = {item.kind for item in items}
        ids = sorted({item.strategy_id for item in items if item.strategy_id})
        self.strategies = self._strategies(ids, kinds)
        live = list(self.strategies.values())

        self.plans = self.no_plan = self.requests = self.records = self.reviews = None
        if kinds & {Kind.PLAN, Kind.HIGHLIGHT}:
            plans = _plans(ids)
            self.plans = by_strategy(plans)
        if Kind.PLAN in kinds:
            self.no_plan = {
                n.strategy_id: n
                for n in NoPlanStatement.objects.filter(strategy__in=ids, cycle=F("strategy__cycle"))
            }
        if kinds & {Kind.STRATEGY, Kind.PLAN}:
            requests = (
                ApprovalRequest.objects.filter(strategy__in=ids)
                .exclude(status=Status.WITHDRAWN)
                .select_related("requested_by", "plan")
                .prefetch_related("approvers", Prefetch("decisions", queryset=_decisions()))
                .order_by("-requested_at", "-pk")
            )
            self.requests = by = defaultdict(list)
            for r in requests:
                by[(r.strategy_id, r.cycle, r.subject, r.plan_id)].append(r)
            self.records = by_strategy(
                DecisionRecord.objects.filter(strategy__in=ids).order_by("-decided_at", "-pk")
            )
        if kinds & {Kind.STRATEGY, Kind.HIGHLIGHT}:
            self.reviews = {
                (r.strategy_id, r.cycle): r for r in ReviewRecord.objects.filter(strategy__in=ids)
            }
        if Kind.HIGHLIGHT in kinds:
            kpis = selectors.kpis_with_actuals().filter(strategy__in=ids).order_by("strategy_id", "pk")
            self.positions = by_strategy(selectors.positions(kpis), key=lambda p: p.kpi.strategy_id)
            self.contracts = by_strategy(
                Contract.objects.filter(strategy__in=ids)
                .select_related("option", "plan")
                .prefetch_related("checks")
                .order_by("end_date", "pk")
            )
        if Kind.GATEWAY in kinds:
            self.gateway_reviews = by_strategy(
                GatewayReview.objects.filter(strategy__in=ids)
                .select_related("scheduled_by", "completed_by")
                .prefetch_related(
                    "findings", Prefetch("actions", queryset=ReviewAction.objects.select_related("owner"))
                )
                .order_by("-scheduled_for", "-pk")
            )
            self.assessments = key_projects.assess_many(live)
            self.panels = list(
                Board.objects.filter(kind=Board.Kind.GATEWAY_PANEL).prefetch_related(
                    Prefetch("memberships", queryset=BoardMembership.objects.select_related("member"))
                )
            )
        if kinds & {Kind.RECOMMENDATIONS, Kind.DECISIONS, Kind.MINUTES}:
            self.previous = (
                Meeting.objects.filter(board_id=meeting.board_id, starts_at__lt=meeting.starts_at)
                .order_by("-starts_at", "-pk")
                .first()
            )
            self.since = self.previous.starts_at if self.previous else meeting.starts_at - LOOKBACK
        if Kind.RECOMMENDATIONS in kinds:
            self.recommendations = list(
                Recommendation.objects.filter(board_id=meeting.board_id)
                .filter(Q(status=Recommendation.Status.AWAITING) | Q(responded_at__gte=self.since))
                .select_related("strategy", "made_by", "responded_by")
                .order_by("strategy__reference", "made_at", "pk")
            )
        if Kind.DECISIONS in kinds:
            self.decisions = list(
                DecisionRecord.objects.filter(decided_at__gte=self.since, decided_at__lt=meeting.starts_at)
                .select_related("strategy")
                .order_by("-decided_at", "-pk")
            )

    @staticmethod
    def _strategies(ids, kinds):
        prefetch = [
            "commissioners",
            Prefetch("portfolio_holders", queryset=PortfolioHolder.objects.select_related("councillor")),
        ]
        if kinds & {Kind.STRATEGY, Kind.PLAN, Kind.HIGHLIGHT}:
            prefetch.append(Prefetch("outcomes", queryset=_ordered("outcomes")))
        if Kind.STRATEGY in kinds:
            prefetch += [
                Prefetch(name, queryset=_ordered(name))
                for name in (
                    "evidenceitems",
                    "scopeitems",
                    "stakeholders",
                    "serviceareacontributions",
                    "influentialdocuments",
                    "startingpositionitems",
                )
            ]
            prefetch += [
                Prefetch(
                    "performancemetrics",
                    queryset=PerformanceMetric.objects.select_related("outcome").order_by("pk"),
                ),
                Prefetch("interdependencys", queryset=Interdependency.objects.select_related("other")),
                Prefetch(
                    "interdependents",
                    queryset=Interdependency.objects.select_related("strategy").order_by(
                        "strategy__reference"
                    ),
                ),
            ]
        found = (
            Strategy.objects.filter(pk__in=ids)
            .select_related("directorate", "accountable_commissioner", "referral__board")
            .prefetch_related(*prefetch)
        )
        return {s.pk: s for s in found}


def _ordered(related_name):
    return Strategy._meta.get_field(related_name).related_model.objects.order_by("pk")


def _decisions():
    return ApprovalDecision.objects.select_related("approver").order_by("decided_at", "pk")


def by_strategy(rows, key=lambda row: row.strategy_id) -> dict[int, list]:
    found = defaultdict(list)
    for row in rows:
        found[key(row)].append(row)
    return found


# The reports ------------------------------------------------------------------------------------------------


def _asked(board) -> str:
    """What a board of this kind does with an item: approve, scrutinise, challenge."""
    if board.kind == Board.Kind.EXECUTIVE:
        return "approve"
    if board.kind == Board.Kind.GATEWAY_PANEL:
        return "challenge"
    return "scrutinise"


def _people(users) -> str:
    return get_text_list([str(u) for u in users], "and")


def _facts(strategy) -> list[tuple[str, str]]:
    referral = getattr(strategy, "referral", None)
    holders = [h.councillor for h in strategy.portfolio_holders.all()]
    facts = [
        ("Reference", strategy.reference),
        ("Strategy", strategy.title),
        ("Directorate", str(strategy.directorate)),
        ("Stage", f"{strategy.get_stage_display()} (commissioning cycle {strategy.cycle})"),
        ("Accountable commissioner", str(strategy.accountable_commissioner)),
        (
            "Other commissioners",
            _people(sorted(strategy.commissioners.all(), key=str)) or "None",
        ),
        ("Portfolio holders", _people(holders) or "None assigned"),
        ("Referred for scrutiny to", str(referral.board) if referral else "Not referred"),
    ]
    if strategy.is_joint:
        facts.append(("Joint strategy led by", strategy.lead_partner or "Partner not named"))
    return facts


def _requests(data, strategy, subject, plan=None):
    if data.requests is None:
        return []
    cycle = plan.cycle if plan else strategy.cycle
    return data.requests.get((strategy.pk, cycle, subject, plan.pk if plan else None), [])


def _request_rows(requests) -> list[dict]:
    out = []
    for r in requests:
        out.append(
            {
                "request": r,
                "approvers": _people(sorted(r.approvers.all(), key=str)),
                "tag": RESULT_TAGS.get(r.status, "grey"),
                "decisions": [
                    {
                        "approver": str(d.approver),
                        "kind": d.get_kind_display(),
                        "reasons": d.reasons,
                        "conflict": d.conflict_details if d.conflict_declared else "",
                        "at": d.decided_at,
                    }
                    for d in r.decisions.all()
                ],
            }
        )
    return out


def _records(records) -> list[dict]:
    return [
        {"record": r, "paragraphs": paragraphs(r.summary), "tag": RESULT_TAGS.get(r.result, "grey")}
        for r in records
    ]


def _metric(m) -> dict:
    return {
        "metric": m,
        "baseline": reports.amount(m.baseline, m.unit),
        "target": reports.amount(m.target, m.unit),
    }


def strategy_report(item, strategy, data) -> ItemReport:
    outcomes = list(strategy.outcomes.all())
    metrics = list(strategy.performancemetrics.all())
    by_outcome = by_strategy(metrics, key=lambda m: m.outcome_id)
    checklist = strategy_checklist_items(strategy)
    missing = [i for i in checklist if i.required and not i.done]
    state = approval_state(
        Subject.OUTCOMES,
        strategy,
        None,
        _requests(data, strategy, Subject.OUTCOMES),
        lambda: outcomes_snapshot(strategy),
    )
    records = [r for r in data.records.get(strategy.pk, []) if r.subject == Subject.OUTCOMES]
    starting = list(strategy.startingpositionitems.all())
    scope = list(strategy.scopeitems.all())
    asked = _asked(data.board)
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
    lessons = (data.reviews or {}).get((strategy.pk, strategy.cycle - 1)) if strategy.cycle > 1 else None
    return ItemReport(
        TEMPLATES[Kind.STRATEGY],
        {
            "item": item,
            "strategy": strategy,
            "facts": _facts(strategy),
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
            "requests": _request_rows(_requests(data, strategy, Subject.OUTCOMES)),
            "records": _records(records),
            "lessons": lessons,
        },
    )


# The commercial model's terms, in the order seed 002 lists them; `member` marks the ones members may want to
# be engaged on. Every field of CommercialModel is in one group (a test checks it).
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
    kpis = sorted(plan.contractkpis.all(), key=_pk)
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
    criteria = sorted(appraisal.criteria.all(), key=_pk)
    options = sorted(appraisal.options.all(), key=_pk)
    compared = figures.compare(appraisal, options, criteria)
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
        "services": sorted(appraisal.services.all(), key=_pk),
        "criteria": criteria,
        "weights": sum(c.weight for c in criteria),
        "options": scored,
        "matrix": [
            {"criterion": c, "scores": [row["scores"][i] for row in scored]} for i, c in enumerate(criteria)
        ],
        "adopted": appraisal.adopted_option,
    }


def _milestone(m, today) -> dict:
    late = m.status in (Milestone.Status.NOT_STARTED, Milestone.Status.IN_PROGRESS) and m.due_date < today
    if m.status == Milestone.Status.MET:
        tag = "green"
    elif late or m.status == Milestone.Status.MISSED:
        tag = "red"
    elif m.status == Milestone.Status.REPLANNED:
        tag = "amber"
    else:
        tag = "grey"
    return {
        "milestone": m,
        "late": late,
        "exception": late or m.status in (Milestone.Status.MISSED, Milestone.Status.REPLANNED),
        "tag": tag,
    }


def _risk(r) -> dict:
    return {"risk": r, "score": r.score, "rating": r.rating, "tag": RISK_TAGS[r.rating]}


def _plan(plan, data, strategy) -> dict:
    milestones = [_milestone(m, data.today) for m in plan.milestones.all()]
    risks = sorted((_risk(r) for r in plan.risks.all()), key=lambda r: (-r["score"], r["risk"].pk))
    state = approval_state(
        Subject.PLAN,
        strategy,
        plan,
        _requests(data, strategy, Subject.PLAN, plan),
        lambda: plan_snapshot(plan),
    )
    checklist = plan_checklist_items(plan)
    asked = {r.pk for r in _requests(data, strategy, Subject.PLAN, plan)}
    return {
        "plan": plan,
        "outcomes": sorted(plan.outcomes.all(), key=_pk),
        "budget": money(plan.current_budget),
        "staff": reports.number(plan.current_staff) if plan.current_staff is not None else "",
        "services": [
            {"service": s, "outcomes": sorted(s.outcomes.all(), key=_pk)}
            for s in sorted(plan.plannedservices.all(), key=_pk)
        ],
        "appraisals": [_appraisal(a) for a in sorted(plan.optionsappraisals.all(), key=_pk)],
        "milestones": milestones,
        "risks": risks,
        "open_risks": sum(1 for r in risks if r["risk"].status == Risk.Status.OPEN),
        "commercial": _commercial(plan, milestones),
        "checklist": checklist,
        "missing": [i for i in checklist if i.required and not i.done],
        "approval": state,
        "approval_tag": state_tag(state),
        "requests": _request_rows(_requests(data, strategy, Subject.PLAN, plan)),
        "records": _records(
            r
            for r in data.records.get(strategy.pk, [])
            if r.subject == Subject.PLAN and r.request_id in asked
        ),
    }


def plan_report(item, strategy, data) -> ItemReport:
    plans = [_plan(p, data, strategy) for p in data.plans.get(strategy.pk, [])]
    statement = data.no_plan.get(strategy.pk)
    asked = _asked(data.board)
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
        TEMPLATES[Kind.PLAN],
        {
            "item": item,
            "strategy": strategy,
            "facts": _facts(strategy),
            "recommendation": {"lead": lead, "points": points, "notes": notes},
            "plans": plans,
            "no_plan": statement,
        },
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
    contracts = data.contracts.get(strategy.pk, [])
    plans = data.plans.get(strategy.pk, [])
    thread = golden_thread(strategy, plans, contracts, positions)
    kpis = []
    for p in positions:
        row = reports.Row(p, charts.trend(p.series, p.kpi.target, p.kpi.unit))
        kpis.append(
            {
                "row": row,
                "kpi": p.kpi,
                "tag": STATUS_TAGS.get(p.status, "grey"),
                "actuals": [
                    {"m": m, "value": reports.amount(m.value, p.kpi.unit)} for m in p.kpi.measurements.all()
                ],
                "period": p.latest[0] if p.latest else None,
            }
        )
    milestones = [
        {**_milestone(m, data.today), "plan": plan} for plan in plans for m in plan.milestones.all()
    ]
    risks = [
        {**_risk(r), "plan": plan}
        for plan in plans
        for r in plan.risks.all()
        if r.status == Risk.Status.OPEN and r.score >= 10
    ]
    risks.sort(key=lambda r: -r["score"])
    reviews = [r for (sid, _cycle), r in (data.reviews or {}).items() if sid == strategy.pk]
    review = max(reviews, key=lambda r: r.cycle) if reviews else None
    summary = reports.summary(positions)
    exceptions = [k for k in kpis if k["row"].position.status == performance.NOT_ACHIEVED]
    return ItemReport(
        TEMPLATES[Kind.HIGHLIGHT],
        {
            "item": item,
            "strategy": strategy,
            "facts": _facts(strategy),
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


def gateway_report(item, strategy, data) -> ItemReport:
    reviews = []
    for review in data.gateway_reviews.get(strategy.pk, []):
        findings = sorted(review.findings.all(), key=_pk)
        covered = {f.area for f in findings}
        reviews.append(
            {
                "review": review,
                "verdict_tag": VERDICT_TAGS.get(review.verdict, "grey"),
                "findings": [
                    {"finding": f, "tag": RAG[f.rating][0], "rag": RAG[f.rating][1]} for f in findings
                ],
                "not_covered": [a.label for a in Area if a.value not in covered] if findings else [],
                "actions": [
                    {
                        "action": a,
                        "overdue": a.overdue,
                        "tag": "red"
                        if a.overdue
                        else {"done": "green", "withdrawn": "grey"}.get(a.status, "blue"),
                    }
                    for a in review.actions.all()
                ],
            }
        )
    assessed = data.assessments.get(strategy.pk)
    open_actions = sum(1 for r in reviews for a in r["actions"] if a["action"].status == "open")
    overdue = sum(1 for r in reviews for a in r["actions"] if a["overdue"])
    return ItemReport(
        TEMPLATES[Kind.GATEWAY],
        {
            "item": item,
            "strategy": strategy,
            "facts": _facts(strategy),
            "assessment": assessed,
            "value": money(assessed.value) if assessed else "",
            "reviews": reviews,
            "latest": reviews[0] if reviews else None,
            "open_actions": open_actions,
            "overdue_actions": overdue,
            "panels": [
                {
                    "board": b,
                    "members": [f"{m.member} ({m.get_role_display().lower()})" for m in b.memberships.all()],
                }
                for b in data.panels
            ],
        },
    )


def recommendations_report(item, strategy, data) -> ItemReport:
    found = [r for r in data.recommendations if strategy is None or r.strategy_id == strategy.pk]
    groups: dict[int, dict] = {}
    for r in found:
        group = groups.setdefault(r.strategy_id, {"strategy": r.strategy, "recommendations": []})
        group["recommendations"].append(
            {
                "r": r,
                "tag": "red" if r.overdue else RECOMMENDATION_TAGS.get(r.status, "grey"),
                "overdue": r.overdue,
            }
        )
    return ItemReport(
        TEMPLATES[Kind.RECOMMENDATIONS],
        {
            "item": item,
            "strategy": strategy,
            "board": data.board,
            "previous": data.previous,
            "since": data.since,
            "groups": list(groups.values()),
            "count": len(found),
            "awaiting": sum(1 for r in found if r.status == Recommendation.Status.AWAITING),
            "overdue": sum(1 for r in found if r.overdue),
        },
    )


def decisions_report(item, strategy, data) -> ItemReport:
    found = [r for r in data.decisions if strategy is None or r.strategy_id == strategy.pk]
    return ItemReport(
        TEMPLATES[Kind.DECISIONS],
        {
            "item": item,
            "strategy": strategy,
            "board": data.board,
            "previous": data.previous,
            "since": data.since,
            "records": _records(found),
        },
    )


def minutes_report(item, strategy, data) -> ItemReport:
    previous = data.previous
    return ItemReport(
        TEMPLATES[Kind.MINUTES],
        {
            "item": item,
            "board": data.board,
            "previous": previous,
            "minutes": previous.minutes.strip() if previous else "",
        },
    )


BUILDERS = {
    Kind.STRATEGY: strategy_report,
    Kind.PLAN: plan_report,
    Kind.HIGHLIGHT: highlight_report,
    Kind.GATEWAY: gateway_report,
    Kind.RECOMMENDATIONS: recommendations_report,
    Kind.DECISIONS: decisions_report,
    Kind.MINUTES: minutes_report,
}
NEEDS_STRATEGY = {Kind.STRATEGY, Kind.PLAN, Kind.HIGHLIGHT, Kind.GATEWAY}


def gather(meeting, items) -> dict[int, ItemReport]:
    """One ItemReport per agenda item pk (uploaded documents are left out). The number of queries does not
    grow with the number of items or strategies: each model is read once for every strategy on the agenda."""
    items = [i for i in items if i.kind != Kind.DOCUMENT]
    if not items:
        return {}
    data = _Data(meeting, items)
    reports_ = {}
    for item in items:
        strategy = data.strategies.get(item.strategy_id) if item.strategy_id else None
        if item.kind in NEEDS_STRATEGY and strategy is None:
            reports_[item.pk] = ItemReport(NO_STRATEGY_TEMPLATE, {"item": item})
            continue
        reports_[item.pk] = BUILDERS[item.kind](item, strategy, data)
    return reports_
